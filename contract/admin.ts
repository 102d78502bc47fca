// The org administration's answers (docs/api.md "Administration"): teams, users, virtual numbers,
// the queues a number may point at, the org's settings and holidays, the audit log, the archive and
// the org's shield policy. valibot schemas; the route tests parse real answers, the web reads types.
import * as v from 'valibot';
import { ShieldPolicy } from './safe-number';
import { NUMBER_KINDS, ROLES } from './vocabularies';

const num = v.number();
const nullableNum = v.nullable(v.number());
const nullableStr = v.nullable(v.string());

export const Team = v.object({ id: v.string(), name: v.string(), userCount: num });
export type Team = v.InferOutput<typeof Team>;
/** POST and PATCH /api/admin/teams answer the team without its count. */
export const TeamAnswer = v.object({ team: v.object({ id: v.string(), name: v.string() }) });

export const User = v.object({
  id: v.string(),
  loginId: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
  teamId: nullableStr,
  mobile: nullableStr,
  /** The mobile as people read it (010-1234-5678). */
  mobileNational: nullableStr,
  disabled: v.boolean(),
  mustChangePassword: v.boolean(),
  createdAt: num,
});
export type User = v.InferOutput<typeof User>;

export const VirtualNumber = v.object({
  id: v.string(),
  e164: v.string(),
  /** As people read it: 050-1234-0001. */
  national: v.string(),
  kind: v.picklist(NUMBER_KINDS),
  ownerUserId: nullableStr,
  queueId: nullableStr,
  paused: v.boolean(),
});
export type VirtualNumber = v.InferOutput<typeof VirtualNumber>;

/** A contact-center queue as the numbers screen chooses it (queues are made with the operator CLI). */
export const Queue = v.object({ id: v.string(), name: v.string() });
export type Queue = v.InferOutput<typeof Queue>;

/** GET and PUT /api/admin/org. */
export const OrgSettings = v.object({
  org: v.object({
    name: v.string(),
    timezone: v.string(),
    recordingEnabled: v.boolean(),
    recordingRetentionDays: num,
    recordingNoticeText: nullableStr,
    /** Org admins may play their staff's recordings (issue 10). */
    recordingAdminAccess: v.boolean(),
    serviceLevelSeconds: num,
    /** Months of calls kept in D1 before the archive (issue 20); left out of a PUT that does not change it. */
    callRetentionMonths: v.optional(num),
  }),
  schedule: v.object({
    workStartTime: nullableStr,
    workEndTime: nullableStr,
    /** Bit 0 = Monday … bit 6 = Sunday. */
    weekdays: nullableNum,
    lunchStartTime: nullableStr,
    lunchEndTime: nullableStr,
  }),
});
export type OrgSettings = v.InferOutput<typeof OrgSettings>;

export const Holiday = v.object({ id: v.string(), date: v.string(), name: v.string(), builtIn: v.boolean() });
export type Holiday = v.InferOutput<typeof Holiday>;

export const AuditEntry = v.object({
  id: v.string(),
  actorUserId: nullableStr,
  /** Resolved by the server; null when the actor is gone or not of this org. */
  actorName: nullableStr,
  actorLoginId: nullableStr,
  action: v.string(),
  targetType: nullableStr,
  targetId: nullableStr,
  /** The target's name (a user, team, queue, category, announcement; a number in national format), else null. */
  targetName: nullableStr,
  /** A user target's login ID (secondary text). */
  targetLoginId: nullableStr,
  detail: v.unknown(),
  ip: nullableStr,
  createdAt: num,
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;
/** GET /api/admin/audit. */
export const AuditPage = v.object({ entries: v.array(AuditEntry), nextBefore: nullableStr });
export type AuditPage = v.InferOutput<typeof AuditPage>;

/** GET /api/admin/archive: one month of one dataset, the parts it was archived in, each a download link. */
export const ArchiveMonth = v.object({
  dataset: v.picklist(['calls', 'audit_log']),
  month: v.string(),
  rows: num,
  parts: v.array(v.object({ part: num, firstAt: num, lastAt: num, rows: num, bytes: num, download: v.string() })),
});
export type ArchiveMonth = v.InferOutput<typeof ArchiveMonth>;

/** GET /api/admin/archive/months: every archived month of the org, newest first (the retention screen). */
export const ArchivedMonths = v.object({
  months: v.array(v.object({ dataset: v.picklist(['calls', 'audit_log']), month: v.string(), parts: num, rows: num, bytes: num })),
});
export type ArchivedMonths = v.InferOutput<typeof ArchivedMonths>;

/** GET and PUT /api/admin/shield. */
export const OrgShield = v.object({ shield: ShieldPolicy });
export type OrgShield = v.InferOutput<typeof OrgShield>;
