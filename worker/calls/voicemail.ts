// The voicemail flow (S20): a caller handed over by the safe-number flow (after hours, or when the
// mobile did not answer) hears a prompt and a beep, speaks for up to two minutes, and ends with `#`
// or by hanging up. The message is copied into R2 and kept when it holds at least two seconds of
// sound (the carrier trims silence), then stored with the call record (outcome `voicemail`, the
// decision's trace) and the owner is told (popup, push). A pure reducer on the CallSession host.
import { klona } from 'klona/json';
import type { Decision } from '../routing/decision';
import { hangupFields, RECORD_ATTEMPTS, requestCopy, retryRecord, type FirstHangup } from './ending';
import type { Flow, FlowStart, FlowStep } from './flow';
import { identify, isLeg, live, markEnded, StepOut, type Leg } from './legs';
import { COPY_ATTEMPTS, copyRetryMs, isNotified, type CopyResult, type RecordingFacts } from './media-effects';
import type { CallEvent, CallRecordInput, FlowInput } from './vocabulary';
import { defined } from '../defined';

export const VOICEMAIL_FLOW = 'voicemail';
/** The longest message (S20: "up to a limit"). */
export const VOICEMAIL_MAX_SECS = 120;
/** Shorter messages (or silence only) are not kept. */
export const VOICEMAIL_MIN_MS = 2_000;
/** The carrier stops recording after this much silence following speech. */
const SILENCE_STOP_SECS = 10;
export const VOICEMAIL_PROMPT = '삐 소리가 나면 메시지를 남겨 주십시오. 녹음을 마치시려면 우물 정자를 눌러 주십시오.';
const SILENCE_MS = 10 * 60_000;
/** Our own deadline beyond the carrier's max_length, in case its stop never comes. */
const RECORD_GRACE_MS = 15_000;
/** After the caller is gone, wait this long for call.recording.saved (it often comes later). */
const SAVED_WAIT_MS = 60_000;
const LINGER_MS = 60_000;

export type VoicemailParams = {
  /** Why the caller is here: the decision refused (after hours) or nobody answered. */
  reason: 'after_hours' | 'no_answer';
  decision: Decision;
  /** The caller's leg, answered. */
  caller: Leg;
  from: string | null;
  to: string | null;
  startedAt: number;
  /** What the call record says if no message is kept (after_hours, lunch, missed). */
  fallbackOutcome: string;
  /** Said before the prompt (the after-hours announcement); null = the prompt alone. */
  intro: string | null;
  firstHangup: FirstHangup | null;
  /** A queue call that overflowed to voicemail (issue 11): recorded as the queue's call, with its wait. */
  queue?: { queueId: string; waitMs: number | null };
};

type Phase = 'prompting' | 'recording' | 'ending' | 'done';

export type VoicemailState = {
  sessionId: string;
  phase: Phase;
  params: VoicemailParams;
  caller: Leg;
  recordingStarted: boolean;
  saved: { url: string; channels: 'single' | 'dual' | null; startedAt: number | null; endedAt: number | null } | null;
  copy: { attempts: number; result: CopyResult | null; gaveUp: boolean };
  message: RecordingFacts | null;
  /** The caller is gone and the recording is in (or will never come): the record can be written. */
  finished: boolean;
  endedAt: number | null;
  outcome: string | null;
  recorded: boolean;
  recordAttempts: number;
  notified: boolean;
};

const out = (s: VoicemailState) => new StepOut((role) => (role === 'caller' ? s.caller : null));

function start(st: FlowStart<VoicemailParams>, now: number): FlowStep<VoicemailState> {
  if (st.kind !== 'handoff') throw new Error('voicemail starts only from a handoff');
  const p = st.params;
  const s: VoicemailState = {
    sessionId: st.sessionId,
    phase: 'prompting',
    params: p,
    caller: klona(p.caller),
    recordingStarted: false,
    saved: null,
    copy: { attempts: 0, result: null, gaveUp: false },
    message: null,
    finished: false,
    endedAt: null,
    outcome: null,
    recorded: false,
    recordAttempts: 0,
    notified: false,
  };
  const o = out(s);
  // The leg's speak counts carry over: a waiting announcement still playing when the mobile rang
  // out must end too before the beep (speaks queue at the carrier).
  o.timer('silence', now + SILENCE_MS);
  if (p.intro) o.speak('caller', 'vm:speak:intro', p.intro);
  if (!o.speak('caller', 'vm:speak:prompt', VOICEMAIL_PROMPT)) end(o, s, now, now);
  proceed(o, s, now);
  return finishStep(s, o, now);
}

