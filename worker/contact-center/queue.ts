// Queue distribution (C3, C4, C12, C13, B5) as a PURE reducer for the Queue Durable Object:
// (state, input, now) → { state, effects, timers, error? }.
//
// The line is ordered by priority (higher first), then by when the caller joined; a callback request
// keeps the place of the call it came from. Offers are leases: each has its own timer
// (`lease:<offerId>`) and ends by itself at leaseUntil, so no agent or caller stays reserved when a
// webhook goes missing. Offers are exclusive: an agent holds at most one offer of this queue and only
// a ready agent gets one; under every strategy but ring-all a caller has at most one offer out (the
// Agent reducer refuses a second offer from another queue). Level n+1 agents join a caller's
// candidates after n × tierWidenSeconds in line (levels counted among logged-in members). Every input
// first settles what is due (expired leases, max wait, announcements), so a late or merged alarm
// changes nothing but timing.
//
// This file is the reducer itself, its start and its timers; queue/ holds the rest: draft.ts (a
// step's working copy and the line's order), offers.ts, line.ts (what is due), distribution.ts,
// members.ts and counters.ts.
import type { PresenceState } from './agent';
import type { QueueConfig, QueueInput, QueueState, QueueStep } from './queue-types';
import { defined } from '../defined';
import { validConfig, validInput } from './queue-checks';
import { countRecent, emptyCounters } from './queue/counters';
import { configure, presenceChanged } from './queue/members';
import { distribute } from './queue/distribution';
import { Draft, entryDueAt } from './queue/draft';
import { announce, sweep } from './queue/line';
import { nextLocalMidnight } from './periods';
import { accept, endOffer, overflow, takeOut } from './queue/offers';

export * from './queue-types';
export { entryDueAt };

export function initialQueueState(config: QueueConfig, now: number): QueueState {
  if (!validConfig(config)) throw new RangeError('invalid queue configuration');
  return {
    config,
    members: {},
    waiting: [],
    offers: {},
    rrLast: null,
    seq: 0,
    offerSeq: 0,
    tierAt: null,
    today: emptyCounters(nextLocalMidnight(now, config.timezone)),
    recent: [],
  };
}

/** Every timer the state needs, by name: what a host restoring from storage arms. */
export function queueTimers(s: QueueState): Map<string, number> {
  const timers = new Map<string, number>();
  for (const o of Object.values(s.offers)) timers.set(`lease:${o.offerId}`, o.leaseUntil);
  for (const e of s.waiting) {
    const at = entryDueAt(e);
    if (at !== null) timers.set(`wait:${e.id}`, at);
  }
  if (s.tierAt !== null) timers.set('tier', s.tierAt);
  return timers;
}

