// An organisation's own holidays (S2), beside the built-in national ones of worker/routing/holidays.ts.
import { asc, eq, like } from 'drizzle-orm';
import { newId } from '../ids';
import { holidays } from './schema';
import type { OrgDb } from './scope';

export type OrgHoliday = typeof holidays.$inferSelect;

export async function listOrgHolidays(scope: OrgDb, year?: number): Promise<OrgHoliday[]> {
  return scope.db
    .select()
    .from(holidays)
    .where(scope.where(holidays, year === undefined ? undefined : like(holidays.date, `${year}-%`)))
    .orderBy(asc(holidays.date))
    .all();
}

export async function findHolidayOnDate(scope: OrgDb, date: string): Promise<OrgHoliday | undefined> {
  return scope.db
    .select()
    .from(holidays)
    .where(scope.where(holidays, eq(holidays.date, date)))
    .get();
}

export async function insertHoliday(scope: OrgDb, input: { date: string; name: string }): Promise<OrgHoliday> {
  const [row] = await scope.db
    .insert(holidays)
    .values({ id: newId('hol'), orgId: scope.orgId, ...input })
    .returning();
  if (!row) throw new Error('holiday insert returned nothing');
  return row;
}

export async function deleteHoliday(scope: OrgDb, id: string): Promise<OrgHoliday | undefined> {
  const [row] = await scope.db
    .delete(holidays)
    .where(scope.where(holidays, eq(holidays.id, id)))
    .returning();
  return row;
}
