// Number check (S7): each step passed or failed; a stale or wrong snapshot is rebuilt on the spot;
// carrier settings are named, never shown.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { routingSnapshots, users } from '../../worker/db/schema';
import { SNAPSHOT_VERSION } from '../../worker/routing/snapshot';
import { orgWithUser } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

type Step = { id: string; state: string; facts: Record<string, unknown> };
type Check = { ok: boolean; steps: Step[]; number: { national: string } | null };
const state = (c: Check) => Object.fromEntries(c.steps.map((s) => [s.id, s.state]));

describe('POST /api/me/number-check', () => {
  it('passes every step for a number set up right (the test carrier is the simulator)', async () => {
    const s = await staffWithNumber();
    // Make the engine's answer now "connect" whenever the test runs: free of hours for this check.
    await s.client.fetch('/api/me/schedule', { method: 'PUT', json: { workStartTime: '00:00', workEndTime: '23:59', weekdays: 127 } });
    await s.client.fetch('/api/me/number-check', { method: 'POST' });
    const res = await s.client.fetch('/api/me/number-check', { method: 'POST' });
    expect(res.status).toBe(200);
    const check = await res.json<Check>();
    const text = JSON.stringify(check);
    expect(text).not.toContain(env.TELNYX_API_KEY ?? 'no key');
    expect(check.steps.find((x) => x.id === 'carrier')?.facts).toEqual({ missing: [], simulator: true });
    expect(state(check)).toMatchObject({ number: 'ok', mobile: 'ok', snapshot: 'ok', carrier: 'ok', webhooks: 'ok' });
    // Unless today is a public holiday (or the minute 23:59), callers connect now.
    expect(['ok', 'warn']).toContain(state(check).route);
  });

  it('rebuilds a stale snapshot and says it did', async () => {
    const s = await staffWithNumber();
    await globalDb(env).update(routingSnapshots).set({ version: 0 }).where(eq(routingSnapshots.e164, s.e164));
    const check = await (await s.client.fetch('/api/me/number-check', { method: 'POST' })).json<Check>();
    expect(check.steps.find((x) => x.id === 'snapshot')).toEqual({ id: 'snapshot', state: 'repaired', facts: { stored: 'stale' } });
    const row = await globalDb(env).select().from(routingSnapshots).where(eq(routingSnapshots.e164, s.e164)).get();
    expect(row?.version).toBe(SNAPSHOT_VERSION);
    const again = await (await s.client.fetch('/api/me/number-check', { method: 'POST' })).json<Check>();
    expect(state(again).snapshot).toBe('ok');
  });

  it('a snapshot that differs from the settings (changed behind the API) is rebuilt', async () => {
    const s = await staffWithNumber();
    await globalDb(env).update(users).set({ mobile: '+821044445555' }).where(eq(users.id, s.owner.id));
    const check = await (await s.client.fetch('/api/me/number-check', { method: 'POST' })).json<Check>();
    expect(check.steps.find((x) => x.id === 'snapshot')?.facts).toEqual({ stored: 'different' });
  });

  it('no mobile: the mobile step fails and callers cannot be connected', async () => {
    const s = await staffWithNumber({ mobile: null });
    const check = await (await s.client.fetch('/api/me/number-check', { method: 'POST' })).json<Check>();
    expect(check.ok).toBe(false);
    expect(state(check).mobile).toBe('fail');
  });

  it('no number: the first step fails and the number’s steps are skipped', async () => {
    const { client } = await orgWithUser('staff');
    const check = await (await client.fetch('/api/me/number-check', { method: 'POST' })).json<Check>();
    expect(check).toMatchObject({ ok: false, number: null });
    expect(state(check)).toMatchObject({ number: 'fail', snapshot: 'skipped', route: 'skipped' });
  });
});
