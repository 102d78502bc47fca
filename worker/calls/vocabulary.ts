// The call flows' own vocabulary: the carrier events they consume, the commands they ask for, the
// timers they set and the effects (non-carrier work) they request. Plain data with no carrier or
// platform types: worker/telnyx/ maps Telnyx payloads into it and these commands back into requests.
import type { ShieldPolicy } from '../routing/shield';
import type { MediaEffect, RecordingFacts } from './media-effects';
import type { OutboundEffect } from './outbound/effects';
import type { CcEffect } from './queue/effects';

/** Which of a flow's legs an event or command belongs to: 'caller', 'callee', 'agent', … (the flow's words). */
export type LegRole = string;

/**
 * The carrier events flows act on. Purely informational ones (speak and playback started, costs)
 * are not words of ours: ingress acknowledges them without waking a session.
 */
export const CALL_EVENT_TYPES = [
  'initiated',
  'answered',
  'bridged',
  'hangup',
  'speak_ended',
  'playback_ended',
  'dtmf',
  'gather_ended',
  'recording_saved',
  'machine_detection_ended',
] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

export const HANGUP_CAUSES = [
  'call_rejected',
  'normal_clearing',
  'originator_cancel',
  'timeout',
  'time_limit',
  'user_busy',
  'not_found',
  'no_answer',
  'unspecified',
] as const;
export type HangupCause = (typeof HANGUP_CAUSES)[number];

/** One carrier event about one leg, flat and serialisable; times are epoch ms. */
export type CallEvent = {
  /** The carrier's event id: the de-duplication key. */
  id: string;
  type: CallEventType;
  at: number;
  callControlId: string | null;
  callLegId: string;
  /** The carrier's own session id of the leg (not necessarily our session's id). */
  carrierSessionId: string;
  /** Our role for the leg, from the client_state we set; null when the leg carries none of ours. */
  role: LegRole | null;
  from: string | null;
  to: string | null;
  direction: 'incoming' | 'outgoing' | null;
  hangupCause: HangupCause | null;
  hangupSource: 'caller' | 'callee' | 'unknown' | null;
  /** speak/playback/gather end status, AMD result. */
  status: string | null;
  digit: string | null;
  digits: string | null;
  recording: { url: string; channels: 'single' | 'dual' | null; startedAt: number | null; endedAt: number | null } | null;
};

/** Korean voice from Telnyx's catalogue; `speak` requires a voice. */
export const VOICE = 'AWS.Polly.Seoyeon-Neural';
export const LANGUAGE = 'ko-KR';

type On = { key: string; leg: LegRole; callControlId: string };
/** A carrier command. `key` names the step within the session: the same key is never sent twice. */
export type Command =
  | (On & { action: 'answer' })
  | (On & { action: 'reject'; cause: 'CALL_REJECTED' | 'USER_BUSY' })
  | (On & { action: 'hangup' })
  | (On & { action: 'speak'; text: string })
  | (On & {
      action: 'bridge';
      otherCallControlId: string;
      /**
       * Telnyx `park_after_unbridge: "self"`: this leg is parked when the bridge ends (the other leg
       * hangs up or is bridged elsewhere). Without it Telnyx hangs this leg up with the bridge.
       */
      parkAfterUnbridge?: boolean;
    })
  | (On & {
      action: 'record_start';
      channels?: 'single' | 'dual';
      playBeep?: boolean;
      maxLengthSecs?: number;
      /** Telnyx `trim: trim-silence`: silence at both ends is cut, so a silent message comes back (nearly) empty. */
      trimSilence?: boolean;
      /** Telnyx `timeout_secs`: stop recording after this much silence following speech. */
      silenceTimeoutSecs?: number;
    })
  | (On & { action: 'record_stop' })
  | (On & { action: 'playback_start'; audioUrl: string; loop?: number | 'infinity' })
  | (On & { action: 'playback_stop' })
  | (On & { action: 'gather'; text: string; minDigits: number; maxDigits: number; timeoutMs: number; terminatingDigit?: string; validDigits?: string })
  | {
      key: string;
      leg: LegRole;
      action: 'dial';
      to: string;
      from: string;
      timeoutSecs: number;
      /** Share the carrier session of this leg (masked forwarding). */
      linkTo?: string;
      timeLimitSecs?: number;
      /** Join an existing call as a supervisor (C12). */
      supervise?: { callControlId: string; role: 'barge' | 'whisper' | 'monitor' };
    };
