// Read-only views of a queue's state: a caller's position and estimated wait (the announcements), the
// agents a call may be transferred to (C5), the supervisor's and agents' dashboards (C8, C11) and the
// live Erlang C staffing hint (B5). PURE.
import { agentsNeeded, type StaffingHint } from './erlang-c';
import type { QueueState } from './queue-types';

/** Arrivals and handle times of this window feed the staffing hint and the wait estimate. */
export const RECENT_MINUTES = 30;

/** Totals of the last 30 minutes at one-minute resolution (this minute so far and the 29 before it), and that window's length. */
export function recentTotals(s: QueueState, now: number): { arrivals: number; handled: number; handleMs: number; windowSeconds: number } {
  const from = Math.floor(now / 60_000) - (RECENT_MINUTES - 1);
  const t = { arrivals: 0, handled: 0, handleMs: 0, windowSeconds: Math.max(1, (now - from * 60_000) / 1000) };
  for (const m of s.recent) {
    if (m.minute < from) continue;
    t.arrivals += m.arrivals;
    t.handled += m.handled;
    t.handleMs += m.handleMs;
  }
  return t;
}

/** Average handle time (talk + ACW) in seconds: the last 30 minutes, else today, else the configured default. */
export function averageHandleSeconds(s: QueueState, now: number): number {
  const recent = recentTotals(s, now);
  if (recent.handled > 0) return recent.handleMs / recent.handled / 1000;
  if (s.today.handledCount > 0 && now < s.today.dayEndsAt) return s.today.handleSumMs / s.today.handledCount / 1000;
  return s.config.defaultHandleSeconds;
}

/** Members working the queue now: logged in and not on break (ready, ringing, on a call, in ACW). */
export function staffedAgents(s: QueueState): number {
  let n = 0;
  for (const m of Object.values(s.members)) if (m.presence !== 'offline' && m.presence !== 'break') n++;
  return n;
}

/** Estimated wait for the caller at `position` (1 = next): position × AHT / staffed agents, rounded up. */
export function estimateWaitSeconds(s: QueueState, position: number, now: number): number {
  return Math.ceil((position * averageHandleSeconds(s, now)) / Math.max(1, staffedAgents(s)));
}

/** A waiting caller's (or callback's) place in line, 1-based, and the estimate announced with it. */
export function positionOf(s: QueueState, entryId: string, now: number): { position: number; estimatedWaitSeconds: number } | null {
  const i = s.waiting.findIndex((e) => e.id === entryId);
  if (i < 0) return null;
  return { position: i + 1, estimatedWaitSeconds: estimateWaitSeconds(s, i + 1, now) };
}

/** Agents a call may be transferred to (C5): ready now and not being offered a call, longest idle first. */
export function readyAgents(s: QueueState): { userId: string; level: number; idleSince: number | null }[] {
  return Object.values(s.members)
    .filter((m) => m.presence === 'ready' && m.offerId === null)
    .sort((a, b) => (a.idleSince ?? a.since) - (b.idleSince ?? b.since) || (a.userId < b.userId ? -1 : 1))
    .map((m) => ({ userId: m.userId, level: m.level, idleSince: m.idleSince }));
}

/** Agents needed now (Erlang C over the last 30 minutes' arrivals and handle time) beside the ready count. */
export function staffingHint(s: QueueState, now: number): StaffingHint & { ready: number; staffed: number } {
  const recent = recentTotals(s, now);
  const hint = agentsNeeded({
    arrivals: recent.arrivals,
    windowSeconds: recent.windowSeconds,
    handleSeconds: averageHandleSeconds(s, now),
    targetSeconds: s.config.serviceLevelSeconds,
    targetLevel: s.config.serviceLevelTarget,
  });
  return { ...hint, ready: readyAgents(s).length, staffed: staffedAgents(s) };
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** Everything a dashboard shows about the queue at `now`. Today's counters read as zero after midnight until the next input. */
export function queueView(s: QueueState, now: number) {
  const t = now < s.today.dayEndsAt ? s.today : null;
  const calls = s.waiting.filter((e) => e.kind === 'call');
  return {
    queueId: s.config.queueId,
    waitingCalls: calls.length,
    waitingCallbacks: s.waiting.length - calls.length,
    longestWaitSeconds: calls.length ? Math.floor((now - Math.min(...calls.map((e) => e.joinedAt))) / 1000) : 0,
    waiting: s.waiting.map((e, i) => ({
      id: e.id,
      kind: e.kind,
      priority: e.priority,
      position: i + 1,
      waitedSeconds: Math.floor((now - e.joinedAt) / 1000),
      offered: e.offerIds.length > 0,
    })),
    members: Object.values(s.members)
      .map((m) => ({ userId: m.userId, level: m.level, presence: m.presence, since: m.since, answeredToday: t ? m.answeredToday : 0 }))
      .sort((a, b) => a.level - b.level || (a.userId < b.userId ? -1 : 1)),
    today: {
      inbound: t?.inbound ?? 0,
      answered: t?.answered ?? 0,
      abandoned: t?.abandoned ?? 0,
      overflowed: t?.overflowed ?? 0,
      callbacksRequested: t?.callbacksRequested ?? 0,
      /** Answered / inbound (C8). */
      answerRate: t ? ratio(t.answered, t.inbound) : null,
      /** Answered within the threshold / answered (the seed's definition). */
      serviceLevel: t ? ratio(t.answeredWithinSl, t.answered) : null,
      averageWaitSeconds: t && t.waitCount > 0 ? t.waitSumMs / t.waitCount / 1000 : null,
      maxWaitSeconds: t ? t.waitMaxMs / 1000 : 0,
    },
    staffing: staffingHint(s, now),
  };
}
