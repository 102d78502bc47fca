// What administrators send (/api/admin/…, worker/api/admin/): the bodies and queries as valibot
// schemas, with the field codes each failure carries (contract/fields.ts). The routes validate with
// them; the web app imports the types. Checks that need the server stay in their route: phone
// numbers (libphonenumber), the built-in holiday years, anything that reads the database.
import * as v from 'valibot';
import { coded, IdSchema, outOfRange, pageLimitSchema, required, requiredText, tooLong, wholeNumber } from '../fields';
import { ROLES } from '../vocabularies';
import { PasswordSchema, TeamNameSchema } from './account';
import { AnnouncementNameSchema, AnnouncementTextSchema, ShieldFieldsSchema, SituationSchema } from './settings';

// ── Org defaults, schedule, contact-center policy, holidays (/api/admin/org, /api/admin/holidays) ──
/** The canonical spelling of an IANA zone, or undefined when Intl does not know it. */
function canonicalZone(tz: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** isoDate accepts 2026-02-30; a real calendar day survives a round trip through Date. */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

const OrgTimeSchema = v.pipe(v.string(required('Enter a time.')), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, coded('time', 'Use HH:MM (24-hour).')));
const UNKNOWN_ZONE = coded('timezone', 'Unknown time zone.');

const OrgDefaultsSchema = v.object({
  timezone: v.pipe(
    v.string(required('Enter a time zone.')),
    v.maxLength(64, UNKNOWN_ZONE),
    v.check((tz) => canonicalZone(tz) !== undefined, UNKNOWN_ZONE),
    v.transform((tz) => canonicalZone(tz) ?? tz),
  ),
  recordingEnabled: v.boolean(coded('choice', 'Choose on or off.')),
  recordingRetentionDays: v.pipe(
    v.number(required('Enter a number of days.')),
    v.integer(outOfRange(1, 3650, 'Whole days from 1 to 3650.')),
    v.minValue(1, outOfRange(1, 3650, 'At least 1 day.')),
    v.maxValue(3650, outOfRange(1, 3650, 'At most 3650 days.')),
  ),
  recordingNoticeText: v.pipe(
    v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(240, tooLong(240)))), null),
    v.transform((s) => (s ? s : null)),
  ),
  /** Absent = unchanged (older clients do not send it). */
  recordingAdminAccess: v.optional(v.boolean(coded('choice', 'Choose on or off.'))),
  /** Left out = unchanged: the contact-center settings below own it too. */
  serviceLevelSeconds: v.optional(wholeNumber(1, 3600)),
  /** Months of call records and audit log kept in D1 (issue 20 §3); older ones are archived to R2. Left out = unchanged. */
  callRetentionMonths: v.optional(wholeNumber(1, 120)),
});

const choice = (text: string) => coded('choice', text);

/** The org-wide contact-center policy (C2, C10, B5); queues override some of it (worker/api/cc/queues.ts). */
export const ContactCenterSettingsBody = v.object({
  agentStateAfterLogin: v.picklist(['ready', 'break'], choice('Choose ready or break.')),
  agentStateAfterCall: v.picklist(['ready', 'break', 'acw'], choice('Choose ready, break or acw.')),
  acwLimitSeconds: v.nullable(wholeNumber(1, 3600)),
  serviceLevelSeconds: wholeNumber(1, 3600),
  serviceLevelTargetPercent: wholeNumber(1, 99),
  shortAbandonSeconds: wholeNumber(0, 600),
});
export type ContactCenterSettingsBody = v.InferInput<typeof ContactCenterSettingsBody>;

const ScheduleSchema = v.pipe(
  v.object({
    workStartTime: OrgTimeSchema,
    workEndTime: OrgTimeSchema,
    weekdays: v.pipe(
      v.number(coded('no_weekday', 'Pick the working days.')),
      v.integer(coded('invalid', 'Unknown weekday bits.')),
      v.minValue(1, coded('no_weekday', 'Pick at least one working day.')),
      v.maxValue(0b1111111, coded('invalid', 'Unknown weekday bits.')),
    ),
    lunchStartTime: v.optional(v.nullable(OrgTimeSchema), null),
    lunchEndTime: v.optional(v.nullable(OrgTimeSchema), null),
  }),
  // HH:MM strings compare in time order.
  v.forward(
    v.check((s) => s.workEndTime > s.workStartTime, coded('end_before_start', 'Work must end after it starts.')),
    ['workEndTime'],
  ),
  v.forward(
    v.check((s) => (s.lunchStartTime === null) === (s.lunchEndTime === null), coded('both_or_neither', 'Give both lunch times or neither.')),
    ['lunchEndTime'],
  ),
  v.forward(
    v.check(
      (s) => s.lunchStartTime === null || s.lunchEndTime === null || s.lunchEndTime > s.lunchStartTime,
      coded('end_before_start', 'Lunch must end after it starts.'),
    ),
    ['lunchEndTime'],
  ),
  v.forward(
    v.check(
      (s) => s.lunchStartTime === null || s.lunchEndTime === null || (s.lunchStartTime >= s.workStartTime && s.lunchEndTime <= s.workEndTime),
      coded('lunch_outside_hours', 'Lunch must be inside working hours.'),
    ),
    ['lunchStartTime'],
  ),
);

