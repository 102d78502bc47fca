// The safe-number flow's state and its timing constants. Pure data.
import type { CallRouting } from '../../routing/route';
import type { Decision } from '../../routing/decision';
import type { FirstHangup } from '../ending';
import type { Leg } from '../legs';
import type { VoicemailParams } from '../voicemail';

export type Phase =
  | 'new'
  | 'screening'
  | 'rejected'
  | 'announcing'
  | 'answering'
  | 'ringing'
  | 'whisper'
  | 'bridging'
  | 'connected'
  | 'unavailable'
  | 'failing'
  | 'ending'
  | 'done'
  /** The caller was handed to the voicemail flow (S20). */
  | 'voicemail';

export type SafeRole = 'caller' | 'callee';

export type FlowState = {
  sessionId: string;
  phase: Phase;
  /** The routing decision (no snapshot, no lists: the state stays small); null = unknown number. */
  decision: Decision | null;
  /** Only while screening: what the decision will be made from once the shield answers. */
  screening: CallRouting | null;
  from: string | null;
  to: string | null;
  startedAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
  outcome: string | null;
  firstHangup: FirstHangup<SafeRole> | null;
  caller: Leg | null;
  callee: Leg | null;
  recordingStarted: boolean;
  recordingUrl: string | null;
  /** The carrier's call.recording.saved (P5): copied into R2 once the call record exists. */
  recording: { url: string; channels: 'single' | 'dual' | null; startedAt: number | null; endedAt: number | null } | null;
  copy: { attempts: number; done: boolean };
  /** How many lingers were spent waiting for a recording the carrier has not sent yet. */
  lingers: number;
  /** Set when the caller is to be handed to the voicemail flow (taken by the step that hands off). */
  voicemail: VoicemailParams | null;
  finished: boolean;
  /** The call record is in D1 (or there is none to write: unknown number). */
  recorded: boolean;
  recordAttempts: number;
};

/** No carrier event for this long means the session is stuck: hang up and record. */
export const SILENCE_MS = 10 * 60_000;
/** A connected call is quiet by nature; only a very long silence is suspicious. */
export const CONNECTED_SILENCE_MS = 4 * 60 * 60_000;
/** Keep a finished session this long for a late call.recording.saved. */
export const LINGER_MS = 60_000;
/** After a hangup the carrier would not take, try again (as cleanup) this soon. */
export const HANGUP_RETRY_MS = 30_000;
/** Our own no-answer deadline, beyond the carrier's timeout_secs, in case its hangup never comes. */
export const RING_GRACE_MS = 15_000;
/** A recording was started but its call.recording.saved has not come: linger this many times for it. */
export const RECORDING_LINGERS = 3;

export function initialState(sessionId: string): FlowState {
  return {
    sessionId,
    phase: 'new',
    decision: null,
    screening: null,
    from: null,
    to: null,
    startedAt: null,
    connectedAt: null,
    endedAt: null,
    outcome: null,
    firstHangup: null,
    caller: null,
    callee: null,
    recordingStarted: false,
    recordingUrl: null,
    recording: null,
    copy: { attempts: 0, done: false },
    lingers: 0,
    voicemail: null,
    finished: false,
    recorded: false,
    recordAttempts: 0,
  };
}

/** The texts the flow may speak; empty before a decision (nothing is spoken then). */
export function textsOf(s: FlowState) {
  return s.decision?.texts ?? null;
}
