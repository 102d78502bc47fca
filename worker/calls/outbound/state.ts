// The masked outbound call's state (S11), shared by its two flows: what the record and its trace
// keep, the timing constants, and the few helpers every part uses (trace, decide, say-and-end). Pure.
import { newLeg, StepOut, type Leg } from '../legs';
import type { FirstHangup, SavedRecording } from '../ending';
import type { DialInCaller } from './effects';

export type OutboundWay = 'click' | 'dial_in';

/** Outcomes of a masked outbound call as its record keeps them. */
export const MASKED_OUTCOMES = ['connected', 'no_answer', 'staff_missed', 'cancelled', 'refused', 'unknown_caller', 'no_entry', 'failed'] as const;
export type MaskedOutcome = (typeof MASKED_OUTCOMES)[number];

/** One line of the call's trace (the history shows it in words: web/src/features/history/outbound-trace.ts). */
export type OutboundTraceStep = {
  rule: 'outbound';
  step:
    | 'started'
    | 'staff_answered'
    | 'staff_missed'
    | 'unknown_caller'
    | 'entered'
    | 'refused'
    | 'invalid'
    | 'keypad_timeout'
    | 'citizen_dialled'
    | 'citizen_answered'
    | 'citizen_no_answer'
    | 'connected'
    | 'hung_up'
    | 'failed';
  /** Whether this step decided the outcome. */
  matched: boolean;
  at: number;
  detail?: { way?: OutboundWay; number?: string; class?: string; by?: 'staff' | 'citizen'; cause?: string | null; tries?: number };
};

export type Phase = 'staff_ringing' | 'identifying' | 'gathering' | 'announcing' | 'citizen_ringing' | 'noticing' | 'connected' | 'ending' | 'done';

export type MaskedState = {
  sessionId: string;
  way: OutboundWay;
  orgId: string;
  /** The staff member; null while the dial-in caller is not recognised yet (or never). */
  userId: string | null;
  accessNumber: string;
  /** What the citizen sees: the profile's outbound caller ID or the safe number. */
  callerId: string | null;
  /** The citizen (E.164); null until the dial-in keypad gave one. */
  target: string | null;
  recording: boolean;
  /** Said to the citizen before the bridge when the org records (S21); null = nothing. */
  notice: string | null;
  phase: Phase;
  staff: Leg;
  citizen: Leg | null;
  /** Dial-in: what the lookup answered (undefined = not yet). */
  identified: DialInCaller | null | undefined;
  /** Dial-in: keypad timeouts so far, and numbers refused or not understood. */
  timeouts: number;
  refusals: number;
  n: number;
  startedAt: number;
  connectedAt: number | null;
  outcome: MaskedOutcome | null;
  firstHangup: FirstHangup | null;
  trace: OutboundTraceStep[];
  endedAt: number | null;
  finished: boolean;
  recorded: boolean;
  recordAttempts: number;
  recordingStarted: boolean;
  recordingFile: SavedRecording | null;
  copy: { attempts: number; done: boolean };
  lingers: number;
};

export const RING_SECS = 30;
export const GRACE_MS = 10_000;
export const SILENCE_MS = 10 * 60_000;
export const CONNECTED_SILENCE_MS = 4 * 60 * 60_000;
export const LINGER_MS = 30_000;
/** Dial-in keypad: how long after the prompt a number may take, re-prompts after silence, numbers refused before giving up. */
export const KEYPAD_TIMEOUT_MS = 10_000;
export const KEYPAD_REPROMPTS = 2;
export const KEYPAD_REFUSALS = 3;
export const RECORDING_LINGERS = 4;

export function newState(sessionId: string, way: OutboundWay, now: number, init: Partial<MaskedState> & { orgId: string; accessNumber: string }): MaskedState {
  return {
    sessionId,
    way,
    userId: null,
    callerId: null,
    target: null,
    recording: false,
    notice: null,
    phase: way === 'click' ? 'staff_ringing' : 'identifying',
    staff: newLeg(null, null),
    citizen: null,
    identified: undefined,
    timeouts: 0,
    refusals: 0,
    n: 0,
    startedAt: now,
    connectedAt: null,
    outcome: null,
    firstHangup: null,
    trace: [],
    endedAt: null,
    finished: false,
    recorded: false,
    recordAttempts: 0,
    recordingStarted: false,
    recordingFile: null,
    copy: { attempts: 0, done: false },
    lingers: 0,
    ...init,
  };
}

export const out = (s: MaskedState) => new StepOut((role) => (role === 'staff' ? s.staff : role === 'citizen' ? s.citizen : null));

export function trace(s: MaskedState, step: OutboundTraceStep['step'], at: number, detail?: OutboundTraceStep['detail'], matched = false) {
  s.trace.push({ rule: 'outbound', step, matched, at, ...(detail ? { detail } : {}) });
}

/** Ends the call with this outcome (the first one set stays), marking its trace step as the deciding one. */
export function decide(s: MaskedState, outcome: MaskedOutcome) {
  if (s.outcome !== null) return;
  s.outcome = outcome;
  const last = s.trace.at(-1);
  if (last) last.matched = true;
}

/** Speaks to the staff member and hangs up once it was said (or at once when they cannot hear it). */
export function sayAndEnd(o: StepOut, s: MaskedState, key: string, text: string) {
  s.phase = 'ending';
  if (!o.speak('staff', key, text)) o.hangup('staff');
}
