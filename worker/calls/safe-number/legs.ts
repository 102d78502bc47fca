// The safe-number flow's reactions to its two legs: the caller (the citizen) and the callee (the
// staff member's mobile). answer → waiting announcement → dial the mobile → whisper → bridge →
// when one side ends the carrier hangs up the other (bridged without park_after_unbridge), the flow
// only if that never comes; no answer → unavailable announcement. Pure.
import { noteFirstHangup } from '../ending';
import { advance, identify, live, markAnswered, markEnded, newLeg, reached, type Leg, type StepOut } from '../legs';
import type { CallEvent } from '../vocabulary';
import { popup, toVoicemail, voicemailAfterHours } from './media';
import { RING_GRACE_MS, textsOf, type FlowState } from './state';

export function bridge(out: StepOut, s: FlowState) {
  const { caller, callee } = s;
  if (!live(caller) || !live(callee) || !caller.callControlId || !callee.callControlId) return;
  s.phase = 'bridging';
  out.command({ key: 'bridge', leg: 'caller', action: 'bridge', callControlId: caller.callControlId, otherCallControlId: callee.callControlId });
}

export function unavailable(out: StepOut, s: FlowState) {
  s.phase = 'unavailable';
  s.outcome = 'missed';
  out.timer('ring', null);
  out.hangup('callee');
  popup(out, s, 'missed');
  // S20: nobody answered (or busy): the caller may leave a message instead.
  if (s.decision?.voicemail.noAnswer && toVoicemail(s, 'no_answer', null, 'missed')) return;
  if (!out.speak('caller', 'speak:caller:unavailable', textsOf(s)?.unavailable ?? '')) out.hangup('caller');
}

function onBridged(out: StepOut, s: FlowState, leg: Leg, at: number) {
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  s.connectedAt = s.connectedAt === null ? at : Math.min(s.connectedAt, at);
  if (s.phase === 'bridging' || s.phase === 'whisper') s.phase = 'connected';
  const recording = s.decision?.action === 'connect' && s.decision.recording;
  if (recording && !s.recordingStarted && live(s.caller) && s.caller.callControlId) {
    s.recordingStarted = true;
    out.command({ key: 'record:caller', leg: 'caller', action: 'record_start', callControlId: s.caller.callControlId });
  }
}

export function onCaller(out: StepOut, s: FlowState, e: CallEvent, now: number) {
  const leg = identify((s.caller ??= newLeg(e.callControlId, e.callLegId)), e);
  switch (e.type) {
    case 'answered': {
      if (!markAnswered(leg, e)) return;
      const decision = s.decision;
      if (s.phase === 'announcing' && decision?.action === 'announce') {
        // S20: outside hours, the announcement leads into voicemail when the owner switched it on.
        if (voicemailAfterHours(decision) && toVoicemail(s, 'after_hours', decision.announcement, decision.outcome)) return;
        if (!out.speak('caller', 'speak:caller:announce', decision.announcement)) out.hangup('caller');
      } else if (s.phase === 'answering' && decision?.action === 'connect') {
        // S21: when the org records, the caller hears so before anything else.
        if (decision.texts.recordingNotice) out.speak('caller', 'speak:caller:notice', decision.texts.recordingNotice);
        out.speak('caller', 'speak:caller:waiting', decision.texts.waiting);
        s.callee = newLeg(null, null);
        s.phase = 'ringing';
        out.command({
          key: 'dial:callee',
          leg: 'callee',
          action: 'dial',
          to: decision.mobile,
          from: decision.forwardCallerId,
          timeoutSecs: decision.ringTimeoutSeconds,
          linkTo: leg.callControlId ?? '',
        });
        out.timer('ring', now + decision.ringTimeoutSeconds * 1000 + RING_GRACE_MS);
        popup(out, s, 'ringing');
      }
      return;
    }
    case 'speak_ended':
      leg.speaksEnded++;
      if ((s.phase === 'announcing' || s.phase === 'unavailable' || s.phase === 'failing') && leg.speaksEnded >= leg.speaks) {
        s.phase = 'ending';
        out.hangup('caller');
      }
      return;
    case 'bridged':
      onBridged(out, s, leg, e.at);
      return;
    case 'hangup':
      if (!out.left('caller', leg, e.at)) return;
      noteFirstHangup(s, 'caller', e);
      out.timer('ring', null);
      if (s.connectedAt !== null) s.outcome = 'connected';
      else if (['screening', 'answering', 'ringing', 'whisper', 'bridging', 'new'].includes(s.phase)) s.outcome = 'abandoned';
      out.hangupPeer('callee', bridgedPair(s), now);
      s.phase = 'ending';
      return;
    case 'recording_saved':
      s.recordingUrl = e.recording?.url ?? s.recordingUrl;
      if (e.recording && !s.recording) s.recording = { ...e.recording };
      return;
    default:
      return;
  }
}

/** The two legs were bridged (either one's call.bridged came): the carrier ends the bridge's other side itself. */
const bridgedPair = (s: FlowState) => s.connectedAt !== null;

export function onCallee(out: StepOut, s: FlowState, e: CallEvent, now: number) {
  const leg = identify((s.callee ??= newLeg(e.callControlId, e.callLegId)), e);
  switch (e.type) {
    case 'answered': {
      if (!markAnswered(leg, e)) return;
      if (s.phase !== 'ringing' || !live(s.caller)) {
        out.hangup('callee');
        return;
      }
      out.timer('ring', null);
      s.phase = 'whisper';
      popup(out, s, 'answered');
      if (!out.speak('callee', 'speak:callee:connect', textsOf(s)?.connect ?? '')) bridge(out, s);
      return;
    }
    case 'speak_ended':
      leg.speaksEnded++;
      if (s.phase === 'whisper' && leg.speaksEnded >= leg.speaks) bridge(out, s);
      return;
    case 'bridged':
      onBridged(out, s, leg, e.at);
      return;
    case 'hangup': {
      const wasAnswered = leg.answeredAt !== null;
      if (!out.left('callee', leg, e.at)) return;
      noteFirstHangup(s, 'callee', e);
      if (!live(s.caller)) return;
      if (s.phase === 'ringing' && !wasAnswered) {
        unavailable(out, s);
      } else if (s.phase === 'whisper' || s.phase === 'bridging' || s.phase === 'connected') {
        s.outcome = s.connectedAt !== null ? 'connected' : 'missed';
        s.phase = 'ending';
        out.hangupPeer('caller', bridgedPair(s), now);
      }
      return;
    }
    default:
      return;
  }
}

/** The caller can still hear an announcement: answered, alive. */
export const callerCanHear = (s: FlowState) => live(s.caller) && reached(s.caller, 'answered');
