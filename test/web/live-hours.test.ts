// Today's hourly graph kept live: the queues' counters beyond the call records are calls under way,
// added to the hour they happen in; a recorded figure is never lowered, another day never touched;
// records the counters never saw are learnt and do not hide the calls under way.
import { describe, expect, it } from 'vitest';
import type { HourBucket, HourlyAnswer, QueueLiveView } from '../../contract/cc-live';
import { learnUnseen, liveCountsOf, withLiveCounts, type LiveCounts } from '../../web/src/features/contact-center/live/live-hours';

const HOUR = 3_600_000;
/** 2026-12-06 00:00 in Asia/Seoul (a Sunday), and the day before. */
const TODAY = Date.UTC(2026, 11, 5, 15);
const YESTERDAY = TODAY - 24 * HOUR;

function day(start: number, fill: Partial<Record<number, Partial<HourBucket>>> = {}): HourBucket[] {
  return Array.from({ length: 24 }, (_, hour) => ({
    hour,
    from: start + hour * HOUR,
    inbound: 0,
    answered: 0,
    abandoned: 0,
    averageWaitSeconds: null,
    maxWaitSeconds: null,
    ...fill[hour],
  }));
}

function answer(today: Partial<Record<number, Partial<HourBucket>>> = {}, yesterday: Partial<Record<number, Partial<HourBucket>>> = {}): HourlyAnswer {
  return {
    timezone: 'Asia/Seoul',
    queueId: null,
    days: [
      { day: 'yesterday', date: '2026-12-05', hours: day(YESTERDAY, yesterday) },
      { day: 'today', date: '2026-12-06', hours: day(TODAY, today) },
    ],
  };
}

const live = (c: Partial<LiveCounts>): LiveCounts => ({
  inbound: 0,
  answered: 0,
  abandoned: 0,
  maxWaitSeconds: 0,
  waitingSeconds: 0,
  at: TODAY + 10.5 * HOUR,
  ...c,
});
const todayOf = (a: HourlyAnswer) => a.days.find((d) => d.day === 'today')?.hours ?? [];

function view(
  queueId: string,
  c: { inbound: number; answered: number; abandoned: number; maxWaitSeconds: number; waiting: number; longest: number; at: number },
): QueueLiveView {
  return {
    queueId,
    name: queueId,
    waitingCalls: c.waiting,
    waitingCallbacks: 0,
    longestWaitSeconds: c.longest,
    waiting: [],
    members: [],
    today: {
      inbound: c.inbound,
      answered: c.answered,
      abandoned: c.abandoned,
      overflowed: 0,
      callbacksRequested: 0,
      answerRate: null,
      serviceLevel: null,
      averageWaitSeconds: null,
      maxWaitSeconds: c.maxWaitSeconds,
    },
    staffing: { agents: 0, ready: 0, staffed: 0, capped: false, serviceLevel: 0, traffic: 0 },
    readyAgents: [],
    at: c.at,
  };
}

describe('the live counts of the queues', () => {
  it('sum today over the queues, take the longest waits and the newest view, and are none without a queue', () => {
    expect(liveCountsOf([])).toBeNull();
    const c = liveCountsOf([
      view('q1', { inbound: 3, answered: 2, abandoned: 1, maxWaitSeconds: 40, waiting: 0, longest: 99, at: 1_000 }),
      view('q2', { inbound: 4, answered: 1, abandoned: 0, maxWaitSeconds: 12, waiting: 2, longest: 25, at: 2_000 }),
    ]);
    // q1's 'longest' is stale: nobody waits there, so it is no caller's wait.
    expect(c).toEqual({ inbound: 7, answered: 3, abandoned: 1, maxWaitSeconds: 40, waitingSeconds: 25, at: 2_000 });
  });
});

