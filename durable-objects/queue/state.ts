// The Queue object's document around the pure queue reducer: who the callers in line are (their
// numbers, for the offer screen), which call session each offer rings for, the members' names and
// latest reasons, and the queue's caller-facing settings. The pure step and the dashboard view.
import type { QueueLiveView } from '../../contract/cc-live';
import { initialQueueState, queueTimers, reduceQueue, type QueueEffect, type QueueInput, type QueueState } from '../../worker/contact-center/queue';
import { queueView, readyAgents } from '../../worker/contact-center/queue-view';
import type { QueueInfo } from '../../worker/db/cc-live';
import type { MemberInput, QueueConfig } from '../../worker/contact-center/queue-types';
import { formatNational } from '../../worker/phone';
import type { TimerChange } from '../../worker/calls/vocabulary';
import { defined } from '../../worker/defined';

export type QueueDoc = {
  orgId: string | null;
  queueId: string | null;
  q: QueueState | null;
  info: Omit<QueueInfo, 'callbacks'> | null;
  loadedAt: number;
  /** Entries in line (call session id or callback id) → the customer's number. */
  numbers: Record<string, string>;
  /** Offer id → the call session its signals go to (kept for late answers; bounded). */
  offerSessions: Record<string, string>;
  /** The latest reason each member reported (the dashboard shows it beside the state). */
  reasons: Record<string, string>;
};

export type QueueDoInput =
  | QueueInput
  | { kind: 'setup'; orgId: string; queueId: string; info: QueueInfo; config: QueueConfig; members: MemberInput[]; at: number }
  /** After the object loads: arm every timer the state needs (queueTimers), whatever the document says. */
  | { kind: 'rearm' };

const OFFER_SESSIONS_KEPT = 300;

export function emptyQueueDoc(): QueueDoc {
  return { orgId: null, queueId: null, q: null, info: null, loadedAt: 0, numbers: {}, offerSessions: {}, reasons: {} };
}

/** The call session an offer's signals go to: the caller's own, or the outbound session a callback offer starts. */
export const offerSessionId = (offerId: string) => `cbo-${offerId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function sessionForOffer(e: { offerId: string; callSessionId: string | null; callbackId: string | null }): string {
  return e.callbackId ? offerSessionId(e.offerId) : (e.callSessionId ?? offerSessionId(e.offerId));
}

type Step = { doc: QueueDoc; jobs: QueueEffect[]; timers: TimerChange[] };

function allTimers(q: QueueState): TimerChange[] {
  return [...queueTimers(q)].map(([name, at]) => ({ name, at }));
}

export function reduceQueueDoc(doc: QueueDoc, input: QueueDoInput, now: number): Step {
  if (input.kind === 'rearm') return { doc, jobs: [], timers: doc.q ? allTimers(doc.q) : [] };
  if (input.kind === 'setup') {
    const { callbacks, ...info } = input.info;
    const numbers = { ...doc.numbers };
    let q = doc.q;
    const jobs: QueueEffect[] = [];
    const timers: TimerChange[] = [];
    const apply = (i: QueueInput) => {
      if (!q) return;
      const r = reduceQueue(q, i, now);
      q = r.state;
      jobs.push(...r.effects);
      timers.push(...r.timers);
    };
    if (!q) {
      q = reduceQueue(initialQueueState(input.config, now), { kind: 'configure', config: input.config, members: input.members }, now).state;
    } else apply({ kind: 'configure', config: input.config, members: input.members });
    // Pending callbacks from D1 keep their place (a request already in line is not added twice).
    for (const c of callbacks) {
      numbers[c.id] = c.number;
      apply({ kind: 'callback_added', callbackId: c.id, queuedAt: c.requestedAt });
    }
    const next: QueueDoc = { ...doc, orgId: input.orgId, queueId: input.queueId, q, info, loadedAt: input.at, numbers };
    track(next, jobs);
    return { doc: next, jobs, timers: [...timers, ...allTimers(defined(q, 'q'))] };
  }
  if (!doc.q) return { doc, jobs: [], timers: [] };
  const r = reduceQueue(doc.q, input, now);
  if (r.error) return { doc, jobs: [], timers: [] };
  const next: QueueDoc = { ...doc, q: r.state };
  const extra = input as { caller?: unknown; reason?: unknown };
  if (input.kind === 'caller_joined' && typeof extra.caller === 'string') next.numbers = { ...doc.numbers, [input.callSessionId]: extra.caller };
  if (input.kind === 'callback_requested') next.numbers = { ...doc.numbers, [input.callbackId]: doc.numbers[input.callSessionId] ?? '' };
  if (input.kind === 'callback_added' && typeof extra.caller === 'string') next.numbers = { ...doc.numbers, [input.callbackId]: extra.caller };
  if ((input.kind === 'agent_ready' || input.kind === 'agent_unavailable') && typeof extra.reason === 'string')
    next.reasons = { ...doc.reasons, [input.userId]: extra.reason };
  track(next, r.effects);
  return { doc: next, jobs: r.effects, timers: r.timers };
}

/** Remembers which session each new offer rings for; forgets numbers of entries that left the line. */
function track(doc: QueueDoc, effects: QueueEffect[]) {
  let sessions: Record<string, string> | null = null;
  for (const e of effects) {
    if (e.kind !== 'offer') continue;
    sessions ??= { ...doc.offerSessions };
    sessions[e.offerId] = sessionForOffer(e);
  }
  if (sessions) {
    const keys = Object.keys(sessions);
    for (const k of keys.slice(0, Math.max(0, keys.length - OFFER_SESSIONS_KEPT))) delete sessions[k];
    doc.offerSessions = sessions;
  }
  if (doc.q && Object.keys(doc.numbers).length > doc.q.waiting.length + 50) {
    const inLine = new Set(doc.q.waiting.map((w) => w.id));
    doc.numbers = Object.fromEntries(Object.entries(doc.numbers).filter(([id]) => inLine.has(id)));
  }
}

const phone = (n: string | undefined) => (n ? { number: n, national: n.startsWith('+') ? formatNational(n) : null } : null);

/** The dashboard's view (docs/contact-center-live.md QueueLiveView). */
export function liveView(doc: QueueDoc, now: number): QueueLiveView | null {
  if (!doc.q || !doc.info) return null;
  const v = queueView(doc.q, now);
  const names = new Map(doc.info.members.map((m) => [m.userId, m.name]));
  return {
    ...v,
    name: doc.info.name,
    waiting: v.waiting.map((w) => ({ ...w, caller: phone(doc.numbers[w.id]) })),
    members: v.members.map((m) => ({
      userId: m.userId,
      name: names.get(m.userId) ?? '',
      level: m.level,
      state: m.presence,
      since: m.since,
      reason: doc.reasons[m.userId] ?? null,
      answeredToday: m.answeredToday,
    })),
    readyAgents: readyAgents(doc.q).map((a) => ({ ...a, name: names.get(a.userId) ?? '' })),
    at: now,
  };
}
export type { QueueLiveView };
