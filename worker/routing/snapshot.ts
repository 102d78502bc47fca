// The routing snapshot: everything the inbound path needs about one dialled number, precompiled
// into one JSON row (worker/db/routing-snapshots.ts builds and reads it). Versioned and validated.
import * as v from 'valibot';

export const SNAPSHOT_VERSION = 1;

/** Announcement texts the call flows speak; always filled (Korean defaults when none chosen). */
export const SnapshotAnnouncementsSchema = v.object({
  waiting: v.string(),
  connect: v.string(),
  unavailable: v.string(),
  suspended: v.string(),
  error: v.string(),
});

export const NumberSnapshotSchema = v.object({
  version: v.literal(SNAPSHOT_VERSION),
  numberId: v.string(),
  orgId: v.string(),
  e164: v.string(),
  kind: v.picklist(['safe_number', 'service', 'access']),
  paused: v.boolean(),
  owner: v.nullable(
    v.object({
      userId: v.string(),
      /** The mobile the safe number forwards to; null = not set, the call cannot connect. */
      mobile: v.nullable(v.string()),
      disabled: v.boolean(),
    }),
  ),
  /** Caller ID presented on the owner's mobile: the safe number itself (a Telnyx number). */
  forwardCallerId: v.string(),
  ringTimeoutSeconds: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(600)),
  timezone: v.string(),
  recordingEnabled: v.boolean(),
  announcements: SnapshotAnnouncementsSchema,
});
export type NumberSnapshot = v.InferOutput<typeof NumberSnapshotSchema>;
export type SnapshotAnnouncements = v.InferOutput<typeof SnapshotAnnouncementsSchema>;

/** Used when an org has chosen no announcement for a situation. */
export const DEFAULT_ANNOUNCEMENTS: SnapshotAnnouncements = {
  waiting: '안심번호로 연결 중입니다. 잠시만 기다려 주십시오.',
  connect: '안심번호로 걸려온 전화입니다.',
  unavailable: '지금은 통화할 수 없습니다. 잠시 후 다시 걸어 주십시오.',
  suspended: '지금은 이 번호로 연결할 수 없습니다.',
  error: '죄송합니다. 일시적인 오류로 연결할 수 없습니다. 잠시 후 다시 걸어 주십시오.',
};
