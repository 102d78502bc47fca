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

/** Stable reason codes of state changes (the web app translates them). */
export type PresenceReason =
  | 'login'
  | 'logout'
  | 'manual'
  | 'forced'
  | 'offer'
  | 'offer_cancelled'
  | 'missed_offer'
  | 'declined_offer'
  | 'answered'
  | 'call_started'
  | 'after_call'
  | 'acw_limit';

export type PresencePolicy = { afterLogin: AfterLoginState; afterCall: AfterCallState; acwLimitSeconds: number | null };
/** A queue's overrides of the org policy for calls that came through it (null/absent = the org's). */
export type QueuePresencePolicy = { afterCall?: AfterCallState | null; acwLimitSeconds?: number | null };
export type AgentConfig = { org: PresencePolicy; queues: Record<string, QueuePresencePolicy> };

export const DEFAULT_PRESENCE_POLICY: PresencePolicy = { afterLogin: 'break', afterCall: 'acw', acwLimitSeconds: null };
/** The agent's own lease fires this long after the queue's, so normally the queue's expiry acts. */
export const AGENT_LEASE_GRACE_MS = 2_000;
/** C7: notes of at most 1024 characters (code points). */
export const WRAP_UP_NOTES_MAX = 1024;

export type AgentOffer = {
  offerId: string;
  /** null for a direct transfer that did not come through a queue. */
  queueId: string | null;
  callSessionId: string | null;
  callbackId: string | null;
  leaseUntil: number;
  offeredAt: number;
};

export type AgentCall = { callSessionId: string; queueId: string | null; direction: 'inbound' | 'outbound'; offerId: string | null; startedAt: number };

export type AgentState = {
  userId: string;
  state: PresenceState;
  /** When the current state began. */
  since: number;
  reason: PresenceReason;
  /** When the agent last became ready; kept when an offer is cancelled, so longest-idle stays fair. */
  idleSince: number | null;
  offer: AgentOffer | null;
  call: AgentCall | null;
  /** The last finished call: the one a wrap-up saved with the next state change belongs to. */
  lastCall: { callSessionId: string; queueId: string | null; endedAt: number } | null;
  /** Set while in the ACW that follows lastCall; cleared when that ACW ends (its duration is reported once). */
  acwOfCall: string | null;
  acwUntil: number | null;
  /** The agent_state_history row of the current state. */
  historyId: string | null;
  /** Offers missed since login (shown to supervisors). */
  missedOffers: number;
  /**
   * The newest offer sequence number received from each queue ('' = direct offers), taken or not.
   * Every presence report carries it, so a queue can tell a report the agent sent before seeing its
   * latest offer (stale for that offer) from one sent after.
   */
  seenOfferSeq: Record<string, number>;
  /** Counter for deterministic effect keys and history ids. */
  seq: number;
  config: AgentConfig;
};

export type WrapUpInput = { categoryId: string | null; notes: string };

export type AgentInput =
  | { kind: 'configure'; config: AgentConfig }
  | { kind: 'login' }
  | { kind: 'logout' }
  | { kind: 'set_state'; state: ManualState; wrapUp?: WrapUpInput }
  | { kind: 'force_state'; state: ForceableState; by: string; reason: string }
  | { kind: 'offer'; offerId: string; offerSeq: number; queueId: string | null; callSessionId: string | null; callbackId: string | null; leaseUntil: number }
  /** The queue withdrew the offer (caller left, another agent answered, overflow): back to ready. */
  | { kind: 'offer_cancelled'; offerId: string }
  /** The queue's lease ran out, or the agent's phone reported no answer: break, missed_offer. */
  | { kind: 'offer_missed'; offerId: string }
  /** The agent rejected the offer: break, declined_offer. */
  | { kind: 'offer_declined'; offerId: string }
  /** The queue confirmed the agent's answer. */
  | { kind: 'offer_answered'; offerId: string; callSessionId: string }
  /** A call connected without an offer: an outbound call (C6) or a callback dialled from the list. */
  | { kind: 'call_started'; callSessionId: string; direction: 'inbound' | 'outbound'; queueId: string | null }
  | { kind: 'call_ended'; callSessionId: string }
  | { kind: 'timer'; name: AgentTimerName };

export type AgentTimerName = 'lease' | 'acw';

export type AgentEffect =
  /** Append the new state's row to agent_state_history and close the previous one (endedAt = startedAt). */
  | {
      key: string;
      kind: 'history';
      entryId: string;
      userId: string;
      state: PresenceState;
      startedAt: number;
      reason: PresenceReason;
      changedBy: string | null;
      note: string | null;
      closes: string | null;
    }
  /** Tell the agent's queues and open consoles. `available` = may be offered a call (ready). */
  | {
      key: string;
      kind: 'presence';
      userId: string;
      state: PresenceState;
      since: number;
      reason: PresenceReason;
      idleSince: number | null;
      available: boolean;
      /** Pass `seenOfferSeq[queueId] ?? 0` to each queue with the report. */
      seenOfferSeq: Record<string, number>;
    }
  /** This agent cannot take the offer; the queue offers the call to someone else without penalty. */
  | { key: string; kind: 'offer_refused'; offerId: string; queueId: string | null; reason: 'not_ready' | 'expired' }
  /** The agent side ended a ringing offer (declined, ring timeout, forced, logged out): the queue frees the call. */
  | { key: string; kind: 'offer_released'; offerId: string; queueId: string | null; reason: 'declined' | 'missed' | 'forced' }
  /** The ACW that followed a call ended (0 when the after-call state was not ACW): calls.acw_ms. */
  | { key: string; kind: 'call_wrapped'; callSessionId: string; acwMs: number }
  /** C7: the wrap-up form saved with the state change. */
  | { key: string; kind: 'save_wrap_up'; callSessionId: string; categoryId: string | null; notes: string };