export type CommandAction = Command['action'];

/** Set (at = epoch ms) or clear (at = null) a named timer; the host keeps one alarm for the earliest. */
export type TimerChange = { name: string; at: number | null };

/**
 * Non-carrier work a flow asks the host to do once (write the call record, ask a queue or an agent,
 * copy a recording, notify). Its answer comes back as an `effect` input with the same key. One union,
 * so each kind's fields are typed where it is requested and where it is carried out.
 */
export type Effect =
  /** The dialled number's routing facts (the one D1 round trip of the inbound path). */
  | { key: string; kind: 'route'; dialled: string; caller: string; at: number }
  /** Count this call against the abuse shield (B3) in the owner's Agent object; answers the verdict. */
  | { key: string; kind: 'shield'; userId: string; numberId: string; caller: string; policy: ShieldPolicy; at: number }
  /** The call's record in D1, written once (idempotent by session id). */
  | { key: string; kind: 'write_call'; orgId: string; record: CallRecordInput }
  /** Recordings, voicemail, the live popup and missed-call push (issue 10): worker/calls/media-effects.ts. */
  | MediaEffect
  /** The contact center's Queue and Agent objects (issue 11): worker/calls/queue/effects.ts. */
  | CcEffect
  /** Masked outbound calls (S11): worker/calls/outbound/effects.ts. */
  | OutboundEffect;
export type EffectKind = Effect['kind'];

/**
 * Effects no flow reads the answer of: the popup (each turn of the call told to the owner's Agent;
 * nothing waits on it). The host feeds no answer back for them, which spares the session a step per
 * popup, three per connected call (test/calls/reducer.test.ts shows an answer would change nothing);
 * the document write moves to the settling write, so writes per call stay as they were.
 */
const TOLD: ReadonlySet<EffectKind> = new Set<EffectKind>(['popup']);
export const answersBack = (effect: Effect) => !TOLD.has(effect.kind);

/** A call record as flows produce it (worker/db/calls.ts stores it). */
export type CallRecordInput = {
  callSessionId: string;
  direction: 'inbound' | 'outbound';
  kind: 'safe_number' | 'queue' | 'masked_outbound' | 'agent_outbound' | 'number_check' | 'callback';
  numberId: string | null;
  fromNumber: string;
  toNumber: string;
  ownerUserId: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: string;
  hangupCause: string | null;
  hangupSource: string | null;
  waitMs: number | null;
  durationMs: number | null;
  trace: unknown[];
  /** Contact-center calls (issue 11): the agent who took it and the queue it came through. */
  agentUserId?: string | null;
  queueId?: string | null;
  callerPriority?: number | null;
  /** A recording already copied into R2 (a voicemail), stored with the record in the same batch. */
  recording?: RecordingFacts;
};

/** What a flow consumes: carrier events, its own timers, and what the host learned on its behalf. */
export type FlowInput =
  | { kind: 'event'; event: CallEvent }
  /** The dial command succeeded: the new leg's ids (its events may have arrived already). */
  | { kind: 'dialled'; key: string; leg: LegRole; callControlId: string; callLegId: string }
  | { kind: 'command_failed'; key: string; action: CommandAction; leg: LegRole }
  | { kind: 'timer'; name: string }
  | { kind: 'effect'; key: string; ok: boolean; value: unknown }
  /**
   * A message from outside the call (a Queue offering an agent, a supervisor's action, an agent's
   * hold button), delivered through the CallSession's `signal` RPC; `id` de-duplicates redeliveries.
   */
  | { kind: 'signal'; id: string; name: string; value: unknown };
