// The routing engine rule by rule: what each rule decides, the trace it leaves, midnight-crossing
// windows, weekday masks, holidays, another time zone with DST, and every precedence pair.
import { describe, expect, it } from 'vitest';
import { RULES, type Decision, type RuleId, type TraceStep } from '../../worker/routing/decision';
import { ListIndex, type ListEntry } from '../../worker/routing/lists';
import { route, shieldPolicyFor, type RouteInput } from '../../worker/routing/route';
import { DEFAULT_ANNOUNCEMENTS, type RoutingSnapshot } from '../../worker/routing/snapshot';
import { at, CALLER, days, MOBILE, SAFE_NUMBER, snapshotWith } from '../fixtures/routing';

/** Wednesday 10:00 in Seoul: an ordinary working morning. */
const WED_10 = at('2025-03-05T10:00+09:00');

function decide(snapshot: RoutingSnapshot, now: number, extra: Partial<RouteInput> = {}): Decision {
  return route({ snapshot, caller: CALLER, now, lists: [], shield: null, ...extra });
}

const step = (d: Decision, rule: RuleId) => d.trace.filter((s) => s.rule === rule);

describe('connect', () => {
  it('carries the owner’s voicemail switches (S20), off when nobody can be reached', () => {
    const on = { afterHours: true, noAnswer: true };
    expect(decide(snapshotWith({ voicemail: on }), WED_10).voicemail).toEqual(on);
    expect(decide(snapshotWith({ voicemail: on, owner: { userId: 'usr_1', mobile: MOBILE, disabled: true } }), WED_10).voicemail).toEqual({
      afterHours: false,
      noAnswer: false,
    });
    expect(decide(snapshotWith({ voicemail: on, owner: null }), WED_10).voicemail).toEqual({ afterHours: false, noAnswer: false });
  });

  it('carries everything the flow needs, without the snapshot', () => {
    const snapshot = snapshotWith({ recordingEnabled: true, ringTimeoutSeconds: 45 });
    const d = decide(snapshot, WED_10);
    expect(d).toEqual({
      action: 'connect',
      outcome: 'connect',
      orgId: 'org_1',
      numberId: 'num_1',
      ownerUserId: 'usr_1',
      dialled: SAFE_NUMBER,
      caller: CALLER,
      at: WED_10,
      timezone: 'Asia/Seoul',
      decidedBy: null,
      mobile: MOBILE,
      forwardCallerId: SAFE_NUMBER,
      ringTimeoutSeconds: 45,
      recording: true,
      texts: {
        waiting: DEFAULT_ANNOUNCEMENTS.waiting,
        connect: DEFAULT_ANNOUNCEMENTS.connect,
        unavailable: DEFAULT_ANNOUNCEMENTS.unavailable,
        error: DEFAULT_ANNOUNCEMENTS.error,
        recordingNotice: DEFAULT_ANNOUNCEMENTS.recording_notice,
      },
      trace: expect.any(Array),
      voicemail: { afterHours: false, noAnswer: false },
    });
    expect(JSON.stringify(d)).not.toContain('blockWindows');
    expect(d.trace.map((s) => s.rule)).toEqual(RULES.filter((r) => r !== 'block_window'));
    expect(d.trace.every((s) => !s.matched)).toBe(true);
  });

  it('no recording notice when the org does not record', () => {
    expect(decide(snapshotWith(), WED_10).texts.recordingNotice).toBeNull();
  });

  it('the hours step explains itself with the local clock', () => {
    const d = decide(snapshotWith(), at('2025-03-05T19:12+09:00'));
    expect(d).toMatchObject({ action: 'announce', outcome: 'after_hours', decidedBy: 'hours', announcement: DEFAULT_ANNOUNCEMENTS.after_hours });
    expect(d.trace.at(-1)).toEqual({ rule: 'hours', matched: true, detail: { start: '09:00', end: '18:00', local: '19:12', date: '2025-03-05', weekday: 2 } });
  });
});

