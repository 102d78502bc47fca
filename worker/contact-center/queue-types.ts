// The vocabulary of the queue reducer (C3, C4, C12, C13, B5): its configuration, state, inputs and
// effects. Plain JSON data, so the Queue Durable Object can persist it and replay nothing.
import { OVERFLOWS, STRATEGIES, type Overflow, type Strategy } from '../../contract/vocabularies';
import type { PresenceState } from './agent';
import type { TimerChange } from './timers';

export { STRATEGIES, type Strategy };
export const OVERFLOW_TARGETS = OVERFLOWS;
export type OverflowTarget = Overflow;

export type QueueConfig = {
  queueId: string;
  strategy: Strategy;
  /** How long one offer rings before its lease expires. */
  ringTimeoutSeconds: number;
  /** After this long in line a caller overflows (to `overflow`). */
  maxWaitSeconds: number;
  /** Level n+1 joins after this long in line (0 = every level at once). */
  tierWidenSeconds: number;
  overflow: OverflowTarget;
  /** Answered within this many seconds counts toward the service level. */
  serviceLevelSeconds: number;
  /** The service-level target of the staffing hint, e.g. 0.8. */
  serviceLevelTarget: number;
  /** Position and estimated wait are announced again after this long (0 = only on joining). */
  announceIntervalSeconds: number;
  /** Handle time assumed before any call was handled. */
  defaultHandleSeconds: number;
  /** The org's time zone: when today's counters start again. */
  timezone: string;
};

export const DEFAULT_QUEUE_CONFIG: Omit<QueueConfig, 'queueId'> = {
  strategy: 'longest_idle',
  ringTimeoutSeconds: 20,
  maxWaitSeconds: 300,
  tierWidenSeconds: 30,
  overflow: 'callback',
  serviceLevelSeconds: 20,
  serviceLevelTarget: 0.8,
  announceIntervalSeconds: 60,
  defaultHandleSeconds: 180,
  timezone: 'Asia/Seoul',
};

export type QueueMember = {
  userId: string;
  /** Tier: 1 is offered first (C13). */
  level: number;
  /** As the agent last reported it, or as this queue assumes after its own offer. */
  presence: PresenceState;
  /** Time (the agent's clock) of the last presence report applied; older reports are ignored. */
  since: number;
  /** Sequence number of the latest offer this queue made to the agent (0 = none). */
  lastOfferSeq: number;
  /** When the agent became idle (ready): longest-idle orders by it. */
  idleSince: number | null;
  /** The outstanding offer of this queue to this agent, if any. */
  offerId: string | null;
  /** Calls of this queue answered today (fewest-calls). */
  answeredToday: number;
};

/** Someone in line: a live caller, or a callback request that kept the caller's place (B5). */
export type WaitingEntry = {
  /** The call session id of a live caller; the callback id of a callback. */
  id: string;
  kind: 'call' | 'callback';
  callSessionId: string | null;
  callbackId: string | null;
  /** Higher first; 0 by default. */
  priority: number;
  /** When the caller first joined the line: the place in line. */
  joinedAt: number;
  /** Arrival order among equal priority and time. */
  seq: number;
  /** Live callers: when max wait is reached. */
  maxWaitAt: number | null;
  /** Max wait passed while an offer was ringing: overflow once it resolves without an answer. */
  overdue: boolean;
  nextAnnounceAt: number | null;
  /** Outstanding offers (more than one only under ring-all). */
  offerIds: string[];
};

export type QueueOffer = { offerId: string; entryId: string; agentUserId: string; offeredAt: number; leaseUntil: number };

/** Today's live counters (C8): reset at the org's local midnight. */
export type QueueCounters = {
  dayEndsAt: number;
  /** Live callers who joined. */
  inbound: number;
  answered: number;
  /** Answered with a wait ≤ serviceLevelSeconds. */
  answeredWithinSl: number;
  abandoned: number;
  overflowed: number;
  callbacksRequested: number;
  /** Callback requests taken by an agent from the line. */
  callbacksWorked: number;
  /** Waits of live callers who left the line (answered, abandoned, overflowed, callback). */
  waitCount: number;
  waitSumMs: number;
  waitMaxMs: number;
  handledCount: number;
  handleSumMs: number;
};

export type RecentMinute = { minute: number; arrivals: number; handled: number; handleMs: number };

