// The masked outbound call (S11), shared by its two flows: the staff member's leg (rung by
// click-to-call, or their own call to the access number), the keypad of the dial-in, the citizen's
// leg dialled showing the outbound caller ID, the bridge (no park_after_unbridge: when one side
// hangs up the carrier hangs up the other), recording per org policy, and the call record with its
// trace (kind 'masked_outbound', owned by the staff member). Pure.
import { destinationClass, mayDial } from '../../destinations';
import { toE164 } from '../../phone';
import { copyCallRecording, hangupFields, noteFirstHangup, onCopied, RECORD_ATTEMPTS, retryRecord, type FirstHangup, type SavedRecording } from '../ending';
import type { FlowStep } from '../flow';
import { advance, identify, isLeg, live, markAnswered, markEnded, newLeg, StepOut, type Leg } from '../legs';
import type { CallEvent, FlowInput } from '../vocabulary';
import type { DialInCaller } from './effects';
import { callingText, OUTBOUND_TEXTS, refusalText } from './texts';

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

const RING_SECS = 30;
const GRACE_MS = 10_000;
const SILENCE_MS = 10 * 60_000;
const CONNECTED_SILENCE_MS = 4 * 60 * 60_000;
const LINGER_MS = 30_000;
/** Dial-in keypad: how long after the prompt a number may take, re-prompts after silence, numbers refused before giving up. */
export const KEYPAD_TIMEOUT_MS = 10_000;
export const KEYPAD_REPROMPTS = 2;
export const KEYPAD_REFUSALS = 3;
const RECORDING_LINGERS = 4;

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
function decide(s: MaskedState, outcome: MaskedOutcome) {
  if (s.outcome !== null) return;
  s.outcome = outcome;
  const last = s.trace.at(-1);
  if (last) last.matched = true;
}

/** Speaks to the staff member and hangs up once it was said (or at once when they cannot hear it). */
function sayAndEnd(o: StepOut, s: MaskedState, key: string, text: string) {
  s.phase = 'ending';
  if (!o.speak('staff', key, text)) o.hangup('staff');
}

// ── Dial-in keypad ─────────────────────────────────────────────────────────

function gather(o: StepOut, s: MaskedState, text: string) {
  const leg = s.staff;
  if (!live(leg) || !leg.callControlId) return;
  s.phase = 'gathering';
  o.command({
    key: `gather:staff:${++s.n}`,
    leg: 'staff',
    action: 'gather',
    callControlId: leg.callControlId,
    text,
    minDigits: 1,
    maxDigits: 20,
    timeoutMs: KEYPAD_TIMEOUT_MS,
    terminatingDigit: '#',
    validDigits: '0123456789*',
  });
}

/** The dial-in caller is both answered and looked up: prompt for the number, or refuse. */
export function afterIdentified(o: StepOut, s: MaskedState, now: number) {
  if (s.phase !== 'identifying' || s.identified === undefined || !s.staff.answeredAt || !live(s.staff)) return;
  const who = s.identified;
  if (!who) {
    trace(s, 'unknown_caller', now);
    decide(s, 'unknown_caller');
    sayAndEnd(o, s, 'speak:staff:unknown', OUTBOUND_TEXTS.unknownCaller);
    return;
  }
  s.userId = who.userId;
  s.callerId = who.callerId;
  if (!who.callerId) {
    trace(s, 'failed', now);
    decide(s, 'failed');
    sayAndEnd(o, s, 'speak:staff:error', OUTBOUND_TEXTS.error);
    return;
  }
  gather(o, s, OUTBOUND_TEXTS.prompt);
}

/** What was typed: `*` starts over, so only the digits after the last one count. */
export function keyedNumber(digits: string): string {
  const i = digits.lastIndexOf('*');
  return (i >= 0 ? digits.slice(i + 1) : digits).replace(/[^0-9]/g, '');
}