describe('each rule alone', () => {
  it('spam: rejected as busy, no announcement, whatever the hour', () => {
    const lists: ListEntry[] = [{ kind: 'spam', number: CALLER, expiresAt: null }];
    const d = decide(snapshotWith(), WED_10, { lists });
    expect(d).toMatchObject({ action: 'reject', outcome: 'spam', cause: 'USER_BUSY', decidedBy: 'spam' });
    expect(d.trace).toEqual([{ rule: 'spam', matched: true, detail: { entry: 'permanent', expiresAt: null } }]);
  });

  it('a temporary block matches until it expires, and is said to have expired after', () => {
    const expiresAt = WED_10 + 60_000;
    const lists: ListEntry[] = [{ kind: 'spam', number: CALLER, expiresAt }];
    expect(decide(snapshotWith(), WED_10, { lists }).trace[0]).toEqual({ rule: 'spam', matched: true, detail: { entry: 'temporary', expiresAt } });
    const later = decide(snapshotWith(), expiresAt, { lists });
    expect(later.action).toBe('connect');
    expect(later.trace[0]).toEqual({ rule: 'spam', matched: false, detail: { entry: 'expired', expiresAt } });
  });

  it('list entries of other numbers never match (prefetched rows or a whole-list index)', () => {
    const other: ListEntry[] = [{ kind: 'spam', number: '+821000000000', expiresAt: null }];
    expect(decide(snapshotWith(), WED_10, { lists: other }).action).toBe('connect');
    expect(decide(snapshotWith(), WED_10, { lists: new ListIndex(other) }).action).toBe('connect');
    expect(decide(snapshotWith(), WED_10, { lists: new ListIndex([...other, { kind: 'spam', number: CALLER, expiresAt: null }]) }).outcome).toBe('spam');
  });

  it('paused: the suspended announcement', () => {
    expect(decide(snapshotWith({ paused: true }), WED_10)).toMatchObject({
      action: 'announce',
      outcome: 'paused',
      announcement: DEFAULT_ANNOUNCEMENTS.suspended,
    });
  });

  it('free pass: connects on a Sunday night, and says it was the free pass', () => {
    const lists: ListEntry[] = [{ kind: 'free_pass', number: CALLER, expiresAt: null }];
    const d = decide(snapshotWith({ lunch: { start: '00:00', end: '00:00' }, immediateBlock: true }), at('2025-03-09T23:30+09:00'), { lists });
    expect(d).toMatchObject({ action: 'connect', decidedBy: 'free_pass', mobile: MOBILE });
    expect(d.trace.map((s) => s.rule)).toEqual(['spam', 'paused', 'free_pass', 'unavailable']);
  });

  it('shield: a limited verdict refuses with the limited announcement; without a policy the verdict is ignored', () => {
    const shield = { limited: true, count: 6, limit: 5, windowMinutes: 10, coolOffUntil: WED_10 + 1_800_000 };
    const policy = { limit: 5, windowMinutes: 10, coolOffMinutes: 30 };
    const d = decide(snapshotWith({ shield: policy }), WED_10, { shield });
    expect(d).toMatchObject({ action: 'announce', outcome: 'limited', decidedBy: 'shield', announcement: DEFAULT_ANNOUNCEMENTS.limited });
    expect(step(d, 'shield')).toEqual([
      { rule: 'shield', matched: true, detail: { checked: true, count: 6, limit: 5, windowMinutes: 10, coolOffUntil: shield.coolOffUntil } },
    ]);
    expect(decide(snapshotWith({ shield: policy }), WED_10, { shield: { ...shield, limited: false, count: 3 } }).action).toBe('connect');
    expect(decide(snapshotWith(), WED_10, { shield }).action).toBe('connect');
  });

  it('immediate block: the block announcement', () => {
    expect(decide(snapshotWith({ immediateBlock: true }), WED_10)).toMatchObject({
      outcome: 'blocked',
      decidedBy: 'immediate_block',
      announcement: DEFAULT_ANNOUNCEMENTS.block,
    });
  });

  it('lunch: the lunch announcement inside [start, end)', () => {
    const s = snapshotWith({ lunch: { start: '12:00', end: '13:00' } });
    expect(decide(s, at('2025-03-05T12:00+09:00'))).toMatchObject({ outcome: 'lunch', announcement: DEFAULT_ANNOUNCEMENTS.lunch });
    expect(decide(s, at('2025-03-05T12:59:59+09:00')).outcome).toBe('lunch');
    expect(decide(s, at('2025-03-05T13:00+09:00')).outcome).toBe('connect');
    expect(decide(s, at('2025-03-05T11:59:59+09:00')).outcome).toBe('connect');
  });

  it('block window: that window’s announcement, one trace step per window checked', () => {
    const s = snapshotWith({
      blockWindows: [
        { name: '주간회의', start: '09:00', end: '09:30', weekdays: days('mon'), announcement: '회의 중입니다.' },
        { name: '현장점검', start: '09:30', end: '11:00', weekdays: days('wed'), announcement: '현장 점검 중입니다.' },
      ],
    });
    const d = decide(s, WED_10);
    expect(d).toMatchObject({ outcome: 'blocked', decidedBy: 'block_window', announcement: '현장 점검 중입니다.' });
    expect(step(d, 'block_window').map((x) => x.matched)).toEqual([false, true]);
    expect(decide(s, at('2025-03-10T09:10+09:00'))).toMatchObject({ announcement: '회의 중입니다.' });
  });

  it('unavailable: no owner, a disabled owner or no mobile', () => {
    for (const owner of [null, { userId: 'u', mobile: MOBILE, disabled: true }, { userId: 'u', mobile: null, disabled: false }]) {
      const d = decide(snapshotWith({ owner }), WED_10);
      expect(d).toMatchObject({ action: 'announce', outcome: 'unavailable', announcement: DEFAULT_ANNOUNCEMENTS.unavailable });
    }
    expect(decide(snapshotWith({ owner: null }), WED_10).ownerUserId).toBeNull();
  });
});

