// The test clock (issue 16): `npm run test:clocks` runs this suite with TEST_CLOCK at a Sunday, a
// public holiday, 23:59:30 in Seoul and a DST day elsewhere, and TZ set. These tests hold that the
// override really moves the clock the worker and its Durable Objects read, and that the machine's
// zone never reaches workerd.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { pinClock, pinnedInstant, realNow } from './clock';
import { placeCall, safeNumber, sessionView, sim, waitForSession, type SimView } from './fixtures/calls';
import { WORKING_INSTANT } from './fixtures/flow-kit';

describe('the test clock', () => {
  it('pinClock moves now (Date.now, new Date(), Date()) and nothing else, and undoes', () => {
    const real = Date.now();
    const undo = pinClock(Date.parse('2031-02-03T04:05:06Z'));
    try {
      expect(Date.now() - Date.parse('2031-02-03T04:05:06Z')).toBeGreaterThanOrEqual(0);
      expect(Date.now() - Date.parse('2031-02-03T04:05:06Z')).toBeLessThan(1_000);
      expect(new Date().getUTCFullYear()).toBe(2031);
      expect(Date()).toContain('2031');
      // Explicit instants and the static helpers are the real Date's.
      expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
      expect(new Date(2020, 0, 1).getFullYear()).toBe(2020);
      expect(Date.UTC(2020, 0, 1)).toBe(1577836800000);
      expect(new Date()).toBeInstanceOf(Date);
    } finally {
      undo();
    }
    expect(Math.abs(Date.now() - real)).toBeLessThan(60_000);
  });

  it('pinClock translates Durable Object alarms: "now + 1 s" on the pinned clock is 1 s from now on the real one', async () => {
    const real = realNow();
    let stored: number | null = null;
    const storage = {
      getAlarm: async () => stored,
      setAlarm: async (at: number | Date) => {
        stored = new Date(at).getTime();
      },
    };
    const undo = pinClock(Date.parse('2031-02-03T04:05:06Z'), storage);
    try {
      await storage.setAlarm(Date.now() + 1_000);
      expect(stored! - real).toBeGreaterThanOrEqual(1_000);
      expect(stored! - real).toBeLessThan(2_000);
      expect((await storage.getAlarm())! - Date.now()).toBeGreaterThan(0);
      expect((await storage.getAlarm())! - Date.now()).toBeLessThanOrEqual(1_000);
    } finally {
      undo();
    }
    await storage.setAlarm(12_345);
    expect(stored).toBe(12_345);
  });

  it('a TEST_CLOCK that is no instant fails the run instead of running on the real clock', () => {
    expect(() => pinnedInstant('next sunday')).toThrow(/TEST_CLOCK/);
    expect(pinnedInstant('')).toBeNull();
    expect(pinnedInstant('2026-12-06T23:59:30+09:00')).toBe(Date.parse('2026-12-06T14:59:30Z'));
  });

  it('the worker and its Durable Objects read the same clock as the test (pinned or not)', async () => {
    const before = Date.now();
    const n = await safeNumber();
    const sessionId = await placeCall({ to: n.e164, at: WORKING_INSTANT });
    await waitForSession(sessionId, (v) => v.timers.length > 0);
    const view = await sim<SimView>(`/api/sessions/${sessionId}`);
    const session = await sessionView(sessionId);
    const after = Date.now();
    // The simulator's object stamps its log with its own Date.now(); the CallSession's timers are its now + a timeout.
    expect(view.log.length).toBeGreaterThan(0);
    for (const e of view.log) {
      expect(e.at).toBeGreaterThanOrEqual(before);
      expect(e.at).toBeLessThanOrEqual(after);
    }
    for (const t of session.timers) {
      expect(t.at).toBeGreaterThanOrEqual(before);
      expect(t.at).toBeLessThanOrEqual(after + 24 * 60 * 60_000);
    }
  });

  it.runIf(env.TEST_CLOCK)('under TEST_CLOCK each test file starts at the pinned instant', () => {
    const pinned = pinnedInstant(env.TEST_CLOCK)!;
    expect(Date.now()).toBeGreaterThanOrEqual(pinned);
    // A test file runs for seconds, not minutes.
    expect(Date.now() - pinned).toBeLessThan(5 * 60_000);
  });

  it('whatever the machine’s time zone (TZ), workerd runs in UTC as Cloudflare does (miniflare sets TZ=UTC)', () => {
    // test:clocks runs with TZ set to Seoul, New York or Berlin; product code must name its zones.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
    const probe = Date.parse('2026-07-01T15:30:00Z');
    expect(new Date(probe).getHours()).toBe(15);
    expect(new Date(probe).getTimezoneOffset()).toBe(0);
  });
});
