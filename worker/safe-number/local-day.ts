// Calendar days and wall-clock moments in an organisation's time zone, as the staff screens speak
// of them ("today", "tomorrow 09:00", a date range, a what-if instant). PURE: built on the routing
// engine's own zone arithmetic (worker/routing/local-time.ts), so screens and calls agree.
import { addDays, formatMinute, instantsOf, localTime, offsetAt, toMinute } from '../routing/local-time';

export type LocalClock = { date: string; time: string; weekday: number };

/** The wall clock of an instant: YYYY-MM-DD, HH:MM and weekday (0 = Monday). */
export function localClock(tz: string, at: number): LocalClock {
  const t = localTime(tz, at);
  return { date: t.date, time: formatMinute(t.minute), weekday: t.weekday };
}

/**
 * The first instant of a local calendar day. Where a zone skips midnight (a DST switch at 00:00),
 * the day starts at the first instant after the gap.
 */
export function startOfLocalDay(tz: string, date: string): number {
  const exact = instantsOf(tz, date, 0)[0];
  if (exact !== undefined) return exact;
  const wall = Date.parse(`${date}T00:00:00Z`);
  // Inside a gap the offset after the switch holds: the wall clock jumps forward past midnight.
  return wall - offsetAt(tz, wall + 12 * 3_600_000);
}

/** [start, end) of the local days from `from` to `to` inclusive. */
export function localDayRange(tz: string, from: string, to: string): { start: number; end: number } {
  return { start: startOfLocalDay(tz, from), end: startOfLocalDay(tz, addDays(to, 1)) };
}

/**
 * The instant a zone's wall clock reads `date` `time` (the earlier one inside a fall-back overlap);
 * null inside a spring-forward gap, where no instant reads it.
 */
export function localInstant(tz: string, date: string, time: string): number | null {
  return instantsOf(tz, date, toMinute(time))[0] ?? null;
}

/** Whole calendar days from the local date of `from` to that of `to` (0 = the same day, 1 = the next). */
export function daysBetween(tz: string, from: number, to: number): number {
  const a = Date.parse(`${localTime(tz, from).date}T00:00:00Z`);
  const b = Date.parse(`${localTime(tz, to).date}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