describe('the hourly graph with the calls under way', () => {
  it('adds a caller who arrived, then was answered, to the hour it happens in, before any record is written', () => {
    const recorded = answer({ 9: { inbound: 2, answered: 2, maxWaitSeconds: 5 } });
    const arrived = todayOf(withLiveCounts(recorded, live({ inbound: 3, answered: 2, maxWaitSeconds: 5, waitingSeconds: 8 })));
    expect(arrived[10]).toMatchObject({ inbound: 1, answered: 0, abandoned: 0, maxWaitSeconds: 8 });
    expect(arrived[9]).toMatchObject({ inbound: 2, answered: 2, maxWaitSeconds: 5 });
    // Answered after 12 s: no one waits now, but the day's longest wait (12 s) is in no record yet.
    const answered = todayOf(withLiveCounts(recorded, live({ inbound: 3, answered: 3, maxWaitSeconds: 12 })));
    expect(answered[10]).toMatchObject({ inbound: 1, answered: 1, abandoned: 0, maxWaitSeconds: 12 });
  });

  it('adds a caller who hung up while waiting as abandoned', () => {
    const out = todayOf(withLiveCounts(answer(), live({ inbound: 1, abandoned: 1, maxWaitSeconds: 30 })));
    expect(out[10]).toMatchObject({ inbound: 1, answered: 0, abandoned: 1, maxWaitSeconds: 30 });
    expect(out.reduce((s, h) => s + h.inbound, 0)).toBe(1);
  });

  it('adds nothing once the records hold the calls, and never lowers a recorded figure', () => {
    const recorded = answer({ 9: { inbound: 4, answered: 3, abandoned: 1, maxWaitSeconds: 50 } });
    // The records are read after the live view was made: they count more than it does.
    expect(withLiveCounts(recorded, live({ inbound: 3, answered: 2, abandoned: 1, maxWaitSeconds: 50 }))).toBe(recorded);
    // A day's maximum no longer than a recorded one belongs to a recorded call.
    expect(withLiveCounts(recorded, live({ inbound: 4, answered: 3, abandoned: 1, maxWaitSeconds: 20 }))).toBe(recorded);
    // The hour's own recorded maximum stays when the live one is shorter.
    const withWait = answer({ 10: { inbound: 1, answered: 1, maxWaitSeconds: 70 } });
    expect(todayOf(withLiveCounts(withWait, live({ inbound: 2, answered: 1, waitingSeconds: 3 })))[10]).toMatchObject({ inbound: 2, maxWaitSeconds: 70 });
  });

  it('leaves the answer alone without live views, or when the views are not of its today (a new day began)', () => {
    const recorded = answer();
    expect(withLiveCounts(recorded, null)).toBe(recorded);
    expect(withLiveCounts(recorded, live({ inbound: 5, at: TODAY + 24 * HOUR }))).toBe(recorded);
    expect(withLiveCounts(recorded, live({ inbound: 5, at: TODAY - 1 }))).toBe(recorded);
    expect(withLiveCounts({ ...recorded, days: recorded.days.filter((d) => d.day === 'yesterday') }, live({ inbound: 5 }))).toEqual({
      ...recorded,
      days: recorded.days.filter((d) => d.day === 'yesterday'),
    });
  });

  it('touches only today: yesterday and the other hours are the very same objects', () => {
    const recorded = answer({}, { 10: { inbound: 9 } });
    const out = withLiveCounts(recorded, live({ inbound: 1, at: TODAY + 23 * HOUR + 59 * 60_000 }));
    expect(out.days[0]).toBe(recorded.days[0]);
    expect(todayOf(out)[23]).toMatchObject({ inbound: 1 });
    expect(
      todayOf(out)
        .filter((h, k) => h !== todayOf(recorded)[k])
        .map((h) => h.hour),
    ).toEqual([23]);
    // The first instant of the day is hour 0.
    expect(todayOf(withLiveCounts(recorded, live({ inbound: 1, at: TODAY })))[0]).toMatchObject({ inbound: 1 });
  });
});

describe('records the live counters never saw', () => {
  it('are learnt as the most the records were ever ahead, and the calls under way still show', () => {
    // Two callers hung up during the greeting: recorded, never in line, so not counted live.
    const recorded = answer({ 9: { inbound: 5, answered: 2, abandoned: 2 } });
    const quiet = live({ inbound: 3, answered: 2, abandoned: 0 });
    const unseen = learnUnseen(null, recorded, quiet);
    expect(unseen).toEqual({ date: '2026-12-06', counts: { inbound: 2, answered: 0, abandoned: 2 } });
    expect(withLiveCounts(recorded, quiet, unseen)).toBe(recorded);
    // A caller joins the line and is answered: the graph shows it although the records are ahead.
    const busy = live({ inbound: 4, answered: 3, abandoned: 0 });
    // Unlearnt, the greeting hang-ups would hide the caller who joined (inbound stays flat).
    expect(todayOf(withLiveCounts(recorded, busy))[10]).toMatchObject({ inbound: 0, answered: 1 });
    expect(todayOf(withLiveCounts(recorded, busy, unseen))[10]).toMatchObject({ inbound: 1, answered: 1, abandoned: 0 });
  });

  it('never grow from calls under way (the counters only run ahead of the records), nor shrink', () => {
    const recorded = answer({ 9: { inbound: 5, abandoned: 2 } });
    const first = learnUnseen(null, recorded, live({ inbound: 3 }));
    expect(first?.counts).toEqual({ inbound: 2, answered: 0, abandoned: 2 });
    // More calls under way: nothing new is learnt, and the same object says so.
    expect(learnUnseen(first, recorded, live({ inbound: 6, answered: 1 }))).toBe(first);
    // A greeting hang-up recorded later is learnt on top.
    const later = answer({ 9: { inbound: 6, abandoned: 3 } });
    expect(learnUnseen(first, later, live({ inbound: 3 }))?.counts).toEqual({ inbound: 3, answered: 0, abandoned: 3 });
  });

  it('start again on a new day and learn nothing without live views or out of the day', () => {
    const recorded = answer({ 9: { inbound: 5 } });
    const old = { date: '2026-12-05', counts: { inbound: 40, answered: 0, abandoned: 0 } };
    expect(learnUnseen(old, recorded, live({ inbound: 4 }))).toEqual({ date: '2026-12-06', counts: { inbound: 1, answered: 0, abandoned: 0 } });
    expect(learnUnseen(old, recorded, null)).toBe(old);
    expect(learnUnseen(null, recorded, live({ inbound: 0, at: TODAY + 25 * HOUR }))).toBeNull();
    // Yesterday's lesson does not apply to today's counts.
    expect(todayOf(withLiveCounts(recorded, live({ inbound: 6 }), old))[10]).toMatchObject({ inbound: 1 });
  });
});