describe('weekday masks (bit 0 = Monday … bit 6 = Sunday)', () => {
  it('each single-day mask opens exactly its day', () => {
    // 2025-03-10 is a Monday; the week runs to Sunday 2025-03-16.
    for (let bit = 0; bit < 7; bit++) {
      const s = snapshotWith({ hours: { start: '09:00', end: '18:00', weekdays: 1 << bit } });
      const open = [10, 11, 12, 13, 14, 15, 16].map((d) => decide(s, at(`2025-03-${d}T10:00+09:00`)).outcome === 'connect');
      expect(open).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => i === bit));
    }
  });

  it('a non-working day is said with its date, weekday and mask', () => {
    const d = decide(snapshotWith(), at('2025-03-08T10:00+09:00'));
    expect(d.trace.at(-1)).toEqual({ rule: 'working_days', matched: true, detail: { date: '2025-03-08', weekday: 5, weekdays: 0b0011111 } });
  });
});

describe('windows that cross midnight', () => {
  // A block window "Mon 22:00–06:00" runs from Monday night into Tuesday morning.
  const s = snapshotWith({
    hours: { start: '00:00', end: '00:00', weekdays: 0b1111111 },
    blockWindows: [{ name: '야간', start: '22:00', end: '06:00', weekdays: days('mon'), announcement: '야간입니다.' }],
  });
  it.each([
    ['2025-03-10T21:59+09:00', 'connect'],
    ['2025-03-10T22:00+09:00', 'blocked'],
    ['2025-03-10T23:59+09:00', 'blocked'],
    ['2025-03-11T00:00+09:00', 'blocked'],
    ['2025-03-11T05:59+09:00', 'blocked'],
    ['2025-03-11T06:00+09:00', 'connect'],
    // Monday's early hours belong to Sunday's window, which is not set.
    ['2025-03-10T03:00+09:00', 'connect'],
    ['2025-03-11T23:00+09:00', 'connect'],
  ])('block window at %s → %s', (when, outcome) => {
    expect(decide(s, at(when)).outcome).toBe(outcome);
  });

  it('a night shift 22:00–06:00 Mon–Fri: Saturday 03:00 is Friday’s shift, Monday 03:00 is Sunday’s (off)', () => {
    const night = snapshotWith({ hours: { start: '22:00', end: '06:00', weekdays: days('mon', 'tue', 'wed', 'thu', 'fri') } });
    expect(decide(night, at('2025-03-15T03:00+09:00')).outcome).toBe('connect');
    const monday = decide(night, at('2025-03-10T03:00+09:00'));
    expect(monday.outcome).toBe('after_hours');
    expect(monday.trace.at(-1)).toEqual({ rule: 'working_days', matched: true, detail: { date: '2025-03-09', weekday: 6, weekdays: 0b0011111 } });
    expect(decide(night, at('2025-03-10T12:00+09:00')).decidedBy).toBe('hours');
    expect(decide(night, at('2025-03-10T22:30+09:00')).outcome).toBe('connect');
  });

  it('a night shift that starts on a holiday is off until it ends', () => {
    // 2025-10-08 (Wednesday) is the Chuseok substitute holiday.
    const night = snapshotWith({ hours: { start: '22:00', end: '06:00', weekdays: 0b1111111 } });
    const d = decide(night, at('2025-10-09T02:00+09:00'));
    expect(d.trace.at(-1)).toEqual({ rule: 'holiday', matched: true, detail: { date: '2025-10-08', name: '대체공휴일(추석)', source: 'builtin' } });
    expect(decide(night, at('2025-10-07T23:00+09:00')).outcome).toBe('after_hours');
  });

  it('a lunch window across midnight (an odd setting) still holds on both sides', () => {
    const s2 = snapshotWith({ hours: { start: '00:00', end: '00:00', weekdays: 0b1111111 }, lunch: { start: '23:30', end: '00:30' } });
    expect(decide(s2, at('2025-03-10T23:45+09:00')).outcome).toBe('lunch');
    expect(decide(s2, at('2025-03-11T00:15+09:00')).outcome).toBe('lunch');
    expect(decide(s2, at('2025-03-11T00:30+09:00')).outcome).toBe('connect');
  });

  it('start = end is the whole day', () => {
    const s3 = snapshotWith({ hours: { start: '08:00', end: '08:00', weekdays: days('wed') } });
    expect(decide(s3, at('2025-03-05T00:00+09:00')).outcome).toBe('connect');
    expect(decide(s3, at('2025-03-05T23:59+09:00')).outcome).toBe('connect');
    expect(decide(s3, at('2025-03-06T00:00+09:00')).outcome).toBe('after_hours');
  });
});

