// "What a caller gets right now and until when" for the home card: the status and the instant it
// next changes, across lunch, evenings, weekends, holiday runs, block windows and DST switches.
import { describe, expect, it } from 'vitest';
import { statusAt } from '../../worker/routing/status';
import { at, days, snapshotWith } from '../fixtures/routing';

const office = snapshotWith({ lunch: { start: '12:00', end: '13:00' } });

describe('statusAt in Seoul (09:00–18:00 Mon–Fri, lunch 12:00–13:00)', () => {
  it.each([
    ['2025-03-05T10:00+09:00', 'connect', '2025-03-05T12:00+09:00', 'lunch'],
    ['2025-03-05T12:30+09:00', 'lunch', '2025-03-05T13:00+09:00', 'connect'],
    ['2025-03-05T17:00+09:00', 'connect', '2025-03-05T18:00+09:00', 'after_hours'],
    ['2025-03-05T19:12+09:00', 'after_hours', '2025-03-06T09:00+09:00', 'connect'],
    ['2025-03-05T03:00+09:00', 'after_hours', '2025-03-05T09:00+09:00', 'connect'],
    // Friday evening → Monday morning.
    ['2025-03-07T19:00+09:00', 'after_hours', '2025-03-10T09:00+09:00', 'connect'],
    // Thursday before 개천절 (Fri), the weekend, Chuseok, its substitute and 한글날: back on Friday the 10th.
    ['2025-10-02T19:00+09:00', 'after_hours', '2025-10-10T09:00+09:00', 'connect'],
  ])('at %s: %s until %s, then %s', (now, status, until, next) => {
    expect(statusAt(office, at(now))).toMatchObject({ status, until: at(until), next });
  });

  it('names the rule behind the status and behind the next one', () => {
    expect(statusAt(office, at('2025-03-07T19:00+09:00'))).toEqual({
      status: 'after_hours',
      rule: 'hours',
      until: at('2025-03-10T09:00+09:00'),
      next: 'connect',
      nextRule: null,
    });
    expect(statusAt(office, at('2025-03-08T10:00+09:00')).rule).toBe('working_days');
    expect(statusAt(office, at('2025-10-08T10:00+09:00')).rule).toBe('holiday');
  });

  it('paused and immediate block have no end time: only a setting change ends them', () => {
    expect(statusAt(snapshotWith({ paused: true }), at('2025-03-05T10:00+09:00'))).toEqual({
      status: 'paused',
      rule: 'paused',
      until: null,
      next: null,
      nextRule: null,
    });
    expect(statusAt(snapshotWith({ immediateBlock: true }), at('2025-03-05T10:00+09:00'))).toMatchObject({ status: 'blocked', until: null });
  });

  it('a block window: connected until it starts, blocked until it ends', () => {
    const s = snapshotWith({ blockWindows: [{ name: '회의', start: '15:00', end: '16:00', weekdays: days('wed'), announcement: '회의 중' }] });
    expect(statusAt(s, at('2025-03-05T14:00+09:00'))).toMatchObject({ status: 'connect', until: at('2025-03-05T15:00+09:00'), next: 'blocked' });
    expect(statusAt(s, at('2025-03-05T15:30+09:00'))).toMatchObject({ status: 'blocked', rule: 'block_window', until: at('2025-03-05T16:00+09:00') });
  });

  it('no mobile during hours: unavailable until the hours end', () => {
    const s = snapshotWith({ owner: { userId: 'u', mobile: null, disabled: false } });
    expect(statusAt(s, at('2025-03-05T10:00+09:00'))).toMatchObject({ status: 'unavailable', until: at('2025-03-05T18:00+09:00'), next: 'after_hours' });
  });

  it('a schedule with no working day never opens; one open around the clock never closes', () => {
    expect(statusAt(snapshotWith({ hours: { start: '09:00', end: '18:00', weekdays: 0 } }), at('2025-03-05T10:00+09:00'))).toMatchObject({
      status: 'after_hours',
      until: null,
    });
    // Around the clock except the built-in holidays: the next change is the next holiday.
    const always = snapshotWith({ hours: { start: '00:00', end: '00:00', weekdays: 0b1111111 } });
    expect(statusAt(always, at('2025-03-05T10:00+09:00'))).toMatchObject({ status: 'connect', until: at('2025-05-05T00:00+09:00'), next: 'after_hours' });
  });
});

describe('statusAt across DST (America/New_York)', () => {
  it('Friday evening before the March switch → Monday 09:00 EDT', () => {
    const ny = snapshotWith({ timezone: 'America/New_York', hours: { start: '09:00', end: '17:00', weekdays: days('mon', 'tue', 'wed', 'thu', 'fri') } });
    expect(statusAt(ny, at('2025-03-07T18:00-05:00'))).toMatchObject({ status: 'after_hours', until: at('2025-03-10T09:00-04:00'), next: 'connect' });
  });

  const allDay = { timezone: 'America/New_York', hours: { start: '00:00', end: '00:00', weekdays: 0b1111111 } } as const;

  it('spring forward skips 02:00–03:00: a window 01:30–02:30 ends at the jump', () => {
    const s = snapshotWith({ ...allDay, blockWindows: [{ name: 'n', start: '01:30', end: '02:30', weekdays: days('sun'), announcement: 'n' }] });
    expect(statusAt(s, at('2025-03-09T01:45-05:00'))).toMatchObject({ status: 'blocked', until: at('2025-03-09T03:00-04:00'), next: 'connect' });
  });

  it('fall back repeats 01:00–02:00: a window 01:30–01:45 comes round twice', () => {
    const s = snapshotWith({ ...allDay, blockWindows: [{ name: 'n', start: '01:30', end: '01:45', weekdays: days('sun'), announcement: 'n' }] });
    expect(statusAt(s, at('2025-11-02T01:40-04:00'))).toMatchObject({ status: 'blocked', until: at('2025-11-02T01:45-04:00'), next: 'connect' });
    expect(statusAt(s, at('2025-11-02T01:50-04:00'))).toMatchObject({ status: 'connect', until: at('2025-11-02T01:30-05:00'), next: 'blocked' });
    expect(statusAt(s, at('2025-11-02T01:40-05:00'))).toMatchObject({ status: 'blocked', until: at('2025-11-02T01:45-05:00') });
  });
});
