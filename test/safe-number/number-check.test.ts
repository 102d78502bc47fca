import { describe, expect, it } from 'vitest';
import { numberCheckSteps, type CheckFacts } from '../../worker/safe-number/number-check';

const good: CheckFacts = {
  hasNumber: true,
  hasMobile: true,
  stored: 'current',
  compiled: true,
  settings: { TELNYX_API_KEY: true, TELNYX_CONNECTION_ID: true, TELNYX_PUBLIC_KEY: true },
  simulator: false,
  now: { status: 'connect', rule: null },
};
const states = (f: CheckFacts) => Object.fromEntries(numberCheckSteps(f).steps.map((s) => [s.id, s.state]));

describe('number check steps', () => {
  it('all pass for a number set up right', () => {
    expect(numberCheckSteps(good).ok).toBe(true);
    expect(states(good)).toEqual({ number: 'ok', mobile: 'ok', snapshot: 'ok', carrier: 'ok', webhooks: 'ok', route: 'ok' });
  });

  it('names the missing carrier settings (never their values) and fails', () => {
    const r = numberCheckSteps({ ...good, settings: { TELNYX_API_KEY: false, TELNYX_CONNECTION_ID: true, TELNYX_PUBLIC_KEY: false } });
    expect(r.ok).toBe(false);
    expect(r.steps.find((s) => s.id === 'carrier')).toEqual({ id: 'carrier', state: 'fail', facts: { missing: ['TELNYX_API_KEY'], simulator: false } });
    expect(r.steps.find((s) => s.id === 'webhooks')).toEqual({ id: 'webhooks', state: 'fail', facts: { missing: ['TELNYX_PUBLIC_KEY'] } });
  });

  it('a repaired snapshot passes; a number not connecting now warns, unless nobody can be rung', () => {
    expect(states({ ...good, stored: 'stale' }).snapshot).toBe('repaired');
    expect(numberCheckSteps({ ...good, stored: 'missing' }).ok).toBe(true);
    expect(states({ ...good, now: { status: 'after_hours', rule: 'hours' } }).route).toBe('warn');
    expect(states({ ...good, now: { status: 'paused', rule: 'paused' } }).route).toBe('warn');
    const nobody = numberCheckSteps({ ...good, hasMobile: false, now: { status: 'unavailable', rule: 'unavailable' } });
    expect(nobody.ok).toBe(false);
    expect(nobody.steps.filter((s) => s.state === 'fail').map((s) => s.id)).toEqual(['mobile', 'route']);
  });

  it('without a number the number’s own steps are skipped', () => {
    expect(states({ ...good, hasNumber: false, stored: null, compiled: false, now: null })).toMatchObject({
      number: 'fail',
      snapshot: 'skipped',
      route: 'skipped',
    });
  });
});
