// Period boundaries of the statistics in an org's time zone (pure): midnight in Asia/Seoul, weeks
// starting on Monday, month starts, and days of 23 or 25 hours where clocks change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDateOf, nextLocalMidnight, PERIOD_NAMES, periodRange, startOfLocalDay } from '../../worker/contact-center/periods';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const range = (name: (typeof PERIOD_NAMES)[number], now: string, tz = 'Asia/Seoul') => {
  const p = periodRange(name, at(now), tz);
  return [iso(p.from), iso(p.to), p.firstDate, p.lastDate];
};

describe('periods in Asia/Seoul (UTC+9, no DST)', () => {
  // Wednesday 2025-03-05 10:00 KST.
  const now = '2025-03-05T01:00:00Z';
  it('today, yesterday, this week (from Monday), this month, the last 30 days', () => {
    expect(range('today', now)).toEqual(['2025-03-04T15:00:00.000Z', '2025-03-05T15:00:00.000Z', '2025-03-05', '2025-03-05']);
    expect(range('yesterday', now)).toEqual(['2025-03-03T15:00:00.000Z', '2025-03-04T15:00:00.000Z', '2025-03-04', '2025-03-04']);
    expect(range('this_week', now)).toEqual(['2025-03-02T15:00:00.000Z', '2025-03-05T15:00:00.000Z', '2025-03-03', '2025-03-05']);
    expect(range('this_month', now)).toEqual(['2025-02-28T15:00:00.000Z', '2025-03-05T15:00:00.000Z', '2025-03-01', '2025-03-05']);
    expect(range('last_30_days', now)).toEqual(['2025-02-03T15:00:00.000Z', '2025-03-05T15:00:00.000Z', '2025-02-04', '2025-03-05']);
  });

  it('the day turns at local midnight, 15:00 UTC', () => {
    expect(range('today', '2025-03-04T14:59:59.999Z')[2]).toBe('2025-03-04');
    expect(range('today', '2025-03-04T15:00:00.000Z')[2]).toBe('2025-03-05');
    expect(range('yesterday', '2025-03-04T15:00:00.000Z')[2]).toBe('2025-03-04');
  });

  it('a Sunday night is still the week that began on Monday; Monday midnight starts a new one', () => {
    expect(range('this_week', '2025-03-09T14:59:59.999Z').slice(0, 3)).toEqual(['2025-03-02T15:00:00.000Z', '2025-03-09T15:00:00.000Z', '2025-03-03']);
    expect(range('this_week', '2025-03-09T15:00:00.000Z').slice(0, 3)).toEqual(['2025-03-09T15:00:00.000Z', '2025-03-10T15:00:00.000Z', '2025-03-10']);
  });

  it('across a new year: yesterday, the week and the last 30 days reach back into December', () => {
    const newYear = '2024-12-31T15:30:00Z'; // 2025-01-01 00:30 KST, a Wednesday
    expect(range('yesterday', newYear).slice(2)).toEqual(['2024-12-31', '2024-12-31']);
    expect(range('this_week', newYear)[2]).toBe('2024-12-30');
    expect(range('this_month', newYear)[0]).toBe('2024-12-31T15:00:00.000Z');
    expect(range('last_30_days', newYear)[2]).toBe('2024-12-03');
  });

  it('a leap day counts in February', () => {
    expect(range('this_month', '2024-02-29T03:00:00Z')[2]).toBe('2024-02-01');
    expect(range('last_30_days', '2024-03-01T03:00:00Z')[2]).toBe('2024-02-01'); // February 2024 has 29 days
    expect(range('last_30_days', '2025-03-01T03:00:00Z')[2]).toBe('2025-01-31');
  });
});

describe('days where the clocks change', () => {
  it('Europe/Berlin: the spring day has 23 hours, the autumn day 25', () => {
    const spring = periodRange('today', at('2025-03-30T10:00:00Z'), 'Europe/Berlin');
    expect([iso(spring.from), iso(spring.to)]).toEqual(['2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
    expect(spring.to - spring.from).toBe(23 * 3_600_000);
    const autumn = periodRange('today', at('2025-10-26T10:00:00Z'), 'Europe/Berlin');
    expect([iso(autumn.from), iso(autumn.to)]).toEqual(['2025-10-25T22:00:00.000Z', '2025-10-26T23:00:00.000Z']);
    expect(autumn.to - autumn.from).toBe(25 * 3_600_000);
  });

  it('America/Santiago skips midnight in September: the day starts at 01:00', () => {
    expect(iso(startOfLocalDay('2024-09-08', 'America/Santiago'))).toBe('2024-09-08T04:00:00.000Z');
    expect(localDateOf(at('2024-09-08T03:59:59.999Z'), 'America/Santiago')).toBe('2024-09-07');
    // and repeats the last hour of a Saturday in April: that day has 25 hours
    expect(startOfLocalDay('2025-04-06', 'America/Santiago') - startOfLocalDay('2025-04-05', 'America/Santiago')).toBe(25 * 3_600_000);
  });

  it('nextLocalMidnight is when today ends', () => {
    expect(iso(nextLocalMidnight(at('2025-03-05T01:00:00Z'), 'Asia/Seoul'))).toBe('2025-03-05T15:00:00.000Z');
    expect(iso(nextLocalMidnight(at('2025-03-29T23:00:00Z'), 'Europe/Berlin'))).toBe('2025-03-30T22:00:00.000Z');
  });
});

describe('date helpers', () => {
  it('weekdays and day arithmetic', () => {
    expect(isoWeekday('2025-03-03')).toBe(1);
    expect(isoWeekday('2025-03-09')).toBe(7);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('rejects what is not a date or a zone', () => {
    expect(() => startOfLocalDay('2025-3-5', 'Asia/Seoul')).toThrow(RangeError);
    expect(() => localDateOf(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('every instant, every zone (property)', () => {
  const zones = ['Asia/Seoul', 'Europe/Berlin', 'America/Santiago', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'UTC'];
  it('periods contain now, chain without gaps, start at the first instant of their first date', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') }), fc.constantFrom(...zones), (now, tz) => {
        const today = periodRange('today', now, tz);
        const yesterday = periodRange('yesterday', now, tz);
        expect(today.from).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(today.to);
        expect(yesterday.to).toBe(today.from);
        for (const name of PERIOD_NAMES) {
          const p = periodRange(name, now, tz);
          expect(localDateOf(p.from, tz)).toBe(p.firstDate);
          expect(localDateOf(p.from - 1, tz) < p.firstDate).toBe(true);
          expect(localDateOf(p.to - 1, tz)).toBe(p.lastDate);
          if (name !== 'yesterday') expect(p.to).toBe(today.to);
        }
        const day = today.to - today.from;
        expect(day).toBeGreaterThanOrEqual(22 * 3_600_000);
        expect(day).toBeLessThanOrEqual(26 * 3_600_000);
        expect(isoWeekday(periodRange('this_week', now, tz).firstDate)).toBe(1);
        expect(periodRange('this_month', now, tz).firstDate.endsWith('-01')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