export type AgentErrorCode = 'offline' | 'on_call' | 'ringing' | 'reason_required' | 'notes_too_long' | 'no_call' | 'invalid_state' | 'invalid_config';
export type AgentStep = { state: AgentState; effects: AgentEffect[]; timers: TimerChange<AgentTimerName>[]; error?: { code: AgentErrorCode } };

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

/** The after-call state and ACW limit for a call of `queueId`: the queue's override, else the org's. */
export function afterCallPolicy(config: AgentConfig, queueId: string | null): { state: AfterCallState; acwLimitSeconds: number | null } {
  const q = queueId !== null ? config.queues[queueId] : undefined;
  return {
    state: q?.afterCall ?? config.org.afterCall,
    acwLimitSeconds: q?.acwLimitSeconds !== undefined && q.acwLimitSeconds !== null ? q.acwLimitSeconds : config.org.acwLimitSeconds,
  };
}

class Step {
  readonly effects: AgentEffect[] = [];
  constructor(
    readonly s: AgentState,
    readonly now: number,
  ) {}
  /** Unique per agent: the instant keeps keys unique even if a reset state starts counting again. */
  key(kind: string): string {
    this.s.seq++;
    return `${kind}:${this.s.userId}:${this.now.toString(36)}.${this.s.seq}`;
  }
  /** Moves to `state`, writing history and telling queues; a no-op when nothing changes. */
  go(state: PresenceState, reason: PresenceReason, now: number, extra: { changedBy?: string; note?: string } = {}) {
    const s = this.s;
    if (s.state === state && extra.changedBy === undefined) return;
    this.#endAcw(state, now);
    if (state === 'ready' && s.state !== 'ringing') s.idleSince = now;
    if (state !== 'ready' && state !== 'ringing') s.idleSince = null;
    if (state !== 'acw') s.acwUntil = null;
    if (state === 'offline') s.lastCall = null;
    s.state = state;
    s.since = now;
    s.reason = reason;
    const entryId = `ash_${s.userId}_${now}_${s.seq + 1}`;
    this.effects.push({
      key: this.key('history'),
      kind: 'history',
      entryId,
      userId: s.userId,
      state,
      startedAt: now,
      reason,
      changedBy: extra.changedBy ?? null,
      note: extra.note ?? null,
      closes: s.historyId,
    });
    s.historyId = entryId;
    this.report();
  }
  /** Tells the agent's queues where the agent stands, with the offers it has seen. */
  report() {
    const s = this.s;
    this.effects.push({
      key: this.key('presence'),
      kind: 'presence',
      userId: s.userId,
      state: s.state,
      since: s.since,
      reason: s.reason,
      idleSince: s.idleSince,
      available: s.state === 'ready',
      seenOfferSeq: { ...s.seenOfferSeq },
    });
  }
  /** Leaving the ACW that followed a call reports its length once. */
  #endAcw(next: PresenceState, now: number) {
    const s = this.s;
    if (s.state === 'acw' && next !== 'acw' && s.acwOfCall !== null) {
      this.effects.push({ key: this.key('wrapped'), kind: 'call_wrapped', callSessionId: s.acwOfCall, acwMs: Math.max(0, now - s.since) });
      s.acwOfCall = null;
    }
  }
  release(reason: 'declined' | 'missed' | 'forced') {
    const o = this.s.offer;
    if (!o) return;
    this.effects.push({ key: this.key('released'), kind: 'offer_released', offerId: o.offerId, queueId: o.queueId, reason });
    this.s.offer = null;
  }
}

function cloneState(s: AgentState): AgentState {
  return {
    ...s,
    offer: s.offer && { ...s.offer },
    call: s.call && { ...s.call },
    lastCall: s.lastCall && { ...s.lastCall },
    seenOfferSeq: s.seenOfferSeq,
  };
}

function timersOf(s: AgentState): Record<AgentTimerName, number | null> {
  return {
    lease: s.state === 'ringing' && s.offer ? s.offer.leaseUntil + AGENT_LEASE_GRACE_MS : null,
    acw: s.state === 'acw' ? s.acwUntil : null,
  };
}

function validPolicy(p: PresencePolicy): boolean {
  return (
    (p.afterLogin === 'ready' || p.afterLogin === 'break') &&
    (p.afterCall === 'ready' || p.afterCall === 'break' || p.afterCall === 'acw') &&
    (p.acwLimitSeconds === null || (Number.isInteger(p.acwLimitSeconds) && p.acwLimitSeconds > 0))
  );
}

function validConfig(c: AgentConfig): boolean {
  if (!validPolicy(c.org)) return false;
  return Object.values(c.queues).every(
    (q) =>
      (q.afterCall === undefined || q.afterCall === null || ['ready', 'break', 'acw'].includes(q.afterCall)) &&
      (q.acwLimitSeconds === undefined || q.acwLimitSeconds === null || (Number.isInteger(q.acwLimitSeconds) && q.acwLimitSeconds > 0)),
  );
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
