// Today's hourly graph kept live between reads of the statistics (issue 16): the hourly figures come
// from call records, written as a call ends, so a caller waiting, answered or on the line is not in
// them yet. The queues' live counters are, the moment it happens; whatever they count beyond the
// records belongs to calls still under way, drawn in the hour the counters were made. Records the
// counters never saw (a caller gone during the greeting, before joining the line; a queue deleted
// since) are learnt as they appear, so they do not hide the calls under way. Pure; no DOM.
import type { HourBucket, HourlyAnswer, QueueLiveView } from '../../../../../contract/cc-live';

const HOUR_MS = 3_600_000;

/** Today's counters of some queues summed, as of the newest view (server time). */
export type LiveCounts = {
  inbound: number;
  answered: number;
  abandoned: number;
  /** The longest wait of today's calls that have left the line (answered, abandoned …). */
  maxWaitSeconds: number;
  /** The longest wait of a caller still in line. */
  waitingSeconds: number;
  at: number;
};

export type Counts = { inbound: number; answered: number; abandoned: number };
export const NO_COUNTS: Counts = { inbound: 0, answered: 0, abandoned: 0 };

/** What the records of one day hold beyond the live counters, at the most seen so far. */
export type Unseen = { date: string; counts: Counts };

/** Sums the live views' counters; null when there are none. */
export function liveCountsOf(views: readonly QueueLiveView[]): LiveCounts | null {
  if (views.length === 0) return null;
  const c: LiveCounts = { inbound: 0, answered: 0, abandoned: 0, maxWaitSeconds: 0, waitingSeconds: 0, at: 0 };
  for (const q of views) {
    c.inbound += q.today.inbound;
    c.answered += q.today.answered;
    c.abandoned += q.today.abandoned;
    c.maxWaitSeconds = Math.max(c.maxWaitSeconds, q.today.maxWaitSeconds);
    if (q.waitingCalls > 0) c.waitingSeconds = Math.max(c.waitingSeconds, q.longestWaitSeconds);
    c.at = Math.max(c.at, q.at);
  }
  return c;
}

/** Today of the answer and the hour `at` falls in, or null when `at` is not in it. */
function todayAt(answer: HourlyAnswer, at: number) {
  const index = answer.days.findIndex((d) => d.day === 'today');
  const today = answer.days[index];
  const last = today?.hours[today.hours.length - 1];
  if (!today || !last || at < (today.hours[0]?.from ?? Infinity) || at >= last.from + HOUR_MS) return null;
  const hour = today.hours.findLastIndex((b) => b.from <= at);
  return hour < 0 ? null : { index, today, hour };
}

function recordedOf(hours: readonly HourBucket[]) {
  const r = { inbound: 0, answered: 0, abandoned: 0, maxWait: 0 };
  for (const b of hours) {
    r.inbound += b.inbound;
    r.answered += b.answered;
    r.abandoned += b.abandoned;
    r.maxWait = Math.max(r.maxWait, b.maxWaitSeconds ?? 0);
  }
  return r;
}

/**
 * Learns what the records count that the live counters never did. Records only grow by calls that
 * ended, which the counters had already counted unless they never saw them; calls under way only
 * make the counters run ahead. So the most the records were ever seen ahead of the counters is
 * what they hold unseen (a new day starts from nothing).
 */
export function learnUnseen(known: Unseen | null, answer: HourlyAnswer, live: LiveCounts | null): Unseen | null {
  if (!live) return known;
  const at = todayAt(answer, live.at);
  if (!at) return known;
  const date = at.today.date;
  const before = known?.date === date ? known.counts : NO_COUNTS;
  const r = recordedOf(at.today.hours);
  const counts = {
    inbound: Math.max(before.inbound, r.inbound - live.inbound),
    answered: Math.max(before.answered, r.answered - live.answered),
    abandoned: Math.max(before.abandoned, r.abandoned - live.abandoned),
  };
  const same = known?.date === date && counts.inbound === before.inbound && counts.answered === before.answered && counts.abandoned === before.abandoned;
  return same ? known : { date, counts };
}

/**
 * The answer with today's hour of `live.at` raised by what the live counters count beyond the
 * records: inbound, answered and abandoned calls, and a maximum wait the records cannot hold yet
 * (a caller in line now, or a day's maximum longer than any recorded), less what the records hold
 * unseen by the counters. Never lowers a recorded figure; unchanged (the same object) when nothing
 * is under way or `live.at` is not today.
 */
export function withLiveCounts(answer: HourlyAnswer, live: LiveCounts | null, unseen: Unseen | null = null): HourlyAnswer {
  if (!live) return answer;
  const at = todayAt(answer, live.at);
  if (!at) return answer;
  const { index, today, hour } = at;
  const bucket = today.hours[hour];
  if (!bucket) return answer;
  const r = recordedOf(today.hours);
  const u = unseen?.date === today.date ? unseen.counts : NO_COUNTS;
  const more = (liveValue: number, recorded: number, notLive: number) => Math.max(0, liveValue - (recorded - notLive));
  const inbound = more(live.inbound, r.inbound, u.inbound);
  const answered = more(live.answered, r.answered, u.answered);
  const abandoned = more(live.abandoned, r.abandoned, u.abandoned);
  // A day's maximum longer than any recorded wait is a call not recorded yet: one under way now.
  const unrecordedWait = live.maxWaitSeconds > r.maxWait ? live.maxWaitSeconds : 0;
  const wait = Math.max(unrecordedWait, live.waitingSeconds);
  const maxWaitSeconds = wait > (bucket.maxWaitSeconds ?? 0) ? wait : bucket.maxWaitSeconds;
  if (inbound === 0 && answered === 0 && abandoned === 0 && maxWaitSeconds === bucket.maxWaitSeconds) return answer;

  const hours = today.hours.map((b, k) =>
    k === hour ? { ...b, inbound: b.inbound + inbound, answered: b.answered + answered, abandoned: b.abandoned + abandoned, maxWaitSeconds } : b,
  );
  return { ...answer, days: answer.days.map((d, k) => (k === index ? { ...d, hours } : d)) };
}