function startRecording(o: StepOut, s: VoicemailState, now: number) {
  if (s.phase !== 'prompting' || !live(s.caller) || !s.caller.callControlId) return;
  s.phase = 'recording';
  s.recordingStarted = true;
  o.command({
    key: 'vm:record',
    leg: 'caller',
    action: 'record_start',
    callControlId: s.caller.callControlId,
    channels: 'single',
    playBeep: true,
    maxLengthSecs: VOICEMAIL_MAX_SECS,
    trimSilence: true,
    silenceTimeoutSecs: SILENCE_STOP_SECS,
  });
  o.timer('max', now + VOICEMAIL_MAX_SECS * 1000 + RECORD_GRACE_MS);
}

/** Stop recording (if it runs) and hang up the caller. */
function stop(o: StepOut, s: VoicemailState) {
  if (!live(s.caller) || !s.caller.callControlId) return;
  if (s.recordingStarted && !s.saved && s.phase === 'recording') {
    o.command({ key: 'vm:record_stop', leg: 'caller', action: 'record_stop', callControlId: s.caller.callControlId });
  }
  s.phase = 'ending';
  o.hangup('caller', 'vm:hangup');
}

/**
 * The caller is gone (or never could speak), at `endedAt` by the carrier's clock: wait for the
 * recording if one was started, counted from `now` (when we learnt it): a hangup delivered late, or
 * stamped by a carrier clock behind ours, must not cut the wait for call.recording.saved short.
 */
function end(o: StepOut, s: VoicemailState, endedAt: number, now: number) {
  if (s.phase === 'prompting' || s.phase === 'recording') s.phase = 'ending';
  markEnded(s.caller, endedAt);
  o.timer('max', null);
  if (s.recordingStarted && !s.saved) o.timer('saved', now + SAVED_WAIT_MS);
}

function onEvent(o: StepOut, s: VoicemailState, e: CallEvent, now: number) {
  // Only the caller's leg is ours; the mobile's late events (its hangup) belong to the call before.
  if (!(e.role === 'caller' || isLeg(s.caller, e))) return;
  identify(s.caller, e);
  switch (e.type) {
    case 'speak_ended':
      if (++s.caller.speaksEnded >= s.caller.speaks && s.phase === 'prompting') startRecording(o, s, now);
      return;
    case 'dtmf':
      if (e.digit === '#' && s.phase === 'recording') stop(o, s);
      return;
    case 'recording_saved':
      if (s.saved || !e.recording) return;
      s.saved = { url: e.recording.url, channels: e.recording.channels, startedAt: e.recording.startedAt, endedAt: e.recording.endedAt };
      o.timer('saved', null);
      o.timer('max', null);
      // The carrier stopped at max_length or after the silence: the call ends there.
      if (s.phase === 'recording') stop(o, s);
      return;
    case 'hangup':
      if (s.caller.status === 'ended') return;
      end(o, s, e.at, now);
      return;
    default:
      return;
  }
}

function writeRecord(o: StepOut, s: VoicemailState) {
  const p = s.params;
  const d = p.decision;
  s.recordAttempts++;
  const record: CallRecordInput = {
    callSessionId: s.sessionId,
    direction: 'inbound',
    kind: p.queue ? 'queue' : 'safe_number',
    ...(p.queue ? { queueId: p.queue.queueId } : {}),
    numberId: d.numberId,
    fromNumber: p.from ?? '',
    toNumber: p.to ?? d.dialled,
    ownerUserId: d.ownerUserId,
    startedAt: p.startedAt,
    answeredAt: null,
    endedAt: s.endedAt ?? p.startedAt,
    outcome: s.outcome ?? p.fallbackOutcome,
    ...hangupFields(p.firstHangup),
    waitMs: p.queue?.waitMs ?? null,
    durationMs: null,
    // B1: the decision's trace, and what became of the message.
    trace: [...d.trace, { rule: 'voicemail', matched: s.message !== null, detail: { reason: p.reason, kept: s.message !== null } }],
    ...(s.message ? { recording: s.message } : {}),
  };
  o.effect({ key: `vm:record:${s.recordAttempts}`, kind: 'write_call', orgId: d.orgId, record });
}

function copy(o: StepOut, s: VoicemailState) {
  const saved = defined(s.saved, 'saved');
  const d = s.params.decision;
  s.copy.attempts++;
  const call = { orgId: d.orgId, callSessionId: s.sessionId, callStartedAt: s.params.startedAt, ownerUserId: d.ownerUserId };
  // Not attached: the stored file comes back to be kept with the record (when it holds enough sound).
  requestCopy(o, `vm:copy:${s.copy.attempts}`, call, saved, { recordingKind: 'voicemail', minAudioMs: VOICEMAIL_MIN_MS, attach: false });
}

