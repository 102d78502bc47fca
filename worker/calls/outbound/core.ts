// The masked outbound call (S11), shared by its two flows: the staff member's leg (rung by
// click-to-call, or their own call to the access number), the keypad of the dial-in, the citizen's
// leg dialled showing the outbound caller ID, the bridge (no park_after_unbridge: when one side
// hangs up the carrier hangs up the other), recording per org policy, and the call record with its
// trace (kind 'masked_outbound', owned by the staff member). Pure.
//
// This file is the reducer both flows share and the legs' events; state.ts, keypad.ts and citizen.ts
// hold the rest.
import { klona } from 'klona/json';
import { copyCallRecording, hangupFields, noteFirstHangup, onCopied, RECORD_ATTEMPTS, retryRecord } from '../ending';
import type { FlowStep } from '../flow';
import { identify, isLeg, live, markAnswered, markEnded, newLeg, type StepOut } from '../legs';
import type { CallEvent, FlowInput } from '../vocabulary';
import { announce, bridge, bridged, dialCitizen, onBridged } from './citizen';
import type { DialInCaller } from './effects';
import { afterIdentified, onGatherEnded } from './keypad';
import { CONNECTED_SILENCE_MS, decide, GRACE_MS, LINGER_MS, out, RECORDING_LINGERS, RING_SECS, sayAndEnd, SILENCE_MS, trace, type MaskedState } from './state';
import { OUTBOUND_TEXTS } from './texts';

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
      if (!o.left('staff', leg, e.at)) return;
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
      if (!o.left('citizen', leg, e.at)) return;
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
  const s = klona(prev);
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
      if (leg) identify(leg, input);
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
