// The statistics formulas (pure): ratios over the counts, null where nothing divides, and the CSV rows.
import { describe, expect, it } from 'vitest';
import { EMPTY_COUNTS, figuresOf, statsCsv, sumCounts, type StatsReport } from '../../worker/contact-center/stats';

describe('figuresOf', () => {
  it('computes every ratio and average from the counts', () => {
    const f = figuresOf({
      inbound: 10,
      answered: 8,
      abandoned: 2,
      callbacks: 0,
      abandonedLong: 1,
      answeredWithin: 6,
      waitCount: 10,
      waitSumMs: 150_000,
      waitMaxMs: 45_000,
      handledCount: 8,
      talkSumMs: 800_000,
      acwSumMs: 160_000,
    });
    expect(f).toMatchObject({
      answerRate: 0.8,
      serviceLevel: 0.75,
      serviceLevelWithAbandons: 0.6,
      averageWaitSeconds: 15,
      maxWaitSeconds: 45,
      averageHandleSeconds: 120,
      averageTalkSeconds: 100,
      averageAcwSeconds: 20,
    });
    expect(f.serviceLevelWithoutShortAbandons).toBeCloseTo(6 / 9, 12);
  });

  it('answers null where the denominator is zero', () => {
    const f = figuresOf(EMPTY_COUNTS);
    expect([
      f.answerRate,
      f.serviceLevel,
      f.serviceLevelWithAbandons,
      f.serviceLevelWithoutShortAbandons,
      f.averageWaitSeconds,
      f.maxWaitSeconds,
      f.averageHandleSeconds,
    ]).toEqual([null, null, null, null, null, null, null]);
    // Only abandons: the answered-only level is undefined, the abandon-counting ones are 0.
    const onlyAbandons = figuresOf({ ...EMPTY_COUNTS, inbound: 2, abandoned: 2, abandonedLong: 0, waitCount: 2, waitSumMs: 6000, waitMaxMs: 4000 });
    expect([onlyAbandons.serviceLevel, onlyAbandons.serviceLevelWithAbandons, onlyAbandons.serviceLevelWithoutShortAbandons]).toEqual([null, 0, null]);
  });
});

describe('sumCounts', () => {
  it('adds the groups up into the total (counts summed, the maximum wait the largest), so ratios are the population’s, not an average of ratios', () => {
    const a = { ...EMPTY_COUNTS, inbound: 3, answered: 3, answeredWithin: 2, waitCount: 3, waitSumMs: 30_000, waitMaxMs: 20_000 };
    const b = { ...EMPTY_COUNTS, inbound: 2, abandoned: 1, abandonedLong: 1, callbacks: 1, waitCount: 2, waitSumMs: 90_000, waitMaxMs: 50_000 };
    const total = sumCounts([a, b, EMPTY_COUNTS]);
    expect(total).toMatchObject({ inbound: 5, answered: 3, abandoned: 1, callbacks: 1, answeredWithin: 2, waitSumMs: 120_000, waitMaxMs: 50_000 });
    const f = figuresOf(total);
    expect(f.answerRate).toBe(0.6);
    // The callback request is in no service-level denominator: 2 / (3 + 1 abandoned).
    expect(f.serviceLevelWithAbandons).toBe(0.5);
    expect(sumCounts([]).waitMaxMs).toBeNull();
  });
});

describe('statsCsv', () => {
  it('names groups, marks the unnamed group, callbacks in their own column, a total row last, percentages to one decimal, blanks for nulls', () => {
    const rows = [
      {
        ...figuresOf({ ...EMPTY_COUNTS, inbound: 3, answered: 3, answeredWithin: 2, handledCount: 3, talkSumMs: 300_000 }),
        key: 'cat1',
        name: '세금, 지방세',
      },
      {
        ...figuresOf({ ...EMPTY_COUNTS, inbound: 2, abandoned: 1, abandonedLong: 1, callbacks: 1, waitCount: 2, waitSumMs: 18_000, waitMaxMs: 9000 }),
        key: null,
        name: null,
      },
    ];
    const report: StatsReport = {
      period: { name: 'today', from: 0, to: 1, firstDate: '2025-03-05', lastDate: '2025-03-05' },
      group: 'category',
      queueId: null,
      serviceLevelSeconds: 20,
      shortAbandonSeconds: 5,
      rows,
      total: { ...figuresOf(sumCounts(rows)), key: null, name: null },
    };
    const lines = statsCsv(report).split('\r\n');
    expect(lines[0]?.split(',').slice(0, 6)).toEqual(['\uFEFF구분', '인입', '응답', '포기', '콜백 요청', '응답률(%)']);
    expect(lines[1]).toBe('"세금, 지방세",3,3,0,0,100,66.7,66.7,66.7,,,100');
    expect(lines[2]).toBe('미지정,2,0,1,1,0,,0,0,9,9,');
    expect(lines[3]).toBe('합계,5,3,1,1,60,66.7,50,50,9,9,100');
    expect(lines[4]).toBe('');
  });
});
