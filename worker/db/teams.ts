// Teams of an organisation (P2): listing with member counts, create, rename, delete.
import { and, asc, count, eq } from 'drizzle-orm';
import { newId } from '../ids';
import { announcementChoices, announcements, teams, users } from './schema';
import type { OrgDb } from './scope';

export type Team = typeof teams.$inferSelect;

export async function listTeamsWithCounts(scope: OrgDb): Promise<{ id: string; name: string; userCount: number }[]> {
  return scope.db
    .select({ id: teams.id, name: teams.name, userCount: count(users.id) })
    .from(teams)
    .leftJoin(users, and(eq(users.teamId, teams.id), eq(users.orgId, teams.orgId)))
    .where(scope.where(teams))
    .groupBy(teams.id)
    .orderBy(asc(teams.name))
    .all();
}

export async function findTeam(scope: OrgDb, teamId: string): Promise<Team | undefined> {
  return scope.db
    .select()
    .from(teams)
    .where(scope.where(teams, eq(teams.id, teamId)))
    .get();
}

export async function findTeamByName(scope: OrgDb, name: string): Promise<Team | undefined> {
  return scope.db
    .select()
    .from(teams)
    .where(scope.where(teams, eq(teams.name, name)))
    .get();
}

export async function insertTeam(scope: OrgDb, name: string): Promise<Team> {
  const [row] = await scope.db
    .insert(teams)
    .values({ id: newId('team'), orgId: scope.orgId, name })
    .returning();
  if (!row) throw new Error('team insert returned nothing');
  return row;
}

export async function renameTeam(scope: OrgDb, teamId: string, name: string): Promise<Team | undefined> {
  const [row] = await scope.db
    .update(teams)
    .set({ name })
    .where(scope.where(teams, eq(teams.id, teamId)))
    .returning();
  return row;
}

export async function countTeamMembers(scope: OrgDb, teamId: string): Promise<number> {
  const row = await scope.db
    .select({ n: count() })
    .from(users)
    .where(scope.where(users, eq(users.teamId, teamId)))
    .get();
  return row?.n ?? 0;
}

/** Deletes the team with its team announcements and their choices, in one batch. */
export async function deleteTeam(scope: OrgDb, teamId: string): Promise<void> {
  const db = scope.db;
  await db.batch([
    db.delete(announcementChoices).where(scope.where(announcementChoices, eq(announcementChoices.scope, 'team'), eq(announcementChoices.scopeId, teamId))),
    db.delete(announcements).where(scope.where(announcements, eq(announcements.scope, 'team'), eq(announcements.teamId, teamId))),
    db.delete(teams).where(scope.where(teams, eq(teams.id, teamId))),
  ]);
}
