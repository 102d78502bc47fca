// The one statement that writes a schedules row, for the web app's API and the organisation file
// (worker/provision/plan.ts renders it into the SQL the operator CLI runs) alike, so whoever
// writes an org's hours or a person's, they land on the same row.
import { isNull, or, sql, type SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { ScheduleFields } from '../routing/schedule';
import { schedules } from './schema';

export type ScheduleWrite = {
  /** The org's id, or an expression yielding it (the org file names the org, not its id). */
  orgId: string | SQL;
  fields: ScheduleFields;
  now: number;
} & (
  | /** The org default: its id is always sch_default_<org id>. */ { userId: null }
  | /** A person's own: the id a new row gets. */ { userId: string | SQL; newId: string }
);

/** The five fields, by property and by column (for `excluded.<column>`). */
const FIELDS = [
  ['workStartTime', 'work_start_time'],
  ['workEndTime', 'work_end_time'],
  ['weekdays', 'weekdays'],
  ['lunchStartTime', 'lunch_start_time'],
  ['lunchEndTime', 'lunch_end_time'],
] as const satisfies readonly (readonly [keyof ScheduleFields, string])[];

/**
 * INSERT, or on the row's key update the five fields (and updated_at) where one of them differs.
 * The key of the org default is the partial unique index schedules_org_default (org_id where
 * user_id IS NULL): the (org_id, user_id) index alone treats NULLs as distinct and holds nothing.
 */
export function scheduleUpsert<R, S extends Record<string, unknown>>(db: BaseSQLiteDatabase<'async', R, S>, w: ScheduleWrite) {
  const { orgId, fields, now } = w;
  const org = w.userId === null;
  return db
    .insert(schedules)
    .values({ id: w.userId === null ? sql`'sch_default_' || ${orgId}` : w.newId, orgId, userId: w.userId, ...fields, updatedAt: now })
    .onConflictDoUpdate({
      target: org ? schedules.orgId : [schedules.orgId, schedules.userId],
      ...(org && { targetWhere: isNull(schedules.userId) }),
      set: { ...fields, updatedAt: now },
      setWhere: or(...FIELDS.map(([key, column]) => sql`${schedules[key]} IS NOT ${sql.raw(`excluded.${column}`)}`)),
    });
}
