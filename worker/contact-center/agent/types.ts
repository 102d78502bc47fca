// Agent presence's vocabulary (C2, C7): the reducer's state, its inputs, effects and errors, the
// presence policy's shape and the limits the reducer enforces. Types and constants only.
import type { AfterCallState, AfterLoginState, ForceableState, ManualState, PresenceState } from '../../../contract/vocabularies';
import type { TimerChange } from '../timers';

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
