// An organisation's defaults (P2): the settings on its org row and its default weekly schedule
// (the schedules row with user_id null, one per org: the schedules_org_default index), read and
// written together.
import { eq, isNull } from 'drizzle-orm';
import { DEFAULT_SCHEDULE } from '../routing/schedule';
import { scheduleUpsert } from './schedule-write';
import { orgs, schedules } from './schema';
import type { OrgDb } from './scope';

export type OrgDefaults = {
  timezone: string;
  recordingEnabled: boolean;
  recordingRetentionDays: number;
  recordingNoticeText: string | null;
  /** Org admins may play their staff's recordings (S13 keeps them to the owner unless the org allows). */
  recordingAdminAccess: boolean;
  serviceLevelSeconds: number;
  /** Months of call records and audit log kept in D1 before the archive to R2 (issue 20 §3). */
  callRetentionMonths: number;
};

/** What PUT /api/admin/org writes: the service level may be left out (the contact-center settings own it too). */
export type OrgDefaultsInput = Omit<OrgDefaults, 'serviceLevelSeconds' | 'callRetentionMonths'> & {
  serviceLevelSeconds?: number;
  callRetentionMonths?: number;
};

export type DefaultSchedule = {
  workStartTime: string;
  workEndTime: string;
  /** Bit 0 = Monday … bit 6 = Sunday. */
  weekdays: number;
  lunchStartTime: string | null;
  lunchEndTime: string | null;
};

/** What an org without a saved schedule works, the same default the routing engine applies. */
export const FALLBACK_SCHEDULE: DefaultSchedule = { ...DEFAULT_SCHEDULE };

export async function getOrgDefaults(scope: OrgDb): Promise<{ name: string; org: OrgDefaults; schedule: DefaultSchedule } | undefined> {
  const [org, row] = await Promise.all([
    scope.db.select().from(orgs).where(eq(orgs.id, scope.orgId)).get(),
    scope.db
      .select()
      .from(schedules)
      .where(scope.where(schedules, isNull(schedules.userId)))
      .get(),
  ]);
  if (!org) return undefined;
  return {
    name: org.name,
    org: {
      timezone: org.timezone,
      recordingEnabled: org.recordingEnabled,
      recordingRetentionDays: org.recordingRetentionDays,
      recordingNoticeText: org.recordingNoticeText,
      recordingAdminAccess: org.recordingAdminAccess,
      serviceLevelSeconds: org.serviceLevelSeconds,
      callRetentionMonths: org.callRetentionMonths,
    },
    schedule: {
      workStartTime: row?.workStartTime ?? FALLBACK_SCHEDULE.workStartTime,
      workEndTime: row?.workEndTime ?? FALLBACK_SCHEDULE.workEndTime,
      weekdays: row?.weekdays ?? FALLBACK_SCHEDULE.weekdays,
      lunchStartTime: row ? row.lunchStartTime : FALLBACK_SCHEDULE.lunchStartTime,
      lunchEndTime: row ? row.lunchEndTime : FALLBACK_SCHEDULE.lunchEndTime,
    },
  };
}

/**
 * Writes the org row and the default schedule in one batch, so a failure leaves neither half-saved.
 * The schedule goes through the same statement as the organisation file's hours (scheduleUpsert).
 */
export async function saveOrgDefaults(scope: OrgDb, org: OrgDefaultsInput, schedule: DefaultSchedule): Promise<void> {
  await scope.db.batch([
    scope.db.update(orgs).set(org).where(eq(orgs.id, scope.orgId)),
    scheduleUpsert(scope.db, { orgId: scope.orgId, userId: null, fields: schedule, now: Date.now() }),
  ]);
}

/** The org-wide contact-center policy (C2, C10, B5): what queues fall back to where they set nothing. */
export type ContactCenterSettings = {
  agentStateAfterLogin: 'ready' | 'break';
  agentStateAfterCall: 'ready' | 'break' | 'acw';
  /** ACW ends by itself after this many seconds; null = when the agent chooses. */
  acwLimitSeconds: number | null;
  serviceLevelSeconds: number;
  serviceLevelTargetPercent: number;
  shortAbandonSeconds: number;
};

const ccColumns = {
  agentStateAfterLogin: orgs.agentStateAfterLogin,
  agentStateAfterCall: orgs.agentStateAfterCall,
  acwLimitSeconds: orgs.acwLimitSeconds,
  serviceLevelSeconds: orgs.serviceLevelSeconds,
  serviceLevelTargetPercent: orgs.serviceLevelTargetPercent,
  shortAbandonSeconds: orgs.shortAbandonSeconds,
};

export async function getContactCenterSettings(scope: OrgDb): Promise<ContactCenterSettings | undefined> {
  return scope.db.select(ccColumns).from(orgs).where(eq(orgs.id, scope.orgId)).get();
}

export async function saveContactCenterSettings(scope: OrgDb, settings: ContactCenterSettings): Promise<void> {
  await scope.db.update(orgs).set(settings).where(eq(orgs.id, scope.orgId));
}
