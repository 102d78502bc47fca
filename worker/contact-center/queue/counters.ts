// The queue's running statistics (C13): today's counters, emptied at the org's local midnight, and
// the per-minute buckets of the last half hour that the wait estimate reads. Pure.
import type { QueueCounters, RecentMinute } from '../queue-types';
import { RECENT_MINUTES } from '../queue-view';

export function emptyCounters(dayEndsAt: number): QueueCounters {
  return {
    dayEndsAt,
    inbound: 0,
    answered: 0,
    answeredWithinSl: 0,
    abandoned: 0,
    overflowed: 0,
    callbacksRequested: 0,
    callbacksWorked: 0,
    waitCount: 0,
    waitSumMs: 0,
    waitMaxMs: 0,
    handledCount: 0,
    handleSumMs: 0,
  };
}

/** Adds to this minute's bucket and drops buckets older than the window (at most 30 kept). */
export function countRecent(recent: RecentMinute[], now: number, add: Omit<RecentMinute, 'minute'>): RecentMinute[] {
  const minute = Math.floor(now / 60_000);
  const kept = recent.filter((m) => m.minute > minute - RECENT_MINUTES);
  const last = kept[kept.length - 1];
  if (last && last.minute === minute)
    kept[kept.length - 1] = { minute, arrivals: last.arrivals + add.arrivals, handled: last.handled + add.handled, handleMs: last.handleMs + add.handleMs };
  else kept.push({ minute, ...add });
  return kept;
}
