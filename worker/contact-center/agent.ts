// Agent presence (C2, C7): one agent's live state as a PURE reducer for the Agent Durable Object.
// (state, input, now) → { state, effects, timers, error? }. Plain JSON data in and out; the host
// persists the state, runs each effect once (by key) and keeps one alarm for the named timers.
//
// States: offline, ready (대기), break (휴식), acw (후처리), on_call (통화중), and ringing while an offer
// is out. The agent changes ready/break/acw by hand, never while ringing or on a call; a supervisor
// may force any state except on_call/ringing, with a reason. After login and after a call the state
// comes from the policy (org default, a queue may override the after-call state and the ACW limit).
// An offer the agent lets ring out sets break with reason `missed_offer`. Every change yields one
// `history` effect: the row for agent_state_history and the id of the row it closes.
//
// This file is the reducer itself (and the state it starts from, and the view); agent/ holds the rest:
// types.ts (state, inputs, effects), policy.ts (after login, after a call, checks), step.ts (changes).
import {
  PRESENCE_STATES,
  MANUAL_STATES,
  FORCEABLE_STATES,
  type PresenceState,
  type ManualState,
  type ForceableState,
  type AfterLoginState,
  type AfterCallState,
} from '../../contract/vocabularies';
import { DEFAULT_PRESENCE_POLICY, afterCallPolicy, validConfig } from './agent/policy';
import { Step, cloneState, timersOf } from './agent/step';
import {
  AGENT_LEASE_GRACE_MS,
  WRAP_UP_NOTES_MAX,
  type AgentConfig,
  type AgentErrorCode,
  type AgentInput,
  type AgentState,
  type AgentStep,
  type AgentTimerName,
} from './agent/types';
import type { TimerChange } from './timers';

export {
  PRESENCE_STATES,
  MANUAL_STATES,
  FORCEABLE_STATES,
  type PresenceState,
  type ManualState,
  type ForceableState,
  type AfterLoginState,
  type AfterCallState,
};
export * from './agent/types';
export { DEFAULT_PRESENCE_POLICY, afterCallPolicy } from './agent/policy';

