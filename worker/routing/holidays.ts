// Korean national holidays (관공서의 공휴일에 관한 규정), computed from rules: fixed dates, lunar dates
// converted with the KASI table of `korean-lunar-calendar`, and the substitute-holiday (대체공휴일)
// rules with the years they took effect. Pure: the routing engine asks `isHoliday` per call.
import KoreanLunarCalendar from 'korean-lunar-calendar';

export type Holiday = { date: string; name: string };
/**
 * Years the rules below describe: the current list dates from 2013 (Hangul Day restored) and the
 * lunar table ends in 2050. Outside them only an org's own holidays apply.
 */
export const BUILT_IN_YEARS = { min: 2013, max: 2050 } as const;

type Kind = 'fixed' | 'lunar-block' | 'lunar';
type Instance = Holiday & { kind: Kind; substitutable: boolean; blockEnd?: string };

const DAY_MS = 86_400_000;

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

let calendar: KoreanLunarCalendar | undefined;

function lunarToSolar(year: number, month: number, day: number): string | undefined {
  calendar ??= new KoreanLunarCalendar();
  if (!calendar.setLunarDate(year, month, day, false)) return undefined;
  const s = calendar.getSolarCalendar();
  return iso(s.year, s.month, s.day);
}

/** The statutory holidays of a year before substitutes, each marked with whether it earns one that year. */
function baseHolidays(year: number): Instance[] {
  // Substitute holidays began in 2014 for Seollal, Chuseok and Children's Day, reached the four national
  // days in 2021 and Buddha's Birthday and Christmas in 2023.
  const since = (first: number) => year >= first;
  const fixed = (m: number, d: number, name: string, substitutable: boolean): Instance => ({
    date: iso(year, m, d),
    name,
    kind: 'fixed',
    substitutable,
  });
  const out: Instance[] = [
    fixed(1, 1, '1월 1일', false),
    fixed(3, 1, '3ㆍ1절', since(2021)),
    fixed(5, 5, '어린이날', since(2014)),
    fixed(6, 6, '현충일', false),
    fixed(8, 15, '광복절', since(2021)),
    fixed(10, 3, '개천절', since(2021)),
    fixed(10, 9, '한글날', since(2021)),
    fixed(12, 25, '기독탄신일', since(2023)),
  ];
  // Labour Day became a public holiday, and Constitution Day one again, in 2026 (both substitutable).
  if (since(2026)) out.push(fixed(5, 1, '노동절', true), fixed(7, 17, '제헌절', true));

  const seollal = lunarToSolar(year, 1, 1);
  if (seollal) {
    const end = addDays(seollal, 1);
    for (const [offset, name] of [
      [-1, '설날 전날'],
      [0, '설날'],
      [1, '설날 다음 날'],
    ] as const) {
      out.push({ date: addDays(seollal, offset), name, kind: 'lunar-block', substitutable: since(2014), blockEnd: end });
    }
  }
  const chuseok = lunarToSolar(year, 8, 15);
  if (chuseok) {
    const end = addDays(chuseok, 1);
    for (const [offset, name] of [
      [-1, '추석 전날'],
      [0, '추석'],
      [1, '추석 다음 날'],
    ] as const) {
      out.push({ date: addDays(chuseok, offset), name, kind: 'lunar-block', substitutable: since(2014), blockEnd: end });
    }
  }
  const buddha = lunarToSolar(year, 4, 8);
  if (buddha) out.push({ date: buddha, name: '부처님 오신 날', kind: 'lunar', substitutable: since(2023) });
  return out;
}

/**
 * Election days (관공서의 공휴일에 관한 규정 §2 ix: the polling day of an election held because terms
 * expire, 공직선거법 §34). The Act fixes each on the first Wednesday on or after a number of days
 * before the terms end; when that Wednesday is a holiday, or the day before or after it is, the
 * election moves to the Wednesday of the next week (§34②).
 *   - 국회의원선거: the Assembly's term ends on 29 May every four years (2016, 2020, 2024, …);
 *     polling on the first Wednesday from 50 days before (2024-04-10).
 *   - 전국동시지방선거: local terms end on 30 June every four years (2014, 2018, 2022, …); 30 days
 *     before (2018: 6 June is 현충일, so 13 June).
 *   - 대통령선거: 70 days before the President's term ends. Terms run five years from inauguration,
 *     which an early election (a vacancy, 보궐선거, §35: within 60 days, any weekday, made a
 *     temporary holiday by decree) resets, so terms are listed in PRESIDENTIAL_TERM_ENDS below and
 *     early polling days in ELECTION_DAYS.
 * A by-election, an early presidential election or any other temporary holiday the government
 * declares goes into ELECTION_DAYS (date and name) — or an org adds it as its own holiday meanwhile.
 */
const ELECTION_DAYS: readonly Holiday[] = [
  { date: '2017-05-09', name: '대통령선거일' }, // the 19th, early (vacancy)
  { date: '2025-06-03', name: '대통령선거일' }, // the 21st, early (vacancy)
];
/**
 * The day each President's term ends, by year: Moon Jae-in's (inaugurated 2017-05-10) on 2022-05-09,
 * Lee Jae-myung's (2025-06-04) on 2030-06-03; then every five years unless an early election intervenes.
 */
