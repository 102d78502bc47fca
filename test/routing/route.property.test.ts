// Property tests: random settings, callers and instants (biased towards DST switches, holidays and
// window edges, in zones with odd offsets) against a small reference evaluation written from the
// rules' wording, with its own wall clock straight from Intl, and a window as a set of minutes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES, type DecisionOutcome } from '../../worker/routing/decision';
import { koreanHolidays } from '../../worker/routing/holidays';
import { ListIndex, type ListEntry } from '../../worker/routing/lists';
import { instantsOf, localTime } from '../../worker/routing/local-time';
import { route } from '../../worker/routing/route';
import type { ShieldVerdict } from '../../worker/routing/shield';
import type { RoutingSnapshot } from '../../worker/routing/snapshot';
import { statusAt } from '../../worker/routing/status';
import { CALLER, snapshotWith } from '../fixtures/routing';

// ── The reference ───────────────────────────────────────────────────────────

const DAY = 86_400_000;

function wall(tz: string, t: number): { date: string; minute: number } {
  // sv-SE writes 'YYYY-MM-DD HH:MM', which needs no part-by-part assembly.
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(t));
  return { date: s.slice(0, 10), minute: Number(s.slice(11, 13)) * 60 + Number(s.slice(14, 16)) };
}
const previous = (date: string) => new Date(Date.parse(`${date}T00:00Z`) - DAY).toISOString().slice(0, 10);
const mondayFirst = (date: string) => (new Date(`${date}T12:00Z`).getUTCDay() + 6) % 7;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * Does a window that opens on `day` (if `day` is one of its weekdays and not excluded) cover the
 * wall clock (date, minute)? It runs from its start for (end − start) mod 24 h, so past midnight
 * when end ≤ start; start = end is that calendar day. Checked for today's and yesterday's opening.
 */
function covers(w: { start: string; end: string }, weekdays: number, excluded: (day: string) => boolean, clock: { date: string; minute: number }) {
  const s = minutes(w.start);
  const e = minutes(w.end);
  const open = (day: string) => ((weekdays >> mondayFirst(day)) & 1) === 1 && !excluded(day);
  if (s === e) return open(clock.date);
  const length = (e - s + 1440) % 1440;
  const fromOpening: [string, number][] = [
    [clock.date, clock.minute],
    [previous(clock.date), clock.minute + 1440],
  ];
  return fromOpening.some(([day, offset]) => open(day) && offset >= s && offset < s + length);
}

function holidayOn(snapshot: RoutingSnapshot, date: string): boolean {
  return snapshot.holidays.some((h) => h.date === date) || koreanHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);
}

type Expected = { outcome: DecisionOutcome; announcement: string | null };

function reference(s: RoutingSnapshot, caller: string, now: number, entries: ListEntry[], shield: ShieldVerdict | null): Expected {
  const listed = (kind: ListEntry['kind']) => entries.some((e) => e.kind === kind && e.number === caller && (e.expiresAt === null || now < e.expiresAt));
  const a = s.announcements;
  if (listed('spam')) return { outcome: 'spam', announcement: null };
  if (s.paused) return { outcome: 'paused', announcement: a.suspended };
  if (!listed('free_pass')) {
    if (s.shield !== null && shield?.limited) return { outcome: 'limited', announcement: a.limited };
    if (s.immediateBlock) return { outcome: 'blocked', announcement: a.block };
    const clock = wall(s.timezone, now);
    if (!covers(s.hours, s.hours.weekdays, (day) => holidayOn(s, day), clock)) return { outcome: 'after_hours', announcement: a.after_hours };
    if (s.lunch && covers(s.lunch, 0b1111111, () => false, clock)) return { outcome: 'lunch', announcement: a.lunch };
    const window = s.blockWindows.find((w) => covers(w, w.weekdays, () => false, clock));
    if (window) return { outcome: 'blocked', announcement: window.announcement };
  }
  if (!s.owner || s.owner.disabled || !s.owner.mobile) return { outcome: 'unavailable', announcement: a.unavailable };
  return { outcome: 'connect', announcement: null };
}