function onGatherEnded(o: StepOut, s: MaskedState, e: CallEvent, now: number) {
  if (s.phase !== 'gathering') return;
  const typed = keyedNumber(e.digits ?? '');
  if (e.status === 'call_hangup' || e.status === 'cancelled') return;
  if (!typed) {
    if (e.status !== 'timeout' && e.status !== 'invalid') {
      // `*#`: started over and ended without a number — ask again, without counting it as silence.
      gather(o, s, OUTBOUND_TEXTS.prompt);
      return;
    }
    s.timeouts++;
    trace(s, 'keypad_timeout', now, { tries: s.timeouts });
    if (s.timeouts > KEYPAD_REPROMPTS) {
      decide(s, 'no_entry');
      sayAndEnd(o, s, 'speak:staff:no_entry', OUTBOUND_TEXTS.noEntry);
    } else gather(o, s, OUTBOUND_TEXTS.reprompt);
    return;
  }
  // 00…: an international access code (001, 002, 00700 …), refused as international whatever follows.
  const e164 = typed.startsWith('00') ? null : toE164(typed);
  let refusal: string | null = null;
  if (typed.startsWith('00')) {
    trace(s, 'refused', now, { class: 'international' });
    refusal = refusalText('international');
  } else if (!e164) {
    trace(s, 'invalid', now);
    refusal = OUTBOUND_TEXTS.invalid;
  } else if (!mayDial(e164, 'outbound')) {
    const cls = destinationClass(e164);
    trace(s, 'refused', now, { number: e164, class: cls });
    refusal = refusalText(cls);
  }
  if (refusal !== null) {
    s.refusals++;
    if (s.refusals >= KEYPAD_REFUSALS) {
      decide(s, 'refused');
      sayAndEnd(o, s, 'speak:staff:refused', `${refusal} ${OUTBOUND_TEXTS.tooManyTries}`);
    } else gather(o, s, `${refusal} ${OUTBOUND_TEXTS.prompt}`);
    return;
  }
  s.target = e164 ?? null;
  trace(s, 'entered', now, { number: s.target ?? '' });
  announce(o, s, now);
}

// ── The citizen ────────────────────────────────────────────────────────────

/** Tells the staff member whom they are calling; the citizen is dialled when it has been said. */
export function announce(o: StepOut, s: MaskedState, now: number) {
  if (!s.target) return;
  s.phase = 'announcing';
  if (!o.speak('staff', `speak:staff:calling:${++s.n}`, callingText(s.target))) dialCitizen(o, s, now);
}

function dialCitizen(o: StepOut, s: MaskedState, now: number) {
  if (s.citizen || !s.target || !s.callerId || !live(s.staff) || !s.staff.callControlId) return;
  s.phase = 'citizen_ringing';
  s.citizen = newLeg(null, null);
  trace(s, 'citizen_dialled', now, { number: s.target });
  o.timer('ring', now + RING_SECS * 1000 + GRACE_MS);
  o.command({
    key: 'dial:citizen',
    leg: 'citizen',
    action: 'dial',
    to: s.target,
    from: s.callerId,
    timeoutSecs: RING_SECS,
    linkTo: s.staff.callControlId,
  });
}

function bridge(o: StepOut, s: MaskedState) {
  if (!live(s.staff) || !s.staff.callControlId || !live(s.citizen) || !s.citizen.callControlId) return;
  o.command({ key: 'bridge', leg: 'staff', action: 'bridge', callControlId: s.staff.callControlId, otherCallControlId: s.citizen.callControlId });
}

const bridged = (s: MaskedState) => s.connectedAt !== null;

function onBridged(o: StepOut, s: MaskedState, leg: Leg, at: number) {
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  if (s.connectedAt !== null) return;
  s.connectedAt = at;
  s.phase = 'connected';
  trace(s, 'connected', at);
  decide(s, 'connected');
  if (s.recording && !s.recordingStarted && live(s.staff) && s.staff.callControlId) {
    s.recordingStarted = true;
    o.command({ key: 'record:staff', leg: 'staff', action: 'record_start', callControlId: s.staff.callControlId, channels: 'dual' });
  }
}

function onStaff(o: StepOut, s: MaskedState, e: CallEvent, now: number) {
  const leg = identify(s.staff, e);
  switch (e.type) {
    case 'answered':
      if (!markAnswered(leg, e)) return;
      o.timer('ring', null);
      if (s.way === 'click') {
        trace(s, 'staff_answered', e.at);
        announce(o, s, now);
      } else afterIdentified(o, s, now);
      return;
    case 'speak_ended':
      leg.speaksEnded++;
      if (leg.speaksEnded < leg.speaks) return;
      if (s.phase === 'ending') o.hangup('staff');
      else if (s.phase === 'announcing') dialCitizen(o, s, now);
      return;
    case 'gather_ended':
      onGatherEnded(o, s, e, now);
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      return;
    case 'recording_saved':
      if (e.recording && !s.recordingFile) s.recordingFile = { ...e.recording };
      return;
    case 'hangup':
      if (!markEnded(leg, e.at)) return;
      noteFirstHangup(s, 'staff', e);
      o.timer('ring', null);
      if (leg.answeredAt === null) {
        if (s.way === 'click') trace(s, 'staff_missed', e.at, { cause: e.hangupCause });
        decide(s, s.way === 'click' ? 'staff_missed' : 'cancelled');
      } else if (s.connectedAt === null) {
        trace(s, 'hung_up', e.at, { by: 'staff' });
        decide(s, 'cancelled');
      } else if (s.firstHangup?.leg === 'staff') trace(s, 'hung_up', e.at, { by: 'staff' });
      o.hangupPeer('citizen', bridged(s), now);
      s.phase = 'ending';
      return;
  }
}

