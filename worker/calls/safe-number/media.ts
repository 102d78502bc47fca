// The safe-number flow's part in issue 10: the live popup at each turn of the call (S14), the
// missed-call push after the record is written, the recording's copy into R2 once the record
// exists (P5), and the handoff of the caller to voicemail (S20). Pure helpers over the flow's state.
import type { Decision } from '../../routing/decision';
import { live, reached, type StepOut } from '../legs';
import { copyCallRecording } from '../ending';
import { isNotified, type LiveState, type MissedNotice } from '../media-effects';
import { VOICEMAIL_FLOW, type VoicemailParams } from '../voicemail';
import type { FlowState } from './state';

/** Tells the owner's open web app where the call stands (one effect per state, by key). */
export function popup(o: StepOut, s: FlowState, state: LiveState, missed?: MissedNotice) {
  const d = s.decision;
  if (!d?.ownerUserId || s.startedAt === null) return;
  o.effect({
    key: `popup:${state}`,
    kind: 'popup',
    orgId: d.orgId,
    userId: d.ownerUserId,
    call: { sessionId: s.sessionId, state, caller: s.from ?? '', numberId: d.numberId, startedAt: s.startedAt, outcome: state === 'ended' ? s.outcome : null },
    ...(missed ? { missed } : {}),
  });
}

/** Whether the owner is told of this call as missed: then its popup closes with the notice, after the record. */
export const endsWithNotice = (s: FlowState): boolean => !!s.decision?.ownerUserId && s.startedAt !== null && isNotified(s.outcome);

/**
 * After the record is in D1 (or its writing was given up): the popup closes and, with a record, the
 * missed call is pushed (S3, S14) in the same message to the owner's Agent.
 */
export function closeWithNotice(o: StepOut, s: FlowState, recorded: boolean) {
  if (!endsWithNotice(s) || s.startedAt === null) return;
  const tz = s.decision?.timezone;
  const notice: MissedNotice = {
    callSessionId: s.sessionId,
    caller: s.from ?? '',
    outcome: s.outcome ?? 'missed',
    at: s.startedAt,
    ...(tz ? { timezone: tz } : {}),
  };
  popup(o, s, 'ended', recorded ? notice : undefined);
}

/** Copies the saved recording once the call's record exists (the recordings row refers to it). */
export function copyRecording(o: StepOut, s: FlowState) {
  const d = s.decision;
  if (!d || !s.recording || !s.recorded || s.copy.done || s.startedAt === null) return;
  copyCallRecording(o, s.copy, { orgId: d.orgId, callSessionId: s.sessionId, callStartedAt: s.startedAt, ownerUserId: d.ownerUserId }, s.recording);
}

/** Whether this refusal lets the caller leave a message (S20: outside hours, when switched on). */
export function voicemailAfterHours(d: Decision | null): boolean {
  return !!d && d.action === 'announce' && (d.outcome === 'after_hours' || d.outcome === 'lunch') && d.voicemail.afterHours;
}

/** Prepares the handoff of the caller (answered, alive) to the voicemail flow; false when not possible. */
export function toVoicemail(s: FlowState, reason: VoicemailParams['reason'], intro: string | null, fallbackOutcome: string): boolean {
  const d = s.decision;
  if (!d || !live(s.caller) || !reached(s.caller, 'answered') || s.startedAt === null) return false;
  s.voicemail = { reason, decision: d, caller: s.caller, from: s.from, to: s.to, startedAt: s.startedAt, fallbackOutcome, intro, firstHangup: s.firstHangup };
  s.outcome = fallbackOutcome;
  s.phase = 'voicemail';
  return true;
}

export { VOICEMAIL_FLOW };