describe('holidays', () => {
  it('a built-in Korean holiday on a weekday is after hours, named', () => {
    const d = decide(snapshotWith(), at('2025-10-08T10:00+09:00'));
    expect(d).toMatchObject({ outcome: 'after_hours', decidedBy: 'holiday', announcement: DEFAULT_ANNOUNCEMENTS.after_hours });
    expect(d.trace.at(-1)).toEqual({ rule: 'holiday', matched: true, detail: { date: '2025-10-08', name: '대체공휴일(추석)', source: 'builtin' } });
  });

  it('an org’s own holiday counts too, and another org’s date does not', () => {
    const own = snapshotWith({ holidays: [{ date: '2025-03-05', name: '개청기념일' }] });
    expect(decide(own, WED_10).trace.at(-1)).toEqual({ rule: 'holiday', matched: true, detail: { date: '2025-03-05', name: '개청기념일', source: 'org' } });
    expect(decide(snapshotWith({ holidays: [{ date: '2025-03-06', name: '개청기념일' }] }), WED_10).action).toBe('connect');
  });

  it('the holiday is the org’s local date, not UTC’s: 2025-10-08 00:30 in Seoul is still 10-07 in UTC', () => {
    const allDay = snapshotWith({ hours: { start: '00:00', end: '00:00', weekdays: 0b1111111 } });
    const t = at('2025-10-08T00:30+09:00');
    expect(new Date(t).toISOString().slice(0, 10)).toBe('2025-10-07');
    expect(decide(allDay, t).decidedBy).toBe('holiday');
    expect(decide(allDay, at('2025-10-10T00:30+09:00')).outcome).toBe('connect');
  });
});

describe('another time zone with DST: America/New_York', () => {
  const ny = snapshotWith({ timezone: 'America/New_York', hours: { start: '09:00', end: '17:00', weekdays: days('mon', 'tue', 'wed', 'thu', 'fri') } });

  it('13:30 UTC is 08:30 before the March switch (after hours) and 09:30 after it (open)', () => {
    expect(decide(ny, at('2025-03-07T13:30Z')).trace.at(-1)).toMatchObject({ rule: 'hours', matched: true, detail: { local: '08:30' } });
    expect(decide(ny, at('2025-03-10T13:30Z')).outcome).toBe('connect');
  });

  it('16:30 UTC is 12:30 in summer and 11:30 after the November switch', () => {
    const lunch = snapshotWith({ ...ny, lunch: { start: '12:00', end: '13:00' } });
    expect(decide(lunch, at('2025-10-31T16:30Z')).outcome).toBe('lunch');
    expect(decide(lunch, at('2025-11-03T16:30Z')).outcome).toBe('connect');
  });

  it('a block window 01:00–03:00 on Sunday 2025-11-02 holds through both 01:30s', () => {
    const w = snapshotWith({
      timezone: 'America/New_York',
      hours: { start: '00:00', end: '00:00', weekdays: 0b1111111 },
      blockWindows: [{ name: 'night', start: '01:00', end: '03:00', weekdays: days('sun'), announcement: 'n' }],
    });
    expect(decide(w, at('2025-11-02T05:30Z')).outcome).toBe('blocked'); // 01:30 EDT
    expect(decide(w, at('2025-11-02T06:30Z')).outcome).toBe('blocked'); // 01:30 EST
    expect(decide(w, at('2025-11-02T07:30Z')).outcome).toBe('blocked'); // 02:30 EST
    expect(decide(w, at('2025-11-02T08:00Z')).outcome).toBe('connect'); // 03:00 EST
    expect(decide(w, at('2025-11-02T04:59Z')).outcome).toBe('connect'); // 00:59 EDT
  });

  it('Korean national holidays apply in any zone, by the org’s local date', () => {
    const allDay = snapshotWith({ timezone: 'America/New_York', hours: { start: '00:00', end: '00:00', weekdays: 0b1111111 } });
    // 2025-10-08 10:00 in New York is 23:00 in Seoul: both the 8th.
    expect(decide(allDay, at('2025-10-08T10:00-04:00')).decidedBy).toBe('holiday');
    // 2025-10-10 20:00 in New York is the 11th in Seoul: not a holiday there, nor in New York.
    expect(decide(allDay, at('2025-10-10T20:00-04:00')).outcome).toBe('connect');
  });
});