export type QueueState = {
  config: QueueConfig;
  members: Record<string, QueueMember>;
  /** Ordered: priority desc, joinedAt asc, seq asc. */
  waiting: WaitingEntry[];
  offers: Record<string, QueueOffer>;
  /** The agent round-robin offered last. */
  rrLast: string | null;
  seq: number;
  /** Offer sequence numbers: increasing, and past now × 1024 so they keep increasing after a reset. */
  offerSeq: number;
  /** The tier timer as last scheduled. */
  tierAt: number | null;
  today: QueueCounters;
  /** Arrivals and handled calls per minute (minute = epoch ms / 60 000) over the last 30 minutes: the staffing hint. */
  recent: RecentMinute[];
};

export type MemberInput = { userId: string; level: number; presence?: PresenceState; since?: number; idleSince?: number | null };

export type QueueInput =
  /** Configuration and membership from D1 (and, optionally, each member's known presence). */
  | { kind: 'configure'; config: QueueConfig; members: MemberInput[] }
  | { kind: 'caller_joined'; callSessionId: string; priority?: number }
  /** The caller hung up while in line: abandoned. */
  | { kind: 'caller_left'; callSessionId: string }
  /** The caller pressed the callback key (C4): they leave the line, their request keeps the place. */
  | { kind: 'callback_requested'; callSessionId: string; callbackId: string }
  /** A pending callback from D1 (after a restart, or accepted at overflow), at its original place. */
  | { kind: 'callback_added'; callbackId: string; queuedAt: number; priority?: number }
  /** A callback done, deleted or dialled by hand from the list. */
  | { kind: 'callback_removed'; callbackId: string }
  /**
   * Presence reports from the Agent DO. `seenOfferSeq` is the agent's seenOfferSeq[queueId]: a report
   * the agent sent before it saw this queue's latest offer says nothing about that offer and is ignored.
   */
  | { kind: 'agent_ready'; userId: string; since: number; idleSince: number; seenOfferSeq: number }
  | { kind: 'agent_unavailable'; userId: string; since: number; presence: Exclude<PresenceState, 'ready'>; seenOfferSeq: number }
  | { kind: 'offer_answered'; offerId: string }
  /** declined/missed: the agent did not take it; not_ready/expired: the Agent DO refused it (busy elsewhere). */
  | { kind: 'offer_declined'; offerId: string; reason: 'declined' | 'missed' | 'forced' | 'not_ready' | 'expired' }
  /** A call of this queue finished its after-call work: talk + ACW, for estimates and the staffing hint. */
  | { kind: 'handled'; handleMs: number }
  | { kind: 'timer'; name: string };

export type CancelReason = 'expired' | 'declined' | 'caller_left' | 'answered_elsewhere' | 'agent_unavailable' | 'overflow' | 'removed' | 'callback_requested';

type EntryRef = { entryId: string; callSessionId: string | null; callbackId: string | null };

export type QueueEffect =
  /** Ring the agent: dial their phone (call) or present the callback. The lease ends at leaseUntil. */
  | ({ key: string; kind: 'offer'; queueId: string; offerId: string; offerSeq: number; agentUserId: string; leaseUntil: number } & EntryRef)
  /**
   * Stop ringing this agent's phone. Tell the Agent DO `offer_missed` when the reason is `expired`
   * (it sets break), else `offer_cancelled` (back to ready; a no-op once the agent left ringing).
   */
  | ({ key: string; kind: 'cancel_offer'; queueId: string; offerId: string; agentUserId: string; reason: CancelReason } & EntryRef)
  /** The answer stands: bridge the caller (or dial the callback) with this agent. */
  | ({ key: string; kind: 'answer_accepted'; queueId: string; offerId: string; agentUserId: string; waitMs: number } & EntryRef)
  /** The answer came after the lease ended or for an unknown offer: hang up the agent's leg. */
  | { key: string; kind: 'answer_refused'; queueId: string; offerId: string }
  /** The caller leaves the line to the queue's overflow (callback offer, voicemail, or a closing announcement). */
  | {
      key: string;
      kind: 'overflow';
      queueId: string;
      callSessionId: string;
      to: OverflowTarget;
      reason: 'max_wait' | 'no_agents';
      joinedAt: number;
      waitMs: number;
    }
  | { key: string; kind: 'abandoned'; queueId: string; callSessionId: string; waitMs: number }
  | { key: string; kind: 'callback_queued'; queueId: string; callbackId: string; callSessionId: string; queuedAt: number; waitMs: number }
  | { key: string; kind: 'announce_position'; queueId: string; callSessionId: string; position: number; estimatedWaitSeconds: number };

export type QueueTimerChange = TimerChange<string>;
export type QueueStep = { state: QueueState; effects: QueueEffect[]; timers: QueueTimerChange[]; error?: { code: 'invalid_config' | 'invalid_input' } };
