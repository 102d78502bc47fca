import { describe, expect, it } from 'vitest';
import { daysBetween, localClock, localDayRange, localInstant, startOfLocalDay } from '../../worker/safe-number/local-day';

describe('local days of an org’s zone', () => {
  it('start a Seoul day at its own midnight, not UTC’s', () => {
    expect(startOfLocalDay('Asia/Seoul', '2026-12-02')).toBe(Date.parse('2026-12-01T15:00:00Z'));
    expect(localDayRange('Asia/Seoul', '2026-12-02', '2026-12-03')).toEqual({
      start: Date.parse('2026-12-02T00:00:00+09:00'),
      end: Date.parse('2026-12-04T00:00:00+09:00'),
    });
  });

  it('follow DST: a New York day around the switch is 23 or 25 hours long', () => {
    const spring = localDayRange('America/New_York', '2026-03-08', '2026-03-08');
    expect(spring.end - spring.start).toBe(23 * 3_600_000);
    const autumn = localDayRange('America/New_York', '2026-11-01', '2026-11-01');
    expect(autumn.end - autumn.start).toBe(25 * 3_600_000);
  });

  it('find the instant of a wall time, none in a spring-forward gap, the earlier in an overlap', () => {
    expect(localInstant('Asia/Seoul', '2026-12-02', '19:30')).toBe(Date.parse('2026-12-02T19:30:00+09:00'));
    expect(localInstant('America/New_York', '2026-03-08', '02:30')).toBeNull();
    expect(localInstant('America/New_York', '2026-11-01', '01:30')).toBe(Date.parse('2026-11-01T01:30:00-04:00'));
  });

  it('read the wall clock and count calendar days between instants', () => {
    expect(localClock('Asia/Seoul', Date.parse('2026-12-02T23:59:00+09:00'))).toEqual({ date: '2026-12-02', time: '23:59', weekday: 2 });
    const evening = Date.parse('2026-12-02T23:00:00+09:00');
    expect(daysBetween('Asia/Seoul', evening, Date.parse('2026-12-03T09:00:00+09:00'))).toBe(1);
    expect(daysBetween('Asia/Seoul', evening, Date.parse('2026-12-02T23:30:00+09:00'))).toBe(0);
    expect(daysBetween('Asia/Seoul', evening, Date.parse('2026-12-07T09:00:00+09:00'))).toBe(5);
  });
});