/** `org.name` may be sent back as read; it is ignored (renaming an org is an operator's job). */
export const PutOrgBody = v.object({ org: OrgDefaultsSchema, schedule: ScheduleSchema });
export type PutOrgBody = v.InferInput<typeof PutOrgBody>;

export const HolidayBody = v.object({
  date: v.pipe(v.string(required('Enter a date.')), v.isoDate(coded('date', 'Use YYYY-MM-DD.')), v.check(isCalendarDay, coded('date', 'No such day.'))),
  name: requiredText(50, { message: 'Enter a name.' }),
});
export type HolidayBody = v.InferInput<typeof HolidayBody>;

// ── Common announcements (S5) ──
const ScopeSchema = v.picklist(['org', 'team'], coded('choice', 'Choose org or team.'));
const TeamRef = v.optional(v.nullable(IdSchema), null);

export const AdminAnnouncementCreateBody = v.object({
  scope: ScopeSchema,
  teamId: TeamRef,
  type: SituationSchema,
  name: AnnouncementNameSchema,
  text: AnnouncementTextSchema,
});
export type AdminAnnouncementCreateBody = v.InferInput<typeof AdminAnnouncementCreateBody>;
export const AdminAnnouncementUpdateBody = v.object({ name: AnnouncementNameSchema, text: AnnouncementTextSchema });
export type AdminAnnouncementUpdateBody = v.InferInput<typeof AdminAnnouncementUpdateBody>;
export const AdminAnnouncementChoiceBody = v.object({ scope: ScopeSchema, teamId: TeamRef, type: SituationSchema, announcementId: v.nullable(IdSchema) });
export type AdminAnnouncementChoiceBody = v.InferInput<typeof AdminAnnouncementChoiceBody>;

// ── The org's abuse shield (B3) ──
export const OrgShieldBody = v.object(ShieldFieldsSchema);
export type OrgShieldBody = v.InferInput<typeof OrgShieldBody>;

// ── Teams and users (P2, S18; the create and patch bodies' mobile is checked in worker/api/admin/users.ts) ──
export const TeamBody = v.object({ name: TeamNameSchema });
export type TeamBody = v.InferInput<typeof TeamBody>;

export const RoleSchema = v.picklist(ROLES, coded('choice', 'Choose a valid role.'));
export const UserListQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(50))),
  role: v.optional(RoleSchema),
  teamId: v.optional(v.pipe(v.string(), v.maxLength(64))),
});
export type UserListQuery = v.InferInput<typeof UserListQuery>;
export const ResetPasswordBody = v.object({ password: PasswordSchema });
export type ResetPasswordBody = v.InferInput<typeof ResetPasswordBody>;

// ── Numbers (P2; the create body's number is checked in worker/api/admin/numbers.ts) ──
export const AssignmentFields = {
  ownerUserId: v.optional(v.nullable(IdSchema), null),
  queueId: v.optional(v.nullable(IdSchema), null),
};
/** Generic so valibot's check keeps the whole object's type (create has e164 and kind too). */
export const oneTarget = <T extends { ownerUserId: string | null; queueId: string | null }>(a: T): boolean => a.ownerUserId === null || a.queueId === null;
export const ONE_TARGET = coded('one_target', 'Assign the number to a user or to a queue, not both.');
/** The body is the whole assignment: a missing field means "not assigned to that". */
export const NumberAssignBody = v.pipe(v.object(AssignmentFields), v.forward(v.check(oneTarget, ONE_TARGET), ['queueId']));
export type NumberAssignBody = v.InferInput<typeof NumberAssignBody>;

// ── The archive (issue 20 §3) ──
export const ArchiveMonthQuery = v.object({
  dataset: v.picklist(['calls', 'audit_log'], coded('choice', 'Choose calls or audit_log.')),
  month: v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, coded('date', 'Use YYYY-MM.'))),
});
export type ArchiveMonthQuery = v.InferInput<typeof ArchiveMonthQuery>;

// ── The audit log (P8) ──
export const AUDIT_PAGE_MAX = 200;
const AUDIT_PAGE_DEFAULT = 50;

/** `<createdAt ms>:<id>`; a bare millisecond time also works (everything strictly before it). */
function parseAuditCursor(s: string): { createdAt: number; id: string } | undefined {
  const m = /^(\d{1,15})(?::([A-Za-z0-9_]{1,64}))?$/.exec(s);
  if (!m?.[1]) return undefined;
  return { createdAt: Number(m[1]) + (m[2] ? 0 : -1), id: m[2] ?? '\uffff' };
}

export const AuditQuery = v.object({
  before: v.optional(
    v.pipe(
      v.string(),
      v.check((s) => parseAuditCursor(s) !== undefined, coded('invalid', 'Not a cursor from this API.')),
      v.transform((s) => parseAuditCursor(s)),
    ),
  ),
  action: v.optional(v.pipe(v.string(), v.maxLength(64), v.regex(/^[a-z_.]+(\.\*)?$/, coded('invalid', 'Unknown action.')))),
  limit: pageLimitSchema(AUDIT_PAGE_MAX, AUDIT_PAGE_DEFAULT),
});
export type AuditQuery = v.InferInput<typeof AuditQuery>;
