// Calendar periods of the statistics (C10) in an organisation's time zone: today, yesterday, this
// week (weeks start on Monday), this month and the last 30 days, as half-open instant ranges
// [from, to) in epoch ms. PURE: Intl only. DST-safe: a day is whatever runs from one local midnight
// (or, where midnight is skipped, the first instant of the date) to the next, 23, 24 or 25 hours.

import { PERIODS, type Period as PeriodsName } from '../../contract/vocabularies';
import { addDays, instantsOf, localTime, offsetAt, weekdayOf } from '../routing/local-time';

export const PERIOD_NAMES = PERIODS;
export type PeriodName = PeriodsName;

/** A period: instants [from, to), and the local dates it covers (inclusive, YYYY-MM-DD). */
export type Period = { name: PeriodName; from: number; to: number; firstDate: string; lastDate: string };

/** The local calendar date (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDateOf(at: number, tz: string): string {
  return localTime(tz, at).date;
}

export { addDays };

const localHour = (at: number, tz: string) => Math.floor(localTime(tz, at).minute / 60);

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return weekdayOf(date) + 1;
}

/**
 * The first instant whose local date is `date`: local midnight, or where a DST change skips
 * midnight (e.g. America/Santiago), the first instant after the gap.
 */
export function startOfLocalDay(date: string, tz: string): number {
  const midnight = instantsOf(tz, date, 0)[0];
  if (midnight !== undefined) return midnight;
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Midnight falls in a gap or an overlap: search the first instant of the date. Offsets stay
  // within −12 h … +14 h, so it lies within this window.
  let lo = utcMidnight - 15 * 3_600_000;
  let hi = utcMidnight + 13 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDateOf(mid, tz) >= date) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The start of the local day after the one `now` falls in: when "today" ends. */
export function nextLocalMidnight(now: number, tz: string): number {
  return startOfLocalDay(addDays(localDateOf(now, tz), 1), tz);
}

/**
 * The range of a named period around `now` in `tz`. Every period ends at the end of today (the
 * start of tomorrow) except yesterday, which ends where today starts:
 * - today: today's local midnight → tomorrow's;
 * - yesterday: yesterday's midnight → today's;
 * - this_week: Monday of this week, 00:00 → tomorrow's midnight;
 * - this_month: the 1st of this month, 00:00 → tomorrow's midnight;
 * - last_30_days: 30 calendar days including today (midnight 29 days ago → tomorrow's midnight).
 */
export function periodRange(name: PeriodName, now: number, tz: string): Period {
  const today = localDateOf(now, tz);
  const tomorrow = addDays(today, 1);
  let first: string;
  let last = today;
  switch (name) {
    case 'today':
      first = today;
      break;
    case 'yesterday':
      first = addDays(today, -1);
      last = first;
      break;
    case 'this_week':
      first = addDays(today, 1 - isoWeekday(today));
      break;
    case 'this_month':
      first = `${today.slice(0, 8)}01`;
      break;
    case 'last_30_days':
      first = addDays(today, -29);
      break;
    default:
      throw new RangeError(`unknown period: ${String(name)}`);
  }
  return {
    name,
    from: startOfLocalDay(first, tz),
    to: startOfLocalDay(name === 'yesterday' ? today : tomorrow, tz),
    firstDate: first,
    lastDate: last,
  };
}

/**
 * Where each local hour of `date` starts in `tz`: index h (0…23) is the first instant whose local
 * time is hour h or later, index 24 the start of the next day. The graphs of C8 bucket calls by
 * these. An hour a DST change skips starts where the next one does (an empty bucket); an hour it
 * repeats holds both passes.
 */
export function hourStarts(date: string, tz: string): number[] {
  const from = startOfLocalDay(date, tz);
  const to = startOfLocalDay(addDays(date, 1), tz);
  const HOUR = 3_600_000;
  // An ordinary day: 24 equal hours, the same offset at both ends.
  if (to - from === 24 * HOUR && offsetAt(tz, from) === offsetAt(tz, to - 1)) return Array.from({ length: 25 }, (_, h) => from + h * HOUR);
  const out = [from];
  for (let h = 1; h < 24; h++) {
    // The local hour only grows through the day (a repeated hour keeps its number), so search.
    let lo = out[h - 1] ?? from;
    let hi = to;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (localHour(mid, tz) >= h && localDateOf(mid, tz) === date) hi = mid;
      else lo = mid;
    }
    out.push(localHour(lo, tz) >= h && localDateOf(lo, tz) === date ? lo : hi);
  }
  out.push(to);
  return out;
}
