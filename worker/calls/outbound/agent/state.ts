// The contact center's outbound flow, its state: what starts it (an agent's dial or the Queue's
// callback offer), the two legs and the phase, the timings, and the step's output. Pure.
import type { FirstHangup } from '../../ending';
import { StepOut, type Leg } from '../../legs';

export type OutboundParams = {
  mode: 'dial' | 'callback_offer';
  orgId: string;
  agentUserId: string;
  agentMobile: string;
  /** The customer (E.164, domestic). */
  customer: string;
  /** The service number both phones see. */
  serviceNumber: string;
  queueId: string | null;
  queueName: string | null;
  callbackId: string | null;
  /** callback_offer: the Queue's offer, its lease and when the request joined the line. */
  offerId: string | null;
  leaseUntil: number | null;
  queuedAt: number | null;
  recording: boolean;
};

export type Phase = 'agent_ringing' | 'confirming' | 'customer_ringing' | 'connected' | 'ending' | 'done';

export type OutboundState = {
  sessionId: string;
  p: OutboundParams;
  phase: Phase;
  agent: Leg;
  customer: Leg | null;
  startedAt: number;
  agentAnsweredAt: number | null;
  connectedAt: number | null;
  /** The agent's state is on_call (told the Agent object): call_ended is owed. */
  agentOnCall: boolean;
  n: number;
  held: boolean;
  outcome: string | null;
  firstHangup: FirstHangup | null;
  endedAt: number | null;
  finished: boolean;
  recorded: boolean;
  recordAttempts: number;
  recordingStarted: boolean;
  /** The Queue accepted the answer after the agent had hung up: the request was put back. */
  lateAccept?: boolean;
};

export const RING_SECS = 30;
export const SILENCE_MS = 10 * 60_000;
export const CONNECTED_SILENCE_MS = 4 * 60 * 60_000;
export const LINGER_MS = 30_000;
export const GRACE_MS = 10_000;

export const out = (s: OutboundState) => new StepOut((role) => (role === 'agent' ? s.agent : role === 'customer' ? s.customer : null));