const PRESIDENTIAL_TERM_ENDS: Readonly<Record<number, string>> = (() => {
  const ends: Record<number, string> = { 2022: '2022-05-09' };
  for (let y = 2030; y <= BUILT_IN_YEARS.max; y += 5) ends[y] = `${y}-06-03`;
  return ends;
})();

/** The polling day the Act gives for terms ending on `termEnd`, `daysBefore` before, given the year's holidays. */
export function electionDay(termEnd: string, daysBefore: number, holidays: ReadonlySet<string>): string {
  let d = addDays(termEnd, -daysBefore);
  while (weekday(d) !== 3) d = addDays(d, 1);
  if (holidays.has(d) || holidays.has(addDays(d, -1)) || holidays.has(addDays(d, 1))) d = addDays(d, 7);
  return d;
}

function electionsOf(year: number, holidays: ReadonlySet<string>): Holiday[] {
  const out = ELECTION_DAYS.filter((h) => h.date.startsWith(`${year}-`));
  if ((year - 2016) % 4 === 0) out.push({ date: electionDay(`${year}-05-29`, 50, holidays), name: '국회의원선거일' });
  if ((year - 2014) % 4 === 0) out.push({ date: electionDay(`${year}-06-30`, 30, holidays), name: '전국동시지방선거일' });
  const presidentEnds = PRESIDENTIAL_TERM_ENDS[year];
  if (presidentEnds) out.push({ date: electionDay(presidentEnds, 70, holidays), name: '대통령선거일' });
  return out;
}

/**
 * Built-in national holidays of a year, substitutes and election days included, sorted by date.
 * One-off temporary holidays are not computable: they go into ELECTION_DAYS above when declared,
 * and orgs may add them as their own meanwhile.
 */
export function koreanHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < BUILT_IN_YEARS.min || year > BUILT_IN_YEARS.max) return [];
  const holidays = statutoryHolidays(year);
  const elections = electionsOf(year, new Set(holidays.map((h) => h.date)));
  return [...holidays, ...elections].sort((a, b) => a.date.localeCompare(b.date));
}

/** The statutory holidays and their substitutes (elections aside: they never earn a substitute). */
function statutoryHolidays(year: number): Holiday[] {
  const base = baseHolidays(year);
  const byDate = new Map<string, Instance[]>();
  for (const h of base) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h]);

  const taken = new Set(byDate.keys());
  const substitutes: Holiday[] = [];
  const blocksDone = new Set<string>();

  for (const date of [...byDate.keys()].sort()) {
    const here = byDate.get(date) ?? [];
    const dow = weekday(date);
    // An instance loses its day when it falls on Sunday, on Saturday (not for the lunar blocks), or
    // shares the day with another holiday.
    const losing = here.filter((h) => {
      if (!h.substitutable) return false;
      if (h.kind === 'lunar-block' && h.blockEnd && blocksDone.has(h.blockEnd)) return false;
      return dow === 0 || (dow === 6 && h.kind !== 'lunar-block') || here.length > 1;
    });
    // Several holidays on one weekday lose one day fewer than their number: the day itself is off.
    const weekend = dow === 0 || dow === 6;
    const count = weekend ? losing.length : Math.min(losing.length, here.length - 1);
    // Of holidays sharing a weekday, the fixed-date one keeps it (as the gazette attributes 2025-05-06).
    for (const h of losing.slice(losing.length - count)) {
      if (h.blockEnd) blocksDone.add(h.blockEnd);
      // The substitute is the first day after the holiday (after the whole block) that is not Sunday,
      // not Saturday (the lunar blocks excepted) and not already a holiday.
      let d = addDays(h.blockEnd ?? date, 1);
      for (;;) {
        const w = weekday(d);
        if (!taken.has(d) && w !== 0 && (w !== 6 || h.kind === 'lunar-block')) break;
        d = addDays(d, 1);
      }
      taken.add(d);
      substitutes.push({ date: d, name: `대체공휴일(${h.name.replace(/ (전날|다음 날)$/, '')})` });
    }
  }

  return [...base.map(({ date, name }) => ({ date, name })), ...substitutes].sort((a, b) => a.date.localeCompare(b.date));
}

const cache = new Map<number, Map<string, string>>();

/** Date → name of the built-in holidays of a year (the first name where two share a day), cached. */
function builtInDates(year: number): Map<string, string> {
  let dates = cache.get(year);
  if (!dates) {
    dates = new Map();
    for (const h of koreanHolidays(year)) if (!dates.has(h.date)) dates.set(h.date, h.name);
    cache.set(year, dates);
  }
  return dates;
}

/** The name of the built-in national holiday on a date (YYYY-MM-DD), or undefined. */
export function builtInHolidayName(date: string): string | undefined {
  return builtInDates(Number(date.slice(0, 4))).get(date);
}

/** The calendar date (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDate(at: Date | number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    typeof at === 'number' ? new Date(at) : at,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whether the instant falls, in the org's time zone, on a national holiday or one of the org's own dates. */
export function isHoliday(orgHolidays: readonly string[] | ReadonlySet<string>, date: Date | number, tz: string): boolean {
  const day = localDate(date, tz);
  const own = orgHolidays instanceof Set ? orgHolidays : new Set(orgHolidays as readonly string[]);
  return own.has(day) || builtInDates(Number(day.slice(0, 4))).has(day);
}
