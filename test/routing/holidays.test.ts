// The built-in Korean holidays against the official gazette (관보) lists, and isHoliday's time zones.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_YEARS, isHoliday, koreanHolidays, localDate } from '../../worker/routing/holidays';

const dates = (year: number) => koreanHolidays(year).map((h) => h.date);

describe('koreanHolidays', () => {
  // From the gazette, minus the one-off temporary holidays no rule yields (2024-10-01).
  it('matches 2024, with the Seollal and Children’s Day substitutes', () => {
    expect(dates(2024)).toEqual([
      '2024-01-01',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-03-01',
      '2024-04-10',
      '2024-05-05',
      '2024-05-06',
      '2024-05-15',
      '2024-06-06',
      '2024-08-15',
      '2024-09-16',
      '2024-09-17',
      '2024-09-18',
      '2024-10-03',
      '2024-10-09',
      '2024-12-25',
    ]);
  });

  it('matches 2025: Children’s Day and Buddha’s Birthday on one day earn one substitute; Chuseok on a Sunday one more', () => {
    const h = koreanHolidays(2025);
    expect(
      h
        .filter((x) => x.date === '2025-05-05')
        .map((x) => x.name)
        .sort(),
    ).toEqual(['부처님 오신 날', '어린이날']);
    expect(h.find((x) => x.date === '2025-05-06')?.name).toBe('대체공휴일(부처님 오신 날)');
    expect(h.find((x) => x.date === '2025-10-08')?.name).toBe('대체공휴일(추석)');
    expect(h.find((x) => x.date === '2025-03-03')?.name).toBe('대체공휴일(3ㆍ1절)');
    expect(new Set(dates(2025)).size).toBe(18); // 19 in the gazette, less the temporary holiday 2025-01-27
  });

  it('matches 2027, with Labour Day and Constitution Day (from 2026) and Saturday substitutes', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-03-01',
      '2027-05-01',
      '2027-05-03',
      '2027-05-05',
      '2027-05-13',
      '2027-06-06',
      '2027-07-17',
      '2027-07-19',
      '2027-08-15',
      '2027-08-16',
      '2027-09-14',
      '2027-09-15',
      '2027-09-16',
      '2027-10-03',
      '2027-10-04',
      '2027-10-09',
      '2027-10-11',
      '2027-12-25',
      '2027-12-27',
    ]);
  });

  it('holds every election day since 2013 as the National Election Commission held them', () => {
    const elections = [];
    for (let year = 2013; year <= 2026; year++) elections.push(...koreanHolidays(year).filter((h) => h.name.endsWith('선거일')));
    expect(elections).toEqual([
      { date: '2014-06-04', name: '전국동시지방선거일' },
      { date: '2016-04-13', name: '국회의원선거일' },
      { date: '2017-05-09', name: '대통령선거일' }, // early: listed
      { date: '2018-06-13', name: '전국동시지방선거일' }, // 6 June is 현충일: the next week
      { date: '2020-04-15', name: '국회의원선거일' },
      { date: '2022-03-09', name: '대통령선거일' }, // the day before 2 March is 3ㆍ1절: the next week
      { date: '2022-06-01', name: '전국동시지방선거일' },
      { date: '2024-04-10', name: '국회의원선거일' },
      { date: '2025-06-03', name: '대통령선거일' }, // early: listed
      { date: '2026-06-03', name: '전국동시지방선거일' },
    ]);
  });

  it('computes the scheduled ones by the Act: first Wednesday from 50/30/70 days before the terms end, a week later beside a holiday', () => {
    const named = (year: number, name: string) =>
      koreanHolidays(year)
        .filter((h) => h.name === name)
        .map((h) => h.date);
    expect(named(2028, '국회의원선거일')).toEqual(['2028-04-12']);
    // 2030: 31 May + first Wednesday = 5 June, the day before 현충일 → 12 June.
    expect(named(2030, '전국동시지방선거일')).toEqual(['2030-06-12']);
    // The President inaugurated 2025-06-04 serves until 2030-06-03: 70 days before is Monday 25 March.
    expect(named(2030, '대통령선거일')).toEqual(['2030-03-27']);
    expect(named(2027, '대통령선거일')).toEqual([]);
    for (let year = BUILT_IN_YEARS.min; year <= BUILT_IN_YEARS.max; year++) {
      for (const h of koreanHolidays(year).filter((x) => x.name.endsWith('선거일') && x.date > '2025-12-31')) {
        expect(new Date(`${h.date}T00:00:00Z`).getUTCDay(), h.date).toBe(3);
        expect(isHoliday([], Date.parse(`${h.date}T12:00:00+09:00`), 'Asia/Seoul')).toBe(true);
      }
    }
  });

  it('makes the 2026 local elections a day off for the routing engine', () => {
    expect(isHoliday([], Date.parse('2026-06-03T10:00:00+09:00'), 'Asia/Seoul')).toBe(true);
    expect(isHoliday([], Date.parse('2026-06-02T10:00:00+09:00'), 'Asia/Seoul')).toBe(false);
  });

  it('gives no substitutes before the rules existed (Christmas 2022 on a Sunday)', () => {
    expect(dates(2022)).toContain('2022-12-25');
    expect(dates(2022)).not.toContain('2022-12-26');
  });

  it('returns nothing outside the years the rules describe', () => {
    expect(koreanHolidays(BUILT_IN_YEARS.max + 1)).toEqual([]);
    expect(koreanHolidays(BUILT_IN_YEARS.min - 1)).toEqual([]);
  });

  it('keeps its invariants in every supported year', () => {
    for (let year = BUILT_IN_YEARS.min; year <= BUILT_IN_YEARS.max; year++) {
      const list = koreanHolidays(year);
      const all = list.map((h) => h.date);
      expect(all, String(year)).toEqual([...all].sort());
      expect(all.every((d) => d.startsWith(`${year}-`))).toBe(true);
      const names = list.map((h) => h.name);
      for (const name of ['1월 1일', '설날', '3ㆍ1절', '어린이날', '부처님 오신 날', '현충일', '광복절', '추석', '개천절', '한글날', '기독탄신일']) {
        expect(names, `${year} ${name}`).toContain(name);
      }
      const substitutes = list.filter((h) => h.name.startsWith('대체공휴일'));
      const base = new Set(list.filter((h) => !h.name.startsWith('대체공휴일')).map((h) => h.date));
      for (const s of substitutes) {
        // A substitute is a weekday that is not already a holiday, and no two share a day.
        expect(base.has(s.date), `${year} ${s.date}`).toBe(false);
        expect(new Date(`${s.date}T00:00:00Z`).getUTCDay(), `${year} ${s.date}`).not.toBe(0);
      }
      expect(new Set(substitutes.map((s) => s.date)).size).toBe(substitutes.length);
      if (year < 2014) expect(substitutes).toEqual([]);
    }
  });
});

describe('isHoliday', () => {
  it('judges the day in the org’s time zone, not UTC', () => {
    // 2026-01-01 00:30 in Seoul is still 2025-12-31 in UTC.
    const at = Date.parse('2025-12-31T15:30:00Z');
    expect(localDate(at, 'Asia/Seoul')).toBe('2026-01-01');
    expect(isHoliday([], at, 'Asia/Seoul')).toBe(true);
    expect(isHoliday([], at, 'UTC')).toBe(false);
  });

  it('adds the org’s own dates and leaves ordinary days alone', () => {
    const at = Date.parse('2026-04-14T03:00:00Z');
    expect(isHoliday([], at, 'Asia/Seoul')).toBe(false);
    expect(isHoliday(['2026-04-14'], at, 'Asia/Seoul')).toBe(true);
    expect(isHoliday(new Set(['2026-04-15']), at, 'Asia/Seoul')).toBe(false);
  });
});
