// Wall-clock time in an IANA time zone: the one place the routing engine meets time zones. The
// zone rules (DST included) come from the runtime's ICU through Intl; nothing here is hand-made.
// Pure: every function takes the instant it works on.

/** A local (wall-clock) moment: calendar date, minute of the day, weekday (0 = Monday … 6 = Sunday). */
export type LocalTime = { date: string; minute: number; weekday: number };

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Every zone in use changes its offset at a whole quarter hour (UTC), so an offset holds for a whole bucket. */
const BUCKET_MS = 15 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's UTC offset (ms, east positive) at an instant, straight from Intl. */
function offsetFromIntl(tz: string, at: number): number {
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of formatter(tz).formatToParts(at)) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
    }
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

/** Last offset seen per zone and its quarter-hour bucket: consecutive calls rarely leave the bucket. */
const lastOffset = new Map<string, { bucket: number; offset: number }>();

/** The zone's UTC offset (ms) at an instant. */
export function offsetAt(tz: string, at: number): number {
  const bucket = Math.floor(at / BUCKET_MS);
  const hit = lastOffset.get(tz);
  if (hit && hit.bucket === bucket) return hit.offset;
  const offset = offsetFromIntl(tz, at);
  lastOffset.set(tz, { bucket, offset });
  return offset;
}

/** The wall clock of an instant in a zone. */
export function localTime(tz: string, at: number): LocalTime {
  const wall = new Date(at + offsetAt(tz, at));
  return {
    date: wall.toISOString().slice(0, 10),
    minute: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
    weekday: (wall.getUTCDay() + 6) % 7,
  };
}

/** YYYY-MM-DD plus a number of days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday: the bit index of the weekday masks in worker/db/schema.ts. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** 'HH:MM' → minutes since midnight. */
export function toMinute(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Minutes since midnight → 'HH:MM'. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * The instants at which a zone's wall clock reads `date` `minute`: one normally, none inside a
 * spring-forward gap, two inside a fall-back overlap (earliest first).
 */
export function instantsOf(tz: string, date: string, minute: number): number[] {
  const wall = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE_MS;
  // The offsets a day either side cover every offset in force around this wall time.
  const offsets = new Set([offsetFromIntl(tz, wall - DAY_MS), offsetFromIntl(tz, wall + DAY_MS)]);
  const out: number[] = [];
  for (const o of offsets) {
    const t = wall - o;
    if (offsetFromIntl(tz, t) === o) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The instants in [from, to] at which the zone's offset changes (a DST switch), to the minute.
 * Assumes at most one change in the span, which holds for spans of a few days in every real zone.
 */
export function offsetChanges(tz: string, from: number, to: number): number[] {
  let lo = Math.floor(from / MINUTE_MS);
  let hi = Math.ceil(to / MINUTE_MS);
  const before = offsetFromIntl(tz, lo * MINUTE_MS);
  if (offsetFromIntl(tz, hi * MINUTE_MS) === before) return [];
  // Invariant: offset(lo) = before, offset(hi) ≠ before.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetFromIntl(tz, mid * MINUTE_MS) === before) lo = mid;
    else hi = mid;
  }
  return [hi * MINUTE_MS];
}