describe('precedence: of any two rules that would both apply, the earlier decides', () => {
  // Each activator makes its rule apply at WED_10 (an ordinary Wednesday 10:00 in Seoul).
  type Case = { snapshot: RoutingSnapshot; lists: ListEntry[]; shield: RouteInput['shield'] };
  const activate: Record<RuleId, (c: Case) => void> = {
    spam: (c) => void c.lists.push({ kind: 'spam', number: CALLER, expiresAt: null }),
    paused: (c) => void (c.snapshot.paused = true),
    free_pass: (c) => void c.lists.push({ kind: 'free_pass', number: CALLER, expiresAt: null }),
    shield: (c) => {
      c.snapshot.shield = { limit: 1, windowMinutes: 10, coolOffMinutes: 30 };
      c.shield = { limited: true, count: 2, limit: 1, windowMinutes: 10, coolOffUntil: WED_10 + 1_800_000 };
    },
    immediate_block: (c) => void (c.snapshot.immediateBlock = true),
    holiday: (c) => void c.snapshot.holidays.push({ date: '2025-03-05', name: '기념일' }),
    working_days: (c) => void (c.snapshot.hours = { ...c.snapshot.hours, weekdays: days('mon', 'tue', 'thu', 'fri') }),
    hours: (c) => void (c.snapshot.hours = { ...c.snapshot.hours, start: '11:00', end: '18:00' }),
    lunch: (c) => void (c.snapshot.lunch = { start: '09:30', end: '10:30' }),
    block_window: (c) => void c.snapshot.blockWindows.push({ name: 'w', start: '09:00', end: '11:00', weekdays: 0b1111111, announcement: 'w' }),
    unavailable: (c) => void (c.snapshot.owner = { userId: 'usr_1', mobile: null, disabled: false }),
  };
  const run = (...rules: RuleId[]) => {
    const c: Case = { snapshot: structuredClone(snapshotWith()), lists: [], shield: null };
    for (const r of rules) activate[r](c);
    return decide(c.snapshot, WED_10, { lists: c.lists, shield: c.shield });
  };

  it.each(RULES.map((r) => [r]))('%s alone decides', (rule) => {
    const d = run(rule);
    expect(d.decidedBy).toBe(rule);
    expect(d.action).toBe(rule === 'free_pass' ? 'connect' : rule === 'spam' ? 'reject' : 'announce');
  });

  const pairs = RULES.flatMap((a, i) => RULES.slice(i + 1).map((b) => [a, b] as [RuleId, RuleId]));
  it.each(pairs)('%s before %s', (first, second) => {
    const d = run(second, first);
    // A free pass skips the time and block rules but still needs someone to ring.
    const expected = first === 'free_pass' && second === 'unavailable' ? 'unavailable' : first;
    expect(d.decidedBy).toBe(expected);
    const last = d.trace.at(-1) as TraceStep;
    expect(last.rule).toBe(expected === 'free_pass' ? 'unavailable' : expected);
  });
});

describe('shieldPolicyFor: whether the flow needs to count the call', () => {
  const policy = { limit: 5, windowMinutes: 10, coolOffMinutes: 30 };
  it('only when the shield rule will be reached and a policy is set', () => {
    const base = { caller: CALLER, now: WED_10, lists: [] as ListEntry[] };
    expect(shieldPolicyFor({ ...base, snapshot: snapshotWith({ shield: policy }) })).toEqual(policy);
    expect(shieldPolicyFor({ ...base, snapshot: snapshotWith() })).toBeNull();
    expect(shieldPolicyFor({ ...base, snapshot: snapshotWith({ shield: policy, paused: true }) })).toBeNull();
    for (const kind of ['spam', 'free_pass'] as const) {
      expect(shieldPolicyFor({ ...base, snapshot: snapshotWith({ shield: policy }), lists: [{ kind, number: CALLER, expiresAt: null }] })).toBeNull();
    }
    // An expired temporary block does not spare the shield.
    expect(shieldPolicyFor({ ...base, snapshot: snapshotWith({ shield: policy }), lists: [{ kind: 'spam', number: CALLER, expiresAt: WED_10 }] })).toEqual(
      policy,
    );
  });
});