/** The owner's popup closes; with `notify`, the missed call or message is pushed in the same message to their Agent. */
function closePopup(o: StepOut, s: VoicemailState, notify: boolean) {
  const d = s.params.decision;
  if (!d.ownerUserId) return;
  const outcome = s.outcome ?? s.params.fallbackOutcome;
  o.effect({
    key: 'vm:popup:ended',
    kind: 'popup',
    orgId: d.orgId,
    userId: d.ownerUserId,
    call: { sessionId: s.sessionId, state: 'ended', caller: s.params.from ?? '', numberId: d.numberId, startedAt: s.params.startedAt, outcome: s.outcome },
    ...(notify
      ? {
          missed: { callSessionId: s.sessionId, caller: s.params.from ?? '', outcome, at: s.params.startedAt, ...(d.timezone ? { timezone: d.timezone } : {}) },
        }
      : {}),
  });
  if (notify) s.notified = true;
}

/** Once the caller is gone: copy the message (if any), then the record, then tell the owner. */
function proceed(o: StepOut, s: VoicemailState, now: number) {
  if (s.caller.status !== 'ended') return;
  const waitingForRecording = s.recordingStarted && !s.saved && s.phase !== 'done';
  if (!s.finished) {
    if (waitingForRecording) return;
    const saved = s.saved;
    const tooShort = saved && saved.startedAt !== null && saved.endedAt !== null && saved.endedAt - saved.startedAt < VOICEMAIL_MIN_MS;
    if (saved && !tooShort && s.copy.result === null && !s.copy.gaveUp) {
      if (s.copy.attempts === 0) copy(o, s);
      return;
    }
    s.finished = true;
    s.phase = 'done';
    s.endedAt = s.caller.endedAt ?? now;
    s.outcome = s.message ? 'voicemail' : s.params.fallbackOutcome;
    o.timer('silence', null);
    o.timer('linger', now + LINGER_MS);
    // A call the owner is told of closes its popup with the notice, once the record is written (one message).
    if (!isNotified(s.outcome)) closePopup(o, s, false);
    writeRecord(o, s);
  }
}

function reduce(prev: VoicemailState, input: FlowInput, now: number): FlowStep<VoicemailState> {
  const s = klona(prev);
  const o = out(s);
  let retire = false;
  switch (input.kind) {
    case 'event':
      onEvent(o, s, input.event, now);
      break;
    case 'command_failed':
      if (input.action === 'hangup') o.timer('silence', now + 30_000);
      else if (input.action === 'record_start' || input.action === 'speak') {
        // Nothing to record into: end the call without a message.
        s.recordingStarted = false;
        stop(o, s);
      }
      break;
    case 'timer':
      if (input.name === 'max' && s.phase === 'recording') stop(o, s);
      else if (input.name === 'saved') {
        // The carrier never said it saved anything: no message.
        s.recordingStarted = false;
      } else if (input.name === 'silence' && !s.finished) {
        o.hangup('caller', 'vm:hangup:cleanup');
        s.recordingStarted = s.recordingStarted && s.saved !== null;
        end(o, s, now, now);
      } else if (input.name === 'copy') copy(o, s);
      else if (input.name === 'record') writeRecord(o, s);
      else if (input.name === 'linger') {
        if (s.recorded || s.recordAttempts >= RECORD_ATTEMPTS) retire = true;
        else o.timer('linger', now + LINGER_MS);
      }
      break;
    case 'effect':
      if (input.key.startsWith('vm:copy:')) {
        if (input.ok) {
          const result = input.value as CopyResult;
          s.copy.result = result;
          if (result.status === 'stored') s.message = result.recording;
        } else if (s.copy.attempts < COPY_ATTEMPTS) o.timer('copy', now + copyRetryMs(s.copy.attempts));
        else s.copy.gaveUp = true;
      } else if (input.key.startsWith('vm:record:')) {
        if (input.ok && !s.recorded) {
          s.recorded = true;
          if (isNotified(s.outcome)) closePopup(o, s, true);
        }
        // Tried again a few times; given up, the popup still closes, without a push (it counts recorded calls).
        else if (!input.ok && !retryRecord(o, s.recordAttempts, now) && !s.recorded && isNotified(s.outcome)) closePopup(o, s, false);
      }
      break;
    default:
      break;
  }
  proceed(o, s, now);
  return finishStep(s, o, now, retire);
}

function finishStep(s: VoicemailState, o: StepOut, now: number, retire = false): FlowStep<VoicemailState> {
  if (!s.finished && s.caller.status !== 'ended' && !o.timers.some((t) => t.name === 'silence')) o.timer('silence', now + SILENCE_MS);
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, ...(retire ? { retire } : {}) };
}

export const voicemailFlow: Flow<VoicemailState, VoicemailParams> = {
  name: VOICEMAIL_FLOW,
  version: 1,
  start,
  reduce,
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.outcome, phase: s.phase }),
};
