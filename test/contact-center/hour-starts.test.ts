// The local hours of a day (C8 graphs), pure: Seoul's equal hours, and the New York days whose
// clocks jump (an hour skipped, an hour repeated), hand-computed in UTC.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hourStarts, localDateOf, startOfLocalDay, addDays } from '../../worker/contact-center/periods';

const iso = (t: number | undefined) => (t === undefined ? 'none' : new Date(t).toISOString());

describe('hourStarts', () => {
  it('Asia/Seoul: 24 equal hours from local midnight (15:00 UTC the day before)', () => {
    const s = hourStarts('2025-03-05', 'Asia/Seoul');
    expect(s).toHaveLength(25);
    expect(iso(s[0])).toBe('2025-03-04T15:00:00.000Z');
    expect(iso(s[9])).toBe('2025-03-05T00:00:00.000Z');
    expect(iso(s[23])).toBe('2025-03-05T14:00:00.000Z');
    expect(iso(s[24])).toBe('2025-03-05T15:00:00.000Z');
  });

  it('America/New_York, 2025-03-09: 02:00 never happens, so hour 2 is empty and the day has 23 hours', () => {
    const s = hourStarts('2025-03-09', 'America/New_York');
    expect(iso(s[0])).toBe('2025-03-09T05:00:00.000Z'); // 00:00 EST
    expect(iso(s[1])).toBe('2025-03-09T06:00:00.000Z');
    expect(iso(s[2])).toBe('2025-03-09T07:00:00.000Z'); // = 03:00 EDT
    expect(iso(s[3])).toBe('2025-03-09T07:00:00.000Z');
    expect(iso(s[4])).toBe('2025-03-09T08:00:00.000Z');
    expect(iso(s[24])).toBe('2025-03-10T04:00:00.000Z'); // 00:00 EDT
  });

  it('America/New_York, 2025-11-02: 01:00–02:00 happens twice, so hour 1 lasts two hours and the day 25', () => {
    const s = hourStarts('2025-11-02', 'America/New_York');
    expect(iso(s[0])).toBe('2025-11-02T04:00:00.000Z'); // 00:00 EDT
    expect(iso(s[1])).toBe('2025-11-02T05:00:00.000Z');
    expect(iso(s[2])).toBe('2025-11-02T07:00:00.000Z'); // 02:00 EST
    expect(iso(s[24])).toBe('2025-11-03T05:00:00.000Z');
  });

  it('any day in any of these zones: starts never go back, cover the day exactly, and each instant lies in its own hour', () => {
    const zones = ['Asia/Seoul', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 0, max: 86_399_999 }), (tz, day, offset) => {
        const date = addDays('2024-01-01', day);
        const s = hourStarts(date, tz);
        expect(s[0]).toBe(startOfLocalDay(date, tz));
        expect(s[24]).toBe(startOfLocalDay(addDays(date, 1), tz));
        for (let h = 0; h < 24; h++) expect(s[h + 1]! >= s[h]!).toBe(true);
        // An instant of the day falls in the bucket whose start is the last one not after it.
        const t = s[0]! + (offset % (s[24]! - s[0]!));
        expect(localDateOf(t, tz)).toBe(date);
        const bucket = s.findLastIndex((start, h) => h < 24 && start <= t);
        const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', hour: '2-digit' }).format(t));
        expect(bucket).toBe(hour);
      }),
      { numRuns: 300 },
    );
  });
});
