// The home card's words for "what a caller gets right now, and until when": "연결됨 · 18:00까지",
// "업무시간 외 · 내일 09:00부터", "점심시간 · 13:00까지", "차단 중", "일시중지". No DOM.
import type { NumberStatus, StatusView } from '../../../../contract/safe-number';
import type { MessageKey } from '../../i18n/ko';
import { WEEKDAY_KEYS, type Translate } from '../history/trace-text';

export function statusLabel(s: Pick<StatusView, 'status' | 'rule' | 'windowName'>, t: Translate): string {
  switch (s.status) {
    case 'connect':
      return t('status.connect');
    case 'after_hours':
      return t(s.rule === 'holiday' ? 'status.holiday' : 'status.afterHours');
    case 'lunch':
      return t('status.lunch');
    case 'blocked':
      return s.rule === 'block_window' && s.windowName ? t('status.blockWindow', { name: s.windowName }) : t('status.blockedNow');
    case 'paused':
      return t('status.paused');
    case 'unavailable':
      return t('status.unavailable');
  }
}

const NEXT_KEYS: Record<NumberStatus, MessageKey> = {
  connect: 'status.connect',
  after_hours: 'status.afterHours',
  lunch: 'status.lunch',
  blocked: 'status.blockedNow',
  paused: 'status.paused',
  unavailable: 'status.unavailable',
};

/** "18:00", "내일 09:00", "월요일 09:00", "12월 25일 09:00" by how many days away. */
export function whenText(u: NonNullable<StatusView['untilLocal']>, t: Translate): string {
  if (u.dayOffset <= 0) return t('when.today', { time: u.time });
  if (u.dayOffset === 1) return t('when.tomorrow', { time: u.time });
  if (u.dayOffset < 7) return t('when.weekday', { day: t(WEEKDAY_KEYS[u.weekday] ?? 'weekday.mon'), time: u.time });
  return t('when.date', { month: Number(u.date.slice(5, 7)), date: Number(u.date.slice(8, 10)), time: u.time });
}

/** The second half of the card's line, or null when only a setting change ends the status. */
export function statusUntil(s: StatusView, t: Translate): string | null {
  if (!s.untilLocal || !s.next) return null;
  const when = whenText(s.untilLocal, t);
  if (s.status === 'connect') return t('status.until', { when });
  if (s.next !== 'connect') return t('status.fromNext', { when, next: t(NEXT_KEYS[s.next]) });
  return s.status === 'after_hours' ? t('status.from', { when }) : t('status.until', { when });
}

/** The whole line: "업무시간 외 · 내일 09:00부터". */
export function statusLine(s: StatusView, t: Translate): string {
  const until = statusUntil(s, t);
  return until ? `${statusLabel(s, t)} · ${until}` : statusLabel(s, t);
}
