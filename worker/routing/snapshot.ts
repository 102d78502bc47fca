// The routing snapshot: everything the engine needs about one dialled number except the caller's
// list entries, precompiled into one JSON row (worker/db/routing-snapshots.ts builds and reads it).
// Versioned and validated; a row of another version is rebuilt before use.
import * as v from 'valibot';

export const SNAPSHOT_VERSION = 3;

const TimeSchema = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
/** Bit 0 = Monday … bit 6 = Sunday (worker/db/schema.ts). */
const WeekdayMaskSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(127));
const Count = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/**
 * Every text a safe-number call may speak, already resolved personal → team → org → built-in.
 * Keys are the announcement types of worker/db/schema.ts, plus `error` (built-in only).
 */
export const SnapshotAnnouncementsSchema = v.object({
  waiting: v.string(),
  connect: v.string(),
  unavailable: v.string(),
  suspended: v.string(),
  error: v.string(),
  after_hours: v.string(),
  lunch: v.string(),
  block: v.string(),
  limited: v.string(),
  recording_notice: v.string(),
});

/** A time window: [start, end) in the org's time zone; end ≤ start crosses midnight, start = end is the whole day. */
const WindowSchema = v.object({ start: TimeSchema, end: TimeSchema });

export const RoutingSnapshotSchema = v.object({
  version: v.literal(SNAPSHOT_VERSION),
  numberId: v.string(),
  orgId: v.string(),
  e164: v.string(),
  kind: v.picklist(['safe_number', 'service', 'access']),
  /** The number paused by its owner, or the whole org disabled. */
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
  ringTimeoutSeconds: Count(5, 600),
  timezone: v.string(),
  recordingEnabled: v.boolean(),
  announcements: SnapshotAnnouncementsSchema,
  /** Effective working hours (personal over org, field by field; the org's fallback when it saved none). */
  hours: v.object({ ...WindowSchema.entries, weekdays: WeekdayMaskSchema }),
  /** Effective lunch break on working days; null = none. */
  lunch: v.nullable(WindowSchema),
  /** S4 "즉시차단": no call connects (free-pass callers excepted) until switched off. */
  immediateBlock: v.boolean(),
  /** The owner's enabled block windows, each with the text it speaks (its own, else the `block` fallback). */
  blockWindows: v.array(v.object({ ...WindowSchema.entries, name: v.string(), weekdays: WeekdayMaskSchema, announcement: v.string() })),
  /** The org's own holidays (the built-in Korean ones are computed by the engine). */
  holidays: v.array(v.object({ date: v.pipe(v.string(), v.isoDate()), name: v.string() })),
  /** Abuse shield (B3): at most `limit` calls per caller in `windowMinutes`, then `coolOffMinutes` refused; null = off. */
  shield: v.nullable(v.object({ limit: Count(1, 1000), windowMinutes: Count(1, 24 * 60), coolOffMinutes: Count(0, 7 * 24 * 60) })),
  /** The owner's voicemail switches (S20); absent in rows compiled before issue 10 (= off). */
  voicemail: v.optional(v.object({ afterHours: v.boolean(), noAnswer: v.boolean() }), { afterHours: false, noAnswer: false }),
  /** A service number's queue (issue 11): its calls run the queue flow; absent in rows compiled before. */
  queueId: v.optional(v.nullable(v.string()), null),
});

export type RoutingSnapshot = v.InferOutput<typeof RoutingSnapshotSchema>;
export type SnapshotAnnouncements = v.InferOutput<typeof SnapshotAnnouncementsSchema>;
export type AnnouncementKey = keyof SnapshotAnnouncements;
export type BlockWindow = RoutingSnapshot['blockWindows'][number];
export type ShieldPolicy = NonNullable<RoutingSnapshot['shield']>;

/**
 * @deprecated The fields the pre-issue-9 call flow (worker/calls/safe-number.ts) reads through
 * worker/routing/decide.ts; a RoutingSnapshot is one. Goes when the flow takes the new Decision.
 */
export type NumberSnapshot = Pick<
  RoutingSnapshot,
  'numberId' | 'orgId' | 'e164' | 'kind' | 'paused' | 'owner' | 'forwardCallerId' | 'ringTimeoutSeconds' | 'timezone' | 'recordingEnabled'
> & {
  version: number;
  announcements: Pick<SnapshotAnnouncements, 'waiting' | 'connect' | 'unavailable' | 'suspended' | 'error'>;
};

/** The built-in texts, used where neither the owner, their team nor the org chose one. */
export const DEFAULT_ANNOUNCEMENTS: SnapshotAnnouncements = {
  waiting: '안심번호로 연결 중입니다. 잠시만 기다려 주십시오.',
  connect: '안심번호로 걸려온 전화입니다.',
  unavailable: '지금은 통화할 수 없습니다. 잠시 후 다시 걸어 주십시오.',
  suspended: '지금은 이 번호로 연결할 수 없습니다.',
  error: '죄송합니다. 일시적인 오류로 연결할 수 없습니다. 잠시 후 다시 걸어 주십시오.',
  after_hours: '지금은 업무시간이 아닙니다. 업무시간에 다시 걸어 주십시오.',
  lunch: '지금은 점심시간입니다. 잠시 후 다시 걸어 주십시오.',
  block: '지금은 전화를 받을 수 없습니다. 잠시 후 다시 걸어 주십시오.',
  limited: '짧은 시간에 여러 번 전화하셔서 지금은 연결할 수 없습니다. 잠시 후 다시 걸어 주십시오.',
  recording_notice: '이 통화는 녹음될 수 있습니다.',
};
