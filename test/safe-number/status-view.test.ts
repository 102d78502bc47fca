import { describe, expect, it } from 'vitest';
import { statusView } from '../../worker/safe-number/status-view';
import { snapshotWith } from '../fixtures/routing';

describe('the home card’s status', () => {
  it('connected until the end of the working day, as a local wall time today', () => {
    const v = statusView(snapshotWith(), Date.parse('2026-12-02T15:00:00+09:00'));
    expect(v).toEqual({
      status: 'connect',
      rule: null,
      windowName: null,
      until: Date.parse('2026-12-02T18:00:00+09:00'),
      untilLocal: { date: '2026-12-02', time: '18:00', weekday: 2, dayOffset: 0 },
      next: 'after_hours',
      nextRule: 'hours',
    });
  });

  it('after hours on a Friday evening: from Monday 09:00, three days away', () => {
    const v = statusView(snapshotWith(), Date.parse('2026-12-04T19:00:00+09:00'));
    expect(v).toMatchObject({
      status: 'after_hours',
      rule: 'hours',
      next: 'connect',
      untilLocal: { date: '2026-12-07', time: '09:00', weekday: 0, dayOffset: 3 },
    });
  });

  it('names the block window in force', () => {
    const snapshot = snapshotWith({ blockWindows: [{ name: '주간회의', start: '14:00', end: '15:00', weekdays: 0b1111111, announcement: '회의 중' }] });
    const v = statusView(snapshot, Date.parse('2026-12-02T14:30:00+09:00'));
    expect(v).toMatchObject({ status: 'blocked', rule: 'block_window', windowName: '주간회의', untilLocal: { time: '15:00', dayOffset: 0 }, next: 'connect' });
  });

  it('paused has no end but a setting change', () => {
    expect(statusView(snapshotWith({ paused: true }), Date.now())).toMatchObject({ status: 'paused', until: null, untilLocal: null });
  });
});
