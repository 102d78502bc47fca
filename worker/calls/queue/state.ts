// The queue call flow's state (issue 11, C3–C6, C12): the caller's leg, the line, every agent leg
// dialled for an offer or a transfer, supervisors' legs, and what the record will say. Pure data.
import type { FirstHangup } from '../ending';
import type { Leg } from '../legs';
import type { QueueCallInfo } from './effects';

export type QueuePhase =
  | 'answering'
  | 'greeting'
  | 'waiting'
  | 'callback_pending'
  | 'connecting'
  | 'connected'
  /** Overflowed: asking for the callback key (gather), or saying the closing line. */
  | 'overflow_ask'
  | 'closing'
  | 'ending'
  | 'done'
  | 'voicemail';

/** One agent leg: dialled for a queue offer, or for a transfer (a direct offer). */
export type AgentLeg = {
  role: string;
  offerId: string;
  userId: string;
  leg: Leg;
  /** The Queue (or, for a transfer, the target's Agent object) confirmed the answer. */
  accepted: boolean;
  /** Withdrawn, refused, or rang out: its late events change nothing. */
  dropped: boolean;
  /** The whisper has been said (or there was none). */
  whispered: boolean;
  transfer: boolean;
};

export type SupervisorLeg = {
  role: string;
  userId: string;
  leg: Leg;
  mode: 'monitor' | 'whisper' | 'barge';
  /** Asked for while the agent still heard the whisper: the phone dialled once the caller is bridged. */
  dialOnBridge?: string;
};

export type QueueCallState = {
  sessionId: string;
  orgId: string;
  queueId: string;
  numberId: string;
  phase: QueuePhase;
  caller: Leg;
  /** The caller (E.164 when it parsed) and the service number dialled. */
  from: string;
  to: string;
  startedAt: number;
  recordingNotice: string | null;
  info: QueueCallInfo | null;
  /** The queue's instant of joining the line (null until joined). */
  joinedAt: number | null;
  /** Time in line until an agent answered, the caller left or overflowed (from the queue's answer). */
  waitMs: number | null;
  holdPlaying: boolean;
  /** Counters for unique command keys. */
  n: number;
  agentSeq: number;
  agents: AgentLeg[];
  /** Offers that arrived while a callback request was being stored. */
  deferred: { offerId: string; agentUserId: string; mobile: string; leaseUntil: number; queueName: string }[];
  /** The agent on the call (role of their leg). */
  agent: string | null;
  /** When the agent who took the call answered their phone (the record's answered_at). */
  answeredAt: number | null;
  connectedAt: number | null;
  held: boolean;
  supervisors: SupervisorLeg[];
  callbackId: string | null;
  recordingStarted: boolean;
  recording: { url: string; channels: 'single' | 'dual' | null; startedAt: number | null; endedAt: number | null } | null;
  copy: { attempts: number; done: boolean };
  lingers: number;
  outcome: string | null;
  firstHangup: FirstHangup | null;
  endedAt: number | null;
  finished: boolean;
  recorded: boolean;
  recordAttempts: number;
  /** call_ended has been sent to the agent (after the record). */
  agentReleased: boolean;
};

export const SILENCE_MS = 10 * 60_000;
export const CONNECTED_SILENCE_MS = 4 * 60 * 60_000;
export const LINGER_MS = 60_000;
export const RECORDING_LINGERS = 3;
/** Our own deadline for a dialled agent leg beyond its lease, in case the carrier's hangup never comes. */
export const AGENT_RING_GRACE_MS = 10_000;
/** How long an overflowed caller has to press the callback key. */
export const OVERFLOW_GATHER_MS = 8_000;
