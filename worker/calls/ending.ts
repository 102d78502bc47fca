// How every call flow ends (issue 18): the D1 call record written once, tried again a few times when
// D1 fails; the record's hangup fields from the first leg that hung up; and the carrier's saved
// recording copied into R2 once that record exists. Pure helpers over the flows' own state.
import type { StepOut } from './legs';
import { COPY_ATTEMPTS, copyRetryMs } from './media-effects';
import type { CallEvent, CallRecordInput, HangupCause } from './vocabulary';

/** A failed record write is tried again after this long, this many times in all. */
export const RECORD_RETRY_MS = 30_000;
export const RECORD_ATTEMPTS = 5;

/** The first leg that hung up (the earliest carrier instant), as the record tells it. */
export type FirstHangup<L extends string = string> = { leg: L; at: number; cause: HangupCause | null; source: string | null };

/** Keeps the earliest hangup: events may arrive out of order. */
export function noteFirstHangup<L extends string>(
  s: { firstHangup: FirstHangup<L> | null },
  leg: L,
  e: Pick<CallEvent, 'at' | 'hangupCause' | 'hangupSource'>,
) {
  if (!s.firstHangup || e.at < s.firstHangup.at) s.firstHangup = { leg, at: e.at, cause: e.hangupCause, source: e.hangupSource };
}

/** The record's `hangupCause` and `hangupSource` (`<leg>:<caller|callee|unknown>`). */
export function hangupFields(first: FirstHangup | null): Pick<CallRecordInput, 'hangupCause' | 'hangupSource'> {
  return { hangupCause: first?.cause ?? null, hangupSource: first ? `${first.leg}:${first.source ?? 'unknown'}` : null };
}

/** The record write failed: arms the `record` timer for another try; false when the tries are spent. */
export function retryRecord(o: StepOut, attempts: number, now: number): boolean {
  if (attempts >= RECORD_ATTEMPTS) return false;
  o.timer('record', now + RECORD_RETRY_MS);
  return true;
}

/** A recording the carrier saved (call.recording.saved). */
export type SavedRecording = NonNullable<CallEvent['recording']>;
/** A copy's progress in a flow's state. */
export type CopyProgress = { attempts: number; done: boolean };
/** The call a recording belongs to. */
export type RecordedCall = { orgId: string; callSessionId: string; callStartedAt: number; ownerUserId: string | null };

/** How the copied file is kept: a call's recording is attached to its record; voicemail comes back to the flow. */
export type CopyAs = { recordingKind: 'call' | 'voicemail'; minAudioMs: number | null; attach: boolean };
const CALL_RECORDING: CopyAs = { recordingKind: 'call', minAudioMs: null, attach: true };

/** Asks the host to copy a saved recording into R2, under `key`. */
export function requestCopy(o: StepOut, key: string, call: RecordedCall, file: SavedRecording, as: CopyAs = CALL_RECORDING) {
  o.effect({
    key,
    kind: 'copy_recording',
    orgId: call.orgId,
    callSessionId: call.callSessionId,
    callStartedAt: call.callStartedAt,
    ownerUserId: call.ownerUserId,
    recordingKind: as.recordingKind,
    url: file.url,
    channels: file.channels,
    startedAt: file.startedAt,
    endedAt: file.endedAt,
    minAudioMs: as.minAudioMs,
    attach: as.attach,
  });
}

/** A call's recording, copied after its record is written (the recordings row refers to it): one more try. */
export function copyCallRecording(o: StepOut, copy: CopyProgress, call: RecordedCall, file: SavedRecording) {
  copy.attempts++;
  requestCopy(o, `copy:${copy.attempts}`, call, file);
}

/** The copy's answer: done (stored or refused), or tried again later a few times (the `copy` timer). */
export function onCopied(o: StepOut, copy: CopyProgress, ok: boolean, now: number) {
  if (ok || copy.attempts >= COPY_ATTEMPTS) copy.done = true;
  else o.timer('copy', now + copyRetryMs(copy.attempts));
}
