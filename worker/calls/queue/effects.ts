// The contact center's effects on the CallSession host (issue 11): what the queue call flow and the
// outbound flow ask of the Queue and Agent objects, as plain data. The host carries them out in
// durable-objects/cc-effects.ts; the answers come back as `effect` inputs with the same key.
import type { AgentInput } from '../../contact-center/agent';

/** What a queue tells a call about itself (the Queue object's `info`). */
export type QueueCallInfo = {
  name: string;
  /** The queue's greeting, or null for the built-in one. */
  greeting: string | null;
  /** The hold audio: the queue's URL, else the built-in tone; null = none (silence between announcements). */
  holdAudioUrl: string | null;
  ringTimeoutSeconds: number;
  overflow: 'callback' | 'voicemail' | 'none';
  /** Who a voicemail left on overflow belongs to (see docs/contact-center-live.md); null = none. */
  voicemailOwner: string | null;
};

/** Context the console shows with an offer or a call (kept by the Agent object beside its reducer). */
export type CallContext = {
  kind: 'queue' | 'callback' | 'agent_outbound' | 'transfer';
  direction: 'inbound' | 'outbound';
  queueId: string | null;
  queueName: string | null;
  /** The customer's number (E.164 or as the carrier sent it). */
  customer: string | null;
  startedAt: number;
  held: boolean;
};

/** Inputs a call may send to an Agent object: the reducer's call inputs, and the console's call facts. */
export type AgentCallInput =
  | Extract<AgentInput, { kind: 'offer_answered' | 'call_started' | 'call_ended' | 'offer_declined' | 'offer_cancelled' }>
  | { kind: 'call_update'; callSessionId: string; held: boolean };

export type CcEffect =
  | { key: string; kind: 'queue'; op: 'info'; orgId: string; queueId: string }
  /** Into the line: answers { joinedAt } (the queue's own instant). */
  | { key: string; kind: 'queue'; op: 'join'; orgId: string; queueId: string; callSessionId: string; caller: string; priority: number }
  | { key: string; kind: 'queue'; op: 'leave'; orgId: string; queueId: string; callSessionId: string }
  /** The caller asked for a callback: stored in D1 and put at the caller's place in line; answers { callbackId } or null. */
  | { key: string; kind: 'queue'; op: 'callback'; orgId: string; queueId: string; callSessionId: string; number: string; joinedAt: number | null }
  | { key: string; kind: 'queue'; op: 'answered'; orgId: string; queueId: string; offerId: string }
  /** The offer reached the call too late to ring the agent (worker/calls/offer-ring.ts): it ends, the agent ready. */
  | { key: string; kind: 'queue'; op: 'late'; orgId: string; queueId: string; offerId: string }
  /** A callback that could not be completed goes back into the line at its place. */
  | { key: string; kind: 'queue'; op: 'readd'; orgId: string; queueId: string; callbackId: string; queuedAt: number }
  | { key: string; kind: 'agent'; orgId: string; userId: string; input: AgentCallInput; context?: CallContext }
  /** The customer of a callback was reached: the request is done (by the agent, with this call). */
  | { key: string; kind: 'callback_done'; orgId: string; callbackId: string; userId: string; callSessionId: string };

/** Signals the Queue, an agent or a supervisor send into a call (CallSession `signal`). */
export type CcSignal =
  | { name: 'offer'; value: { offerId: string; agentUserId: string; mobile: string; leaseUntil: number; queueName: string } }
  | { name: 'offer_cancelled'; value: { offerId: string; reason: string } }
  | { name: 'answer_accepted'; value: { offerId: string; agentUserId: string; waitMs: number } }
  | { name: 'answer_refused'; value: { offerId: string } }
  | { name: 'overflow'; value: { to: 'callback' | 'voicemail' | 'none'; reason: 'max_wait' | 'no_agents'; waitMs: number } }
  | { name: 'announce'; value: { position: number; estimatedWaitSeconds: number } }
  | { name: 'hold' | 'unhold' | 'hangup'; value: { userId: string } }
  | { name: 'transfer'; value: { offerId: string; fromUserId: string; toUserId: string; mobile: string; leaseUntil: number } }
  | { name: 'supervise'; value: { supervisorUserId: string; mobile: string; role: 'monitor' | 'whisper' | 'barge' } }
  | { name: 'supervise_stop'; value: { supervisorUserId: string } };
