// The effects of issue 10 (recordings in R2, voicemail, the live popup, missed-call push): their
// shapes as flows request them, and the pure rules flows follow to request them. The host carries
// them out in durable-objects/media-effects.ts. Plain data; no I/O.
import type { CallOutcome } from '../routing/decision';

/** A recording copied into R2, as stored beside its call (recordings table). */
export type RecordingFacts = {
  r2Key: string;
  kind: 'call' | 'voicemail';
  contentType: string;
  sizeBytes: number;
  /** What was recorded (carrier timestamps); for voicemail, the audio measured in the file. */
  durationMs: number | null;
  channels: 'single' | 'dual' | null;
  startedAt: number | null;
  /** The org's retention period from the copy (orgs.recording_retention_days). */
  deleteAfter: number;
  ownerUserId: string | null;
};

/** What a copy came to. `refused` and `discarded` are final; a transient failure is an effect that failed (retried). */
export type CopyResult =
  | { status: 'stored'; recording: RecordingFacts; recordingId: string | null }
  | { status: 'refused'; reason: 'host' | 'scheme' | 'url' | 'too_large' }
  | { status: 'discarded'; reason: 'short' | 'silent' };

/** Where a live call stands, for the owner's open web app (S14). */
export type LiveState = 'ringing' | 'answered' | 'missed' | 'ended';

export type LiveCall = {
  sessionId: string;
  state: LiveState;
  /** E.164 when it parsed; whatever the carrier sent otherwise (or '' for anonymous). */
  caller: string;
  numberId: string | null;
  /** When the call started (epoch ms). */
  startedAt: number;
  /** Only with `ended`: the call record's outcome. */
  outcome: string | null;
};

export type MediaEffect =
  /**
   * Copy the carrier's recording into the RECORDINGS bucket (allowed hosts only, size and time capped).
   * `attach`: insert its row for the call record that exists already; otherwise the facts come back
   * for the flow to store with its record (voicemail). `minAudioMs`: discard shorter or silent audio.
   */
  | {
      key: string;
      kind: 'copy_recording';
      orgId: string;
      callSessionId: string;
      callStartedAt: number;
      ownerUserId: string | null;
      recordingKind: 'call' | 'voicemail';
      url: string;
      channels: 'single' | 'dual' | null;
      startedAt: number | null;
      endedAt: number | null;
      minAudioMs: number | null;
      attach: boolean;
    }
  /**
   * Tell the owner's Agent object (and so their open web app) where a call stands. An ended call the
   * owner is told about as missed carries the notice too (sent once the record is written): one
   * message to the Agent for both.
   */
  | { key: string; kind: 'popup'; orgId: string; userId: string; call: LiveCall; missed?: MissedNotice }
  /** A missed call (or a voicemail) for the owner: Web Push to their devices, after the record is written. */
  | { key: string; kind: 'notify_missed'; orgId: string; userId: string; callSessionId: string; caller: string; outcome: string; at: number };

/**
 * What the missed-call push needs (S3, S14). `timezone` (the routing snapshot's): the day whose
 * missed calls the push counts; absent, the Agent reads the org's.
 */
export type MissedNotice = { callSessionId: string; caller: string; outcome: string; at: number; timezone?: string };

/**
 * Outcomes the owner is told about as a missed call (S3, S14): nobody answered, the caller gave up
 * while it rang, or the call came outside hours, at lunch or in a block window; and voicemail (S20).
 * Spam, pause and the abuse shield are the owner's own choices to be left alone.
 */
export const NOTIFIED_OUTCOMES: readonly CallOutcome[] = ['missed', 'abandoned', 'after_hours', 'lunch', 'blocked', 'voicemail'];

export const isNotified = (outcome: string | null): boolean => outcome !== null && (NOTIFIED_OUTCOMES as readonly string[]).includes(outcome);

/** Copies that fail for a passing reason (network, 5xx, a slow host) are tried this often, this many times. */
export const COPY_ATTEMPTS = 4;
export const copyRetryMs = (attempt: number) => 15_000 * 2 ** Math.max(0, attempt - 1);
