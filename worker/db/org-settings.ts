// An organisation's defaults (P2): the settings on its org row and its default weekly schedule
// (the schedules row with user_id null), read and written together.
import { and, eq, isNull } from 'drizzle-orm';
import { DEFAULT_SCHEDULE } from '../routing/schedule';
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
};

/** What PUT /api/admin/org writes: the service level may be left out (the contact-center settings own it too). */
export type OrgDefaultsInput = Omit<OrgDefaults, 'serviceLevelSeconds'> & { serviceLevelSeconds?: number };

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

/**
 * A fixed id for the org default row: SQLite treats NULLs as distinct in the (org_id, user_id)
 * unique index, so the id is what makes the upsert race-free.
 */
function defaultScheduleId(orgId: string): string {
  return `sch_default_${orgId}`;
}

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

/** Writes the org row and the default schedule in one batch, so a failure leaves neither half-saved. */
export async function saveOrgDefaults(scope: OrgDb, org: OrgDefaultsInput, schedule: DefaultSchedule): Promise<void> {
  const now = Date.now();
  await scope.db.batch([
    scope.db.update(orgs).set(org).where(eq(orgs.id, scope.orgId)),
    scope.db
      .insert(schedules)
      .values({ id: defaultScheduleId(scope.orgId), orgId: scope.orgId, userId: null, ...schedule, updatedAt: now })
      .onConflictDoUpdate({
        target: schedules.id,
        set: { ...schedule, updatedAt: now },
        // Never touch a row of another org that somehow had this id.
        setWhere: and(eq(schedules.orgId, scope.orgId), isNull(schedules.userId)),
      }),
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
