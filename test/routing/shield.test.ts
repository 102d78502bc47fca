// The abuse shield's counting policy (B3), as the Durable Object will apply it call by call.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCall, mergeShieldPolicy, shieldStateExpiresAt, type ShieldState } from '../../worker/routing/shield';

const MIN = 60_000;
const policy = { limit: 5, windowMinutes: 10, coolOffMinutes: 30 };

function replay(times: number[], p = policy) {
  let state: ShieldState | null = null;
  return times.map((t) => {
    const r = countCall(state, p, t);
    state = r.state;
    return r.verdict;
  });
}

describe('countCall', () => {
  it('6 calls at the same moment with a limit of 5: exactly one refused, the sixth', () => {
    const verdicts = replay(Array<number>(6).fill(1_000_000));
    expect(verdicts.map((v) => v.limited)).toEqual([false, false, false, false, false, true]);
    expect(verdicts[5]).toEqual({ limited: true, count: 6, limit: 5, windowMinutes: 10, coolOffUntil: 1_000_000 + 30 * MIN });
    expect(verdicts[4]).toEqual({ limited: false, count: 5, limit: 5, windowMinutes: 10, coolOffUntil: null });
  });

  it('6 calls a few ms apart, reaching the object out of order: still exactly one refused, the last to arrive', () => {
    // Each call carries its own carrier instant; under load the object sees them in any order.
    const verdicts = replay([1_000_004, 1_000_001, 1_000_005, 1_000_000, 1_000_003, 1_000_002]);
    expect(verdicts.map((v) => v.limited)).toEqual([false, false, false, false, false, true]);
    expect(verdicts[5]?.count).toBe(6);
  });

  it('property: calls inside one window, in any arrival order, let exactly `limit` through', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 12 }), (limit, offsets) => {
        const verdicts = replay(
          offsets.map((o) => 1_000_000 + o),
          { ...policy, limit },
        );
        expect(verdicts.filter((v) => !v.limited)).toHaveLength(Math.min(limit, offsets.length));
        expect(verdicts.slice(0, limit).every((v) => !v.limited)).toBe(true);
      }),
    );
  });

  it('refused through the cool-off even once the window has emptied; through again after it', () => {
    const t0 = 1_000_000;
    const verdicts = replay([t0, t0, t0, t0, t0, t0, t0 + 20 * MIN, t0 + 30 * MIN - 1, t0 + 30 * MIN]);
    expect(verdicts.map((v) => v.limited)).toEqual([false, false, false, false, false, true, true, true, false]);
    expect(verdicts[6]?.coolOffUntil).toBe(t0 + 30 * MIN);
    expect(verdicts[8]?.count).toBe(1);
  });

  it('calls spread wider than the window are never refused', () => {
    const verdicts = replay(Array.from({ length: 20 }, (_, i) => i * 2.5 * MIN));
    expect(verdicts.every((v) => !v.limited)).toBe(true);
    expect(Math.max(...verdicts.map((v) => v.count))).toBe(4);
  });

  it('without a cool-off, a refused caller gets through as soon as the window has room', () => {
    const p = { ...policy, limit: 2, coolOffMinutes: 0 };
    const verdicts = replay([0, 1, 2, 10 * MIN, 10 * MIN + 1], p);
    expect(verdicts.map((v) => v.limited)).toEqual([false, false, true, false, false]);
  });

  it('property: in any window, at most `limit` calls get through, and stored state stays bounded', () => {
    fc.assert(
      fc.property(
        fc.record({ limit: fc.integer({ min: 1, max: 6 }), windowMinutes: fc.integer({ min: 1, max: 30 }), coolOffMinutes: fc.integer({ min: 0, max: 60 }) }),
        fc.array(fc.integer({ min: 0, max: 120 * MIN }), { maxLength: 60 }),
        (p, raw) => {
          const times = [...raw].sort((a, b) => a - b);
          let state: ShieldState | null = null;
          const admitted: number[] = [];
          for (const t of times) {
            const r = countCall(state, p, t);
            state = r.state;
            expect(r.state.attempts.length).toBeLessThanOrEqual(p.limit);
            if (!r.verdict.limited) admitted.push(t);
            // A refusal only when the window is full or a cool-off runs.
            if (r.verdict.limited) expect(r.verdict.count > p.limit || (r.verdict.coolOffUntil !== null && t < r.verdict.coolOffUntil)).toBe(true);
          }
          for (const t of admitted) {
            expect(admitted.filter((u) => u > t - p.windowMinutes * MIN && u <= t).length).toBeLessThanOrEqual(p.limit);
          }
        },
      ),
    );
  });

  it('the state can be forgotten once its window and cool-off have passed', () => {
    const { state } = countCall(null, policy, 1_000);
    expect(shieldStateExpiresAt(state, policy)).toBe(1_000 + 10 * MIN);
    expect(shieldStateExpiresAt({ attempts: [1_000], coolOffUntil: 1_000 + 30 * MIN }, policy)).toBe(1_000 + 30 * MIN);
  });
});

describe('mergeShieldPolicy', () => {
  const org = { limit: 5, windowMinutes: 10, coolOffMinutes: 30 };
  it('personal fields over the org’s, one by one; a limit of 0 on either side is off', () => {
    expect(mergeShieldPolicy(org, null)).toEqual(org);
    expect(mergeShieldPolicy(org, { limit: null, windowMinutes: 60, coolOffMinutes: null })).toEqual({ limit: 5, windowMinutes: 60, coolOffMinutes: 30 });
    expect(mergeShieldPolicy(org, { limit: 0, windowMinutes: null, coolOffMinutes: null })).toBeNull();
    expect(mergeShieldPolicy({ ...org, limit: 0 }, null)).toBeNull();
    expect(mergeShieldPolicy({ ...org, limit: 0 }, { limit: 3, windowMinutes: null, coolOffMinutes: 5 })).toEqual({
      limit: 3,
      windowMinutes: 10,
      coolOffMinutes: 5,
    });
  });
});
