// A staff member's own safe-number settings (S2, S4, S6, B3): the personal_settings row (immediate
// block, the abuse-shield override) and the personal schedule row over the org's default.
import { eq, isNull } from 'drizzle-orm';
import { newId } from '../ids';
import type { ScheduleFields } from '../routing/schedule';
import { scheduleUpsert } from './schedule-write';
import { personalSettings, schedules } from './schema';
import type { OrgDb } from './scope';

export type PersonalSettings = typeof personalSettings.$inferSelect;
export type SettingsPatch = Partial<Pick<PersonalSettings, 'immediateBlock' | 'shieldLimit' | 'shieldWindowMinutes' | 'shieldCoolOffMinutes'>>;

export async function findPersonalSettings(scope: OrgDb, userId: string): Promise<PersonalSettings | undefined> {
  return scope.db
    .select()
    .from(personalSettings)
    .where(scope.where(personalSettings, eq(personalSettings.userId, userId)))
    .get();
}

/** Creates the row with defaults on first use; only the fields in `patch` change. */
export async function savePersonalSettings(scope: OrgDb, userId: string, patch: SettingsPatch): Promise<PersonalSettings> {
  const now = Date.now();
  const [row] = await scope.db
    .insert(personalSettings)
    .values({ userId, orgId: scope.orgId, ...patch, updatedAt: now })
    .onConflictDoUpdate({ target: personalSettings.userId, set: { ...patch, updatedAt: now }, setWhere: eq(personalSettings.orgId, scope.orgId) })
    .returning();
  if (!row) throw new Error('personal settings upsert returned nothing');
  return row;
}

type ScheduleRow = typeof schedules.$inferSelect;

const fieldsOf = (row: ScheduleRow | undefined): ScheduleFields | null =>
  row
    ? {
        workStartTime: row.workStartTime,
        workEndTime: row.workEndTime,
        weekdays: row.weekdays,
        lunchStartTime: row.lunchStartTime,
        lunchEndTime: row.lunchEndTime,
      }
    : null;

/** The org's saved default schedule (null = never saved) and the user's own (null = none). */
export async function findSchedules(scope: OrgDb, userId: string): Promise<{ org: ScheduleFields | null; personal: ScheduleFields | null }> {
  const [org, personal] = await scope.db.batch([
    scope.db
      .select()
      .from(schedules)
      .where(scope.where(schedules, isNull(schedules.userId))),
    scope.db
      .select()
      .from(schedules)
      .where(scope.where(schedules, eq(schedules.userId, userId))),
  ]);
  return { org: fieldsOf(org[0]), personal: fieldsOf(personal[0]) };
}

/** Saves the user's own fields (null = the org's value); a row with nothing set is removed. */
export async function savePersonalSchedule(scope: OrgDb, userId: string, fields: ScheduleFields): Promise<void> {
  if (Object.values(fields).every((f) => f === null)) {
    await scope.db.delete(schedules).where(scope.where(schedules, eq(schedules.userId, userId)));
    return;
  }
  // The same statement as the organisation file's personal hours.
  await scheduleUpsert(scope.db, { orgId: scope.orgId, userId, newId: newId('sch'), fields, now: Date.now() });
}