export function reduceQueue(state: QueueState, input: QueueInput, now: number): QueueStep {
  if (!validInput(input)) return { state, effects: [], timers: [], error: { code: input.kind === 'configure' ? 'invalid_config' : 'invalid_input' } };
  const d = new Draft(state, now);
  const s = d.s;
  sweep(d);

  switch (input.kind) {
    case 'configure':
      configure(d, input.config, input.members);
      break;
    case 'caller_joined': {
      if (d.indexOf(input.callSessionId) >= 0) break;
      d.count('inbound');
      s.recent = countRecent(s.recent, now, { arrivals: 1, handled: 0, handleMs: 0 });
      if (!Object.values(s.members).some((m) => m.presence !== 'offline')) {
        d.count('overflowed');
        d.recordWait(0);
        d.effects.push({
          key: d.key('overflow'),
          kind: 'overflow',
          queueId: d.q,
          callSessionId: input.callSessionId,
          to: s.config.overflow,
          reason: 'no_agents',
          joinedAt: now,
          waitMs: 0,
        });
        break;
      }
      const interval = s.config.announceIntervalSeconds * 1000;
      d.insertEntry({
        id: input.callSessionId,
        kind: 'call',
        callSessionId: input.callSessionId,
        callbackId: null,
        priority: input.priority ?? 0,
        joinedAt: now,
        seq: d.nextSeq(),
        maxWaitAt: now + s.config.maxWaitSeconds * 1000,
        overdue: false,
        nextAnnounceAt: interval > 0 ? now + interval : null,
        offerIds: [],
      });
      d.joined = input.callSessionId;
      break;
    }
    case 'caller_left': {
      const i = d.indexOf(input.callSessionId);
      if (i < 0 || defined(s.waiting[i], 'waiting').kind !== 'call') break;
      const e = takeOut(d, i, 'caller_left');
      const waitMs = Math.max(0, now - e.joinedAt);
      d.count('abandoned');
      d.recordWait(waitMs);
      d.effects.push({ key: d.key('abandoned'), kind: 'abandoned', queueId: d.q, callSessionId: input.callSessionId, waitMs });
      break;
    }
    case 'callback_requested': {
      const i = d.indexOf(input.callSessionId);
      if (i < 0 || defined(s.waiting[i], 'waiting').kind !== 'call') return { state, effects: [], timers: [], error: { code: 'invalid_input' } };
      if (d.indexOf(input.callbackId) >= 0) break;
      const e = takeOut(d, i, 'callback_requested');
      const waitMs = Math.max(0, now - e.joinedAt);
      d.count('callbacksRequested');
      d.recordWait(waitMs);
      // Same priority, time and seq: the request stands exactly where the call stood.
      d.insertEntry({
        ...e,
        id: input.callbackId,
        kind: 'callback',
        callbackId: input.callbackId,
        maxWaitAt: null,
        overdue: false,
        nextAnnounceAt: null,
        offerIds: [],
      });
      d.effects.push({
        key: d.key('callback'),
        kind: 'callback_queued',
        queueId: d.q,
        callbackId: input.callbackId,
        callSessionId: input.callSessionId,
        queuedAt: e.joinedAt,
        waitMs,
      });
      break;
    }
    case 'callback_added': {
      if (d.indexOf(input.callbackId) >= 0) break;
      d.insertEntry({
        id: input.callbackId,
        kind: 'callback',
        callSessionId: null,
        callbackId: input.callbackId,
        priority: input.priority ?? 0,
        joinedAt: input.queuedAt,
        seq: d.nextSeq(),
        maxWaitAt: null,
        overdue: false,
        nextAnnounceAt: null,
        offerIds: [],
      });
      break;
    }
    case 'callback_removed': {
      const i = d.indexOf(input.callbackId);
      if (i >= 0 && defined(s.waiting[i], 'waiting').kind === 'callback') takeOut(d, i, 'removed');
      break;
    }
    case 'agent_ready':
      presenceChanged(d, input.userId, input.since, input.seenOfferSeq, { presence: 'ready', idleSince: input.idleSince });
      break;
    case 'agent_unavailable':
      // Ringing keeps the idle time: if the offer is withdrawn the agent is as idle as before.
      presenceChanged(
        d,
        input.userId,
        input.since,
        input.seenOfferSeq,
        input.presence === 'ringing' ? { presence: 'ringing' } : { presence: input.presence, idleSince: null },
      );
      break;
    case 'offer_answered': {
      // sweep() already ended leases that ran out: an answer after leaseUntil is refused.
      if (s.offers[input.offerId]) accept(d, input.offerId);
      else d.effects.push({ key: d.key('refused'), kind: 'answer_refused', queueId: d.q, offerId: input.offerId });
      break;
    }
    case 'offer_declined': {
      const o = s.offers[input.offerId];
      if (!o) break;
      // Refused as expired: the agent is ready, the offer arrived late. Refused as not ready: busy
      // elsewhere. Declined, missed or forced away: the Agent DO sets break.
      const presence: PresenceState = input.reason === 'expired' ? 'ready' : input.reason === 'not_ready' ? 'ringing' : 'break';
      endOffer(d, input.offerId, presence, 'declined');
      break;
    }
    case 'handled': {
      s.recent = countRecent(s.recent, now, { arrivals: 0, handled: 1, handleMs: input.handleMs });
      s.today = { ...s.today, handledCount: s.today.handledCount + 1, handleSumMs: s.today.handleSumMs + input.handleMs };
      break;
    }
    case 'timer':
      break; // sweep() did the work
  }

  // Nobody logged in any more (C3): live callers overflow rather than wait for no one.
  if (s.waiting.length > 0 && !Object.values(s.members).some((m) => m.presence !== 'offline')) {
    for (const e of [...s.waiting]) {
      const i = d.indexOf(e.id);
      if (e.kind === 'call' && e.offerIds.length === 0 && i >= 0) overflow(d, i, 'no_agents');
    }
  }
  distribute(d);
  if (d.joined !== null) {
    const i = d.indexOf(d.joined);
    if (i >= 0 && defined(s.waiting[i], 'waiting').offerIds.length === 0) announce(d, i);
  }

  const timers = [...d.timers].map(([name, at]) => ({ name, at }));
  return { state: s, effects: d.effects, timers };
}
