// The home card's line in words: "연결됨 · 18:00까지", "업무시간 외 · 내일 09:00부터", by the engine's
// own status for real instants.
import { describe, expect, it } from 'vitest';
import type { StatusView } from '../../contract/safe-number';
import { statusLine } from '../../web/src/features/my-number/status-text';
import { en } from '../../web/src/i18n/en';
import { ko, type MessageKey } from '../../web/src/i18n/ko';
import { statusView } from '../../worker/safe-number/status-view';
import { at, snapshotWith } from '../fixtures/routing';

const t = (dict: Record<MessageKey, string>) => (key: MessageKey, params?: Record<string, string | number>) =>
  dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
const line = (snapshot: ReturnType<typeof snapshotWith>, iso: string, dict: Record<MessageKey, string> = ko) =>
  statusLine(statusView(snapshot, at(iso)) as StatusView, t(dict));

describe('the home card’s status line', () => {
  const snapshot = snapshotWith({ lunch: { start: '12:00', end: '13:00' } });

  it('reads as the issue shows it', () => {
    expect(line(snapshot, '2026-12-02T15:00+09:00')).toBe('연결됨 · 18:00까지');
    expect(line(snapshot, '2026-12-02T19:00+09:00')).toBe('업무시간 외 · 내일 09:00부터');
    expect(line(snapshot, '2026-12-02T12:10+09:00')).toBe('점심시간 · 13:00까지');
    expect(line(snapshotWith({ immediateBlock: true }), '2026-12-02T15:00+09:00')).toBe('차단 중');
    expect(line(snapshotWith({ paused: true }), '2026-12-02T15:00+09:00')).toBe('일시중지');
  });

  it('names the day when it is further away, a holiday, a window, and what comes next', () => {
    expect(line(snapshot, '2026-12-04T19:00+09:00')).toBe('업무시간 외 · 월요일 09:00부터');
    // Thursday evening before Christmas (Friday): Monday.
    expect(line(snapshot, '2026-12-24T19:00+09:00')).toBe('업무시간 외 · 월요일 09:00부터');
    // A week and more away: the date.
    expect(line(snapshotWith({ hours: { start: '09:00', end: '18:00', weekdays: 0b0000001 } }), '2026-12-07T19:00+09:00')).toBe(
      '업무시간 외 · 12월 14일 09:00부터',
    );
    expect(line(snapshot, '2026-12-25T10:00+09:00')).toBe('휴일 · 월요일 09:00부터');
    const windowed = snapshotWith({
      blockWindows: [{ name: '주간회의', start: '11:00', end: '12:00', weekdays: 0b11111, announcement: '회의' }],
      lunch: { start: '12:00', end: '13:00' },
    });
    expect(line(windowed, '2026-12-02T11:30+09:00')).toBe('차단시간 · 주간회의 · 12:00부터 점심시간');
    expect(line(snapshot, '2026-12-02T15:00+09:00', en)).toBe('Connecting · until 18:00');
    expect(line(snapshot, '2026-12-02T19:00+09:00', en)).toBe('After hours · from tomorrow 09:00');
  });
});
