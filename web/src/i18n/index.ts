// The one place texts come from: the chosen language (Korean by default, remembered in
// localStorage) and t(), which components call while rendering so a switch re-renders them.
import { signal } from '@preact/signals';
import { en } from './en';
import { format, type Params } from './format';
import { ko, type MessageKey } from './ko';

export type { MessageKey };
export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export { format, type Params };
/** A text to show later, in whatever language is chosen then. */
export type Message = { key: MessageKey; params?: Params };

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { ko, en };
const STORAGE_KEY = 'lang';

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'ko' ? v : 'ko';
  } catch {
    return 'ko';
  }
}

export const lang = signal<Lang>(storedLang());

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

export function t(key: MessageKey, params?: Params): string {
  return format(DICTIONARIES[lang.value][key], params);
}

export function tm(message: Message): string {
  return t(message.key, message.params);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const locale = () => (lang.value === 'ko' ? 'ko-KR' : 'en-GB');

/** 24-hour wall time in a zone: "14:05". */
export function formatTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(new Date(ms));
}

// Dates and times have one shape everywhere (issue 16): month, day, weekday and the 24-hour clock,
// the year in front where it is needed — "12월 3일 (수) 14:05", "2026년 12월 3일 (수) 14:05",
// "2026년 8월 15일 (토)" — never "2026. 12. 3. 오후 2:05" or "2026-12-03".

/** A moment in a zone with its year, for records (audit, callbacks, notices): "2026년 12월 3일 (수) 14:05". */
export function formatDateTime(ms: number, timeZone?: string): string {
  return formatAt(ms, timeZone, true);
}

/** A moment in a zone, compact for lists: "12월 3일 (수) 14:05" / "Wed 3 Dec, 14:05". */
export function formatMoment(ms: number, timeZone?: string): string {
  return formatAt(ms, timeZone, false);
}

function formatAt(ms: number, timeZone: string | undefined, withYear: boolean): string {
  return new Intl.DateTimeFormat(locale(), {
    ...(withYear ? { year: 'numeric' } : {}),
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(ms));
}

/** A calendar date (YYYY-MM-DD, no zone involved): "12월 25일 (금)" / "Fri 25 Dec"; with the year "2026년 12월 25일 (금)". */
export function formatDay(date: string, withYear = false): string {
  return new Intl.DateTimeFormat(locale(), {
    ...(withYear ? { year: 'numeric' } : {}),
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** A calendar month (YYYY-MM): "2026년 3월" / "March 2026". */
export function formatMonth(month: string): string {
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * A time zone as people name it, never the raw IANA id: "한국 표준시" / "Korean Standard Time"
 * (Intl's name at this moment); the id only where Intl has no name but an offset ("GMT+5:45").
 */
export function zoneLabel(timeZone: string): string {
  try {
    const name = new Intl.DateTimeFormat(locale(), { timeZone, timeZoneName: 'long' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    return name && !/^(GMT|UTC)[+−-]/.test(name) ? name : timeZone;
  } catch {
    return timeZone;
  }
}

/** The wall clock of an instant in a zone as the inputs of a date and a time picker take it. */
export function zonedParts(ms: number, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