function onCitizen(o: StepOut, s: MaskedState, e: CallEvent, now: number) {
  const leg = identify((s.citizen ??= newLeg(null, null)), e);
  switch (e.type) {
    case 'answered':
      if (!markAnswered(leg, e)) return;
      o.timer('ring', null);
      trace(s, 'citizen_answered', e.at);
      if (!live(s.staff)) {
        o.hangup('citizen');
        return;
      }
      // S21: when the org records, the citizen hears so before the staff member is put through.
      if (s.recording && s.notice) {
        s.phase = 'noticing';
        if (o.speak('citizen', 'speak:citizen:notice', s.notice)) return;
      }
      bridge(o, s);
      return;
    case 'speak_ended':
      leg.speaksEnded++;
      if (s.phase === 'noticing' && leg.speaksEnded >= leg.speaks) bridge(o, s);
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      return;
    case 'hangup':
      if (!markEnded(leg, e.at)) return;
      noteFirstHangup(s, 'citizen', e);
      o.timer('ring', null);
      if (leg.answeredAt === null) {
        trace(s, 'citizen_no_answer', e.at, { cause: e.hangupCause });
        decide(s, 'no_answer');
        if (live(s.staff)) sayAndEnd(o, s, 'speak:staff:no_answer', OUTBOUND_TEXTS.citizenNoAnswer);
        return;
      }
      if (s.firstHangup?.leg === 'citizen') trace(s, 'hung_up', e.at, { by: 'citizen' });
      decide(s, bridged(s) ? 'connected' : 'cancelled');
      s.phase = 'ending';
      o.hangupPeer('staff', bridged(s), now);
      return;
  }
}

// ── The record and the recording ───────────────────────────────────────────

function writeRecord(o: StepOut, s: MaskedState) {
  s.recordAttempts++;
  const endedAt = s.endedAt ?? s.startedAt;
  const answeredAt = s.connectedAt !== null ? (s.citizen?.answeredAt ?? s.connectedAt) : null;
  o.effect({
    key: `record:${s.recordAttempts}`,
    kind: 'write_call',
    orgId: s.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'outbound',
      kind: 'masked_outbound',
      numberId: null,
      // What the citizen saw, and the citizen (the dial-in caller's own number when none was reached).
      fromNumber: s.callerId ?? s.accessNumber,
      toNumber: s.target ?? '',
      ownerUserId: s.userId,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      ...hangupFields(s.firstHangup),
      waitMs: null,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: s.trace,
    },
  });
}

function copyRecording(o: StepOut, s: MaskedState) {
  const f = s.recordingFile;
  if (!f || !s.recorded || s.copy.done) return;
  copyCallRecording(o, s.copy, { orgId: s.orgId, callSessionId: s.sessionId, callStartedAt: s.startedAt, ownerUserId: s.userId }, f);
}

// ── The reducer both flows share ───────────────────────────────────────────