export function initialAgentState(userId: string, config: AgentConfig = { org: DEFAULT_PRESENCE_POLICY, queues: {} }, now = 0): AgentState {
  return {
    userId,
    state: 'offline',
    since: now,
    reason: 'logout',
    idleSince: null,
    offer: null,
    call: null,
    lastCall: null,
    acwOfCall: null,
    acwUntil: null,
    historyId: null,
    missedOffers: 0,
    seenOfferSeq: {},
    seq: 0,
    config,
  };
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The agent's next state for one input. Never throws for bad input: it answers `error` and changes nothing. */
export function reduceAgent(state: AgentState, input: AgentInput, now: number): AgentStep {
  const s = cloneState(state);
  const step = new Step(s, now);
  const fail = (code: AgentErrorCode): AgentStep => ({ state, effects: [], timers: [], error: { code } });
  const busy = (): AgentErrorCode | null => (s.state === 'on_call' ? 'on_call' : s.state === 'ringing' ? 'ringing' : null);

  switch (input.kind) {
    case 'configure': {
      if (!validConfig(input.config)) return fail('invalid_config');
      s.config = input.config;
      break;
    }
    case 'login': {
      if (s.state === 'offline') {
        s.missedOffers = 0;
        step.go(s.config.org.afterLogin, 'login', now);
      }
      break;
    }
    case 'logout': {
      const b = busy();
      if (b) return fail(b);
      step.go('offline', 'logout', now);
      break;
    }
    case 'set_state': {
      if (!(MANUAL_STATES as readonly string[]).includes(input.state)) return fail('invalid_state');
      if (s.state === 'offline') return fail('offline');
      const b = busy();
      if (b) return fail(b);
      if (input.wrapUp) {
        if (!s.lastCall) return fail('no_call');
        if (codePoints(input.wrapUp.notes) > WRAP_UP_NOTES_MAX) return fail('notes_too_long');
        step.effects.push({
          key: step.key('wrapup'),
          kind: 'save_wrap_up',
          callSessionId: s.lastCall.callSessionId,
          categoryId: input.wrapUp.categoryId,
          notes: input.wrapUp.notes,
        });
      }
      step.go(input.state, 'manual', now);
      break;
    }
    case 'force_state': {
      if (!(FORCEABLE_STATES as readonly string[]).includes(input.state)) return fail('invalid_state');
      if (input.reason.trim() === '' || input.by.trim() === '') return fail('reason_required');
      if (s.state === 'ringing') step.release('forced');
      if (s.call) {
        // A supervisor clears a stuck call (a lost hangup webhook): it counts as ended now.
        s.lastCall = { callSessionId: s.call.callSessionId, queueId: s.call.queueId, endedAt: now };
        s.call = null;
      }
      step.go(input.state, 'forced', now, { changedBy: input.by, note: input.reason.trim() });
      break;
    }
    case 'offer': {
      const from = input.queueId ?? '';
      s.seenOfferSeq = { ...s.seenOfferSeq, [from]: Math.max(s.seenOfferSeq[from] ?? 0, input.offerSeq) };
      if (s.state !== 'ready' || s.offer) {
        step.effects.push({ key: step.key('refused'), kind: 'offer_refused', offerId: input.offerId, queueId: input.queueId, reason: 'not_ready' });
        // The queue offered on a picture older than this offer (our last report reached it before
        // the offer was made, so it dropped that report as stale): report again, now having seen it.
        step.report();
        break;
      }
      if (input.leaseUntil <= now) {
        step.effects.push({ key: step.key('refused'), kind: 'offer_refused', offerId: input.offerId, queueId: input.queueId, reason: 'expired' });
        break;
      }
      s.offer = {
        offerId: input.offerId,
        queueId: input.queueId,
        callSessionId: input.callSessionId,
        callbackId: input.callbackId,
        leaseUntil: input.leaseUntil,
        offeredAt: now,
      };
      step.go('ringing', 'offer', now);
      break;
    }
    case 'offer_cancelled': {
      if (s.state === 'ringing' && s.offer?.offerId === input.offerId) {
        s.offer = null;
        step.go('ready', 'offer_cancelled', now);
      }
      break;
    }
    case 'offer_missed':
    case 'offer_declined': {
      if (s.state === 'ringing' && s.offer?.offerId === input.offerId) {
        s.offer = null;
        if (input.kind === 'offer_missed') s.missedOffers++;
        step.go('break', input.kind === 'offer_missed' ? 'missed_offer' : 'declined_offer', now);
      }
      break;
    }
    case 'offer_answered': {
      // The carrier's truth wins: a connected call puts the agent on it even if the local lease
      // already ran out; only a second simultaneous call is refused.
      if (s.state === 'on_call') {
        if (s.call?.callSessionId === input.callSessionId) break;
        return fail('on_call');
      }
      if (s.state === 'offline') return fail('offline');
      const offer = s.offer?.offerId === input.offerId ? s.offer : null;
      if (s.offer && !offer) step.release('forced');
      s.call = { callSessionId: input.callSessionId, queueId: offer?.queueId ?? null, direction: 'inbound', offerId: input.offerId, startedAt: now };
      s.offer = null;
      step.go('on_call', 'answered', now);
      break;
    }
    case 'call_started': {
      if (s.state === 'offline') return fail('offline');
      if (s.state === 'on_call') {
        if (s.call?.callSessionId === input.callSessionId) break;
        return fail('on_call');
      }
      if (s.state === 'ringing') return fail('ringing');
      s.call = { callSessionId: input.callSessionId, queueId: input.queueId, direction: input.direction, offerId: null, startedAt: now };
      step.go('on_call', 'call_started', now);
      break;
    }
    case 'call_ended': {
      if (s.state !== 'on_call' || s.call?.callSessionId !== input.callSessionId) break;
      const call = s.call;
      s.call = null;
      s.lastCall = { callSessionId: call.callSessionId, queueId: call.queueId, endedAt: now };
      const policy = afterCallPolicy(s.config, call.queueId);
      if (policy.state === 'acw') {
        step.go('acw', 'after_call', now);
        s.acwOfCall = call.callSessionId;
        s.acwUntil = policy.acwLimitSeconds !== null ? now + policy.acwLimitSeconds * 1000 : null;
      } else {
        step.effects.push({ key: step.key('wrapped'), kind: 'call_wrapped', callSessionId: call.callSessionId, acwMs: 0 });
        step.go(policy.state, 'after_call', now);
      }
      break;
    }
    case 'timer': {
      if (input.name === 'lease' && s.state === 'ringing' && s.offer && now >= s.offer.leaseUntil + AGENT_LEASE_GRACE_MS) {
        step.release('missed');
        s.missedOffers++;
        step.go('break', 'missed_offer', now);
      } else if (input.name === 'acw' && s.state === 'acw' && s.acwUntil !== null && now >= s.acwUntil) {
        step.go('ready', 'acw_limit', now);
      }
      break;
    }
    default:
      return fail('invalid_state');
  }

  const before = timersOf(state);
  const after = timersOf(s);
  const timers: TimerChange<AgentTimerName>[] = [];
  for (const name of ['lease', 'acw'] as const) if (before[name] !== after[name]) timers.push({ name, at: after[name] });
  return { state: s, effects: step.effects, timers };
}

/** What the console and the supervisor view show. */
export function agentView(s: AgentState, now: number) {
  return {
    userId: s.userId,
    state: s.state,
    since: s.since,
    secondsInState: Math.max(0, Math.floor((now - s.since) / 1000)),
    reason: s.reason,
    idleSince: s.idleSince,
    offer: s.offer,
    call: s.call,
    lastCall: s.lastCall,
    acwUntil: s.acwUntil,
    missedOffers: s.missedOffers,
  };
}
