// The vocabulary of a routing decision: the rules in precedence order, the trace steps that explain
// them (plain data the web app turns into Korean/English sentences), the closed sets of outcomes,
// and the Decision the call flow carries instead of the snapshot. Types only, plus their lists.
import type { Trace } from '../../contract/trace';
import type { RuleId } from '../../contract/vocabularies';

export { RULES, CALL_OUTCOMES, type RuleId, type CallOutcome } from '../../contract/vocabularies';

export type { LocalClock, TraceStep, Trace } from '../../contract/trace';

/**
 * What the engine decides. `connect` rings the owner; every other outcome ends the call without
 * ringing anyone: `spam` by rejecting it, the rest with an announcement.
 * - spam: the caller is on the owner's spam list (permanent or an unexpired temporary block)
 * - paused: the number is paused (S6) or its organisation disabled
 * - limited: the abuse shield refused the caller (B3)
 * - blocked: immediate block (S4) or a block window
 * - after_hours: a holiday, a non-working day, or outside working hours
 * - lunch: the lunch break
 * - unavailable: nobody to ring (no owner, owner disabled, no mobile)
 */
export const DECISION_OUTCOMES = ['connect', 'spam', 'paused', 'limited', 'blocked', 'after_hours', 'lunch', 'unavailable'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export type RefusalOutcome = Exclude<DecisionOutcome, 'connect'>;

/** Texts the flow may speak whatever it decided (a connect can still end in unavailable or error). */
export type FlowTexts = {
  waiting: string;
  /** The whisper the owner hears on answering (S1). */
  connect: string;
  unavailable: string;
  error: string;
  /** Said before connecting when the org records calls (S21); null = not recording. */
  recordingNotice: string | null;
};

type DecisionCommon = {
  orgId: string;
  numberId: string;
  ownerUserId: string | null;
  /** The safe number dialled (E.164). */
  dialled: string;
  /** The caller as routed (E.164 when it parsed as a phone number). */
  caller: string;
  /** The instant decided for (epoch ms). */
  at: number;
  /** The org's timezone (IANA) the decision was made in; null where the flow did not route (a queue's voicemail). */
  timezone: string | null;
  /** The rule that decided; null = nothing refused and no free pass (plain connect). */
  decidedBy: RuleId | null;
  texts: FlowTexts;
  trace: Trace;
  /** Whether the caller may leave a message (S20): outside hours, and when the mobile does not answer. Off without a reachable owner. */
  voicemail: { afterHours: boolean; noAnswer: boolean };
};

export type ConnectDecision = DecisionCommon & {
  action: 'connect';
  outcome: 'connect';
  /** The owner's mobile to ring (E.164). */
  mobile: string;
  forwardCallerId: string;
  ringTimeoutSeconds: number;
  recording: boolean;
};
export type AnnounceDecision = DecisionCommon & {
  action: 'announce';
  outcome: Exclude<RefusalOutcome, 'spam'>;
  /** The announcement to speak before hanging up. */
  announcement: string;
};
/** Spam is turned away without answering: the caller hears a busy line, not that they are listed. */
export type RejectDecision = DecisionCommon & { action: 'reject'; outcome: 'spam'; cause: 'USER_BUSY' };

export type Decision = ConnectDecision | AnnounceDecision | RejectDecision;