// ── Generators ──────────────────────────────────────────────────────────────

const ZONES = ['Asia/Seoul', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'UTC'];
/** DST switches (NY, London, Lord Howe's half hour, Santiago's midnight) and Korean holidays. */
const LANDMARKS = [
  '2025-03-09T07:00Z',
  '2025-11-02T06:00Z',
  '2025-03-30T01:00Z',
  '2025-10-26T01:00Z',
  '2025-04-05T15:00Z',
  '2025-10-04T15:30Z',
  '2025-04-06T03:00Z',
  '2025-09-07T04:00Z',
  '2025-10-06T00:00Z',
  '2026-02-17T00:00Z',
].map((s) => Date.parse(s));

const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.tuple(fc.constantFrom(...LANDMARKS), fc.integer({ min: -3 * DAY, max: 3 * DAY })).map(([base, d]) => base + d),
  // Exactly on a minute: window edges are minutes.
  fc.tuple(fc.constantFrom(...LANDMARKS), fc.integer({ min: -4320, max: 4320 })).map(([base, m]) => base + m * 60_000),
);
const time = fc.oneof(
  fc.constantFrom('00:00', '01:30', '02:30', '06:00', '09:00', '12:00', '13:00', '18:00', '22:00', '23:59'),
  fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`),
);
const mask = fc.oneof(fc.constant(0b0011111), fc.constant(0b1111111), fc.integer({ min: 0, max: 127 }));
const window = fc.record({ start: time, end: time });

type Case = { snapshot: RoutingSnapshot; caller: string; now: number; entries: ListEntry[]; shield: ShieldVerdict | null };

const routingCase: fc.Arbitrary<Case> = fc
  .record({
    tz: fc.constantFrom(...ZONES),
    now: instant,
    hours: window,
    weekdays: mask,
    lunch: fc.option(window),
    blocks: fc.array(fc.record({ start: time, end: time, weekdays: mask, name: fc.constantFrom('a', 'b') }), { maxLength: 3 }),
    holidayOffsets: fc.array(fc.integer({ min: -2, max: 2 }), { maxLength: 2 }),
    paused: fc.boolean(),
    immediateBlock: fc.constantFrom(false, false, true),
    owner: fc.constantFrom('ok', 'ok', 'ok', 'none', 'disabled', 'no_mobile'),
    entries: fc.array(
      fc.record({
        kind: fc.constantFrom('spam', 'free_pass'),
        mine: fc.boolean(),
        expires: fc.option(fc.integer({ min: -DAY, max: DAY })),
      }),
      { maxLength: 3 },
    ),
    policy: fc.boolean(),
    verdict: fc.option(fc.boolean()),
  })
  .map((r) => {
    const utcDate = new Date(r.now).toISOString().slice(0, 10);
    const snapshot = snapshotWith({
      timezone: r.tz,
      hours: { ...r.hours, weekdays: r.weekdays },
      lunch: r.lunch,
      blockWindows: r.blocks.map((b, i) => ({ ...b, announcement: `block ${i}` })),
      holidays: r.holidayOffsets.map((d) => ({ date: new Date(Date.parse(`${utcDate}T00:00Z`) + d * DAY).toISOString().slice(0, 10), name: 'own' })),
      paused: r.paused,
      immediateBlock: r.immediateBlock,
      owner: r.owner === 'none' ? null : { userId: 'usr_1', mobile: r.owner === 'no_mobile' ? null : '+821099998888', disabled: r.owner === 'disabled' },
      shield: r.policy ? { limit: 3, windowMinutes: 10, coolOffMinutes: 30 } : null,
    });
    const entries: ListEntry[] = r.entries.map((e) => ({
      kind: e.kind as ListEntry['kind'],
      number: e.mine ? CALLER : '+821000000001',
      expiresAt: e.expires === null ? null : r.now + e.expires,
    }));
    const shield = r.verdict === null ? null : { limited: r.verdict, count: r.verdict ? 4 : 2, limit: 3, windowMinutes: 10, coolOffUntil: null };
    return { snapshot, caller: CALLER, now: r.now, entries, shield };
  });

const RUNS = { numRuns: 1500 };

// ── Properties ──────────────────────────────────────────────────────────────

describe('route against the reference', () => {
  it('same outcome and announcement, from prefetched rows or a whole-list index', () => {
    fc.assert(
      fc.property(routingCase, (c) => {
        const expected = reference(c.snapshot, c.caller, c.now, c.entries, c.shield);
        for (const lists of [c.entries, new ListIndex(c.entries)]) {
          const d = route({ snapshot: c.snapshot, caller: c.caller, now: c.now, lists, shield: c.shield });
          expect(d.outcome).toBe(expected.outcome);
          expect(d.action === 'announce' ? d.announcement : null).toBe(expected.announcement);
          expect(d.action).toBe(expected.outcome === 'connect' ? 'connect' : expected.outcome === 'spam' ? 'reject' : 'announce');
        }
      }),
      RUNS,
    );
  });

  it('the trace follows the rule order, ends at the deciding rule, and nothing before it matched', () => {
    fc.assert(
      fc.property(routingCase, (c) => {
        const d = route({ snapshot: c.snapshot, caller: c.caller, now: c.now, lists: c.entries, shield: c.shield });
        const order = d.trace.map((s) => RULES.indexOf(s.rule));
        expect(order).toEqual([...order].sort((x, y) => x - y));
        const last = d.trace.at(-1);
        if (d.outcome === 'connect') {
          expect(last).toMatchObject({ rule: 'unavailable', matched: false });
          expect(d.trace.filter((s) => s.matched).map((s) => s.rule)).toEqual(d.decidedBy === 'free_pass' ? ['free_pass'] : []);
        } else {
          expect(last).toMatchObject({ rule: d.decidedBy, matched: true });
          expect(d.trace.slice(0, -1).filter((s) => s.matched && s.rule !== 'free_pass')).toEqual([]);
        }
      }),
      RUNS,
    );
  });
});

describe('statusAt against the reference', () => {
  const anyone = (s: RoutingSnapshot, t: number) => reference(s, '', t, [], null).outcome;
  it('the status now; at `until` it has changed to `next`; just before, and anywhere between, it has not', () => {
    fc.assert(
      fc.property(routingCase, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 5, maxLength: 5 }), (c, samples) => {
        const s = statusAt(c.snapshot, c.now);
        const now = anyone(c.snapshot, c.now);
        expect(s.status).toBe(now);
        if (s.until === null) {
          expect(s.next).toBeNull();
          return;
        }
        expect(s.until).toBeGreaterThan(c.now);
        expect(s.next).not.toBe(s.status);
        expect(anyone(c.snapshot, s.until)).toBe(s.next);
        expect(anyone(c.snapshot, s.until - 1)).toBe(s.status);
        for (const f of samples) expect(anyone(c.snapshot, c.now + Math.floor(f * (s.until - c.now)))).toBe(s.status);
      }),
      { numRuns: 300 },
    );
  });
});

describe('local time against Intl', () => {
  it('localTime reads the wall clock; instantsOf finds the instant again', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (tz, t) => {
        const mine = localTime(tz, t);
        const ref = wall(tz, t);
        expect({ date: mine.date, minute: mine.minute }).toEqual(ref);
        expect(mine.weekday).toBe(mondayFirst(ref.date));
        const minute = t - (((t % 60_000) + 60_000) % 60_000);
        expect(instantsOf(tz, ref.date, ref.minute)).toContain(minute);
        for (const x of instantsOf(tz, ref.date, ref.minute)) expect(wall(tz, x)).toEqual(ref);
      }),
      RUNS,
    );
  });
});