export function reduceMasked(prev: MaskedState, input: FlowInput, now: number): FlowStep<MaskedState> {
  const s = structuredClone(prev);
  const o = out(s);
  let retire = false;
  switch (input.kind) {
    case 'event': {
      const e = input.event;
      const role = e.role ?? (isLeg(s.staff, e) ? 'staff' : isLeg(s.citizen, e) ? 'citizen' : null);
      if (role === 'staff') onStaff(o, s, e, now);
      else if (role === 'citizen') onCitizen(o, s, e, now);
      break;
    }
    case 'dialled': {
      const leg = input.leg === 'staff' ? s.staff : input.leg === 'citizen' ? s.citizen : null;
      if (leg) {
        leg.callControlId ??= input.callControlId;
        leg.callLegId ??= input.callLegId;
      }
      break;
    }
    case 'command_failed':
      if (input.action === 'dial' && input.leg === 'staff') {
        markEnded(s.staff, now);
        trace(s, 'failed', now);
        decide(s, 'failed');
      } else if (input.action === 'dial') {
        if (s.citizen) markEnded(s.citizen, now);
        trace(s, 'failed', now);
        decide(s, 'failed');
        sayAndEnd(o, s, 'speak:staff:error', OUTBOUND_TEXTS.error);
      } else if (input.action === 'bridge' || input.action === 'gather' || input.action === 'answer') {
        trace(s, 'failed', now);
        decide(s, 'failed');
        s.phase = 'ending';
        o.hangup('staff', 'hangup:staff:fail');
        o.hangup('citizen', 'hangup:citizen:fail');
      } else if (input.action === 'speak' && input.leg === 'staff') {
        if (s.phase === 'announcing') dialCitizen(o, s, now);
        else if (s.phase === 'ending') o.hangup('staff', 'hangup:staff:fail');
      } else if (input.action === 'speak' && input.leg === 'citizen' && s.phase === 'noticing') bridge(o, s);
      break;
    case 'effect':
      if (input.key === 'dial_in_caller') {
        s.identified = input.ok ? ((input.value as DialInCaller | null) ?? null) : null;
        afterIdentified(o, s, now);
      } else if (input.key.startsWith('record:')) {
        if (input.ok && !s.recorded) s.recorded = true;
        else if (!input.ok) retryRecord(o, s.recordAttempts, now);
      } else if (input.key.startsWith('copy:')) onCopied(o, s.copy, input.ok, now);
      break;
    case 'timer':
      if (o.goneTimer(input.name)) break;
      if (input.name === 'ring') {
        if (s.phase === 'staff_ringing') {
          o.hangup('staff', 'hangup:staff:timeout');
          markEnded(s.staff, now);
          trace(s, 'staff_missed', now, { cause: 'timeout' });
          decide(s, 'staff_missed');
        } else if (s.phase === 'citizen_ringing' && s.citizen && s.citizen.answeredAt === null) {
          o.hangup('citizen', 'hangup:citizen:timeout');
          markEnded(s.citizen, now);
          trace(s, 'citizen_no_answer', now, { cause: 'timeout' });
          decide(s, 'no_answer');
          sayAndEnd(o, s, 'speak:staff:no_answer', OUTBOUND_TEXTS.citizenNoAnswer);
        }
      } else if (input.name === 'silence' && !s.finished) {
        o.hangup('staff', 'hangup:staff:cleanup');
        o.hangup('citizen', 'hangup:citizen:cleanup');
        markEnded(s.staff, now);
        if (s.citizen) markEnded(s.citizen, now);
        decide(s, s.connectedAt !== null ? 'connected' : 'failed');
      } else if (input.name === 'record') writeRecord(o, s);
      else if (input.name === 'copy') copyRecording(o, s);
      else if (input.name === 'linger') {
        const awaitingRecording = s.recordingStarted && !s.recordingFile && s.lingers < RECORDING_LINGERS;
        const recordSettled = s.recorded || s.recordAttempts >= RECORD_ATTEMPTS;
        if (recordSettled && !awaitingRecording && (!s.recordingFile || s.copy.done || !s.recorded)) retire = true;
        else {
          s.lingers++;
          o.timer('linger', now + LINGER_MS);
        }
      }
      break;
    default:
      break;
  }
  if (s.recordingFile && s.recorded && s.copy.attempts === 0) copyRecording(o, s);
  const citizenDone = !s.citizen || s.citizen.status === 'ended' || s.citizen.callControlId === null;
  if (!s.finished && s.staff.status === 'ended' && citizenDone) {
    s.finished = true;
    s.phase = 'done';
    const ends = [s.staff.endedAt, s.citizen?.endedAt].filter((t): t is number => typeof t === 'number');
    s.endedAt = ends.length ? Math.max(...ends) : now;
    if (s.outcome === null) s.outcome = s.connectedAt !== null ? 'connected' : 'failed';
    o.timer('ring', null);
    o.timer('silence', null);
    o.timer('linger', now + LINGER_MS);
    writeRecord(o, s);
  } else if (!s.finished && input.kind !== 'timer') {
    o.timer('silence', now + (s.phase === 'connected' ? CONNECTED_SILENCE_MS : SILENCE_MS));
  }
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, ...(retire ? { retire } : {}) };
}

export { RING_SECS, GRACE_MS, SILENCE_MS };
