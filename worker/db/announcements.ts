// Announcements (S5, 멘트): the org's common ones, each team's, each staff member's own, and the
// choice of which one a situation uses at each level (announcement_choices). Deleting one also
// drops the choices and block windows that named it, in the same batch.
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { newId } from '../ids';
import type { AnnouncementRow, AnnouncementScope, ChoiceRow } from '../safe-number/situations';
import { announcementChoices, announcements, blockWindows, type AnnouncementType } from './schema';
import type { OrgDb } from './scope';

const columns = {
  id: announcements.id,
  scope: announcements.scope,
  teamId: announcements.teamId,
  userId: announcements.userId,
  type: announcements.type,
  name: announcements.name,
  text: announcements.text,
};

/** What a staff member may read and choose: the org's, their team's and their own. */
export async function announcementsVisibleTo(scope: OrgDb, user: { id: string; teamId: string | null }): Promise<AnnouncementRow[]> {
  return scope.db
    .select(columns)
    .from(announcements)
    .where(
      scope.where(
        announcements,
        or(
          eq(announcements.scope, 'org'),
          user.teamId ? and(eq(announcements.scope, 'team'), eq(announcements.teamId, user.teamId)) : undefined,
          and(eq(announcements.scope, 'personal'), eq(announcements.userId, user.id)),
        ),
      ),
    )
    .orderBy(asc(announcements.createdAt), asc(announcements.id))
    .all();
}

/** What an org admin manages: the org's and every team's (never anyone's personal ones). */
export async function orgAndTeamAnnouncements(scope: OrgDb): Promise<AnnouncementRow[]> {
  return scope.db
    .select(columns)
    .from(announcements)
    .where(scope.where(announcements, inArray(announcements.scope, ['org', 'team'])))
    .orderBy(asc(announcements.createdAt), asc(announcements.id))
    .all();
}

export async function findAnnouncement(scope: OrgDb, id: string): Promise<AnnouncementRow | undefined> {
  return scope.db
    .select(columns)
    .from(announcements)
    .where(scope.where(announcements, eq(announcements.id, id)))
    .get();
}

export type NewAnnouncement = { scope: AnnouncementScope; teamId: string | null; userId: string | null; type: AnnouncementType; name: string; text: string };

export async function insertAnnouncement(scope: OrgDb, input: NewAnnouncement): Promise<AnnouncementRow> {
  const [row] = await scope.db
    .insert(announcements)
    .values({ id: newId('ann'), orgId: scope.orgId, ...input, createdAt: Date.now() })
    .returning(columns);
  if (!row) throw new Error('announcement insert returned nothing');
  return row;
}

export async function updateAnnouncement(scope: OrgDb, id: string, patch: { name: string; text: string }): Promise<AnnouncementRow | undefined> {
  const [row] = await scope.db
    .update(announcements)
    .set(patch)
    .where(scope.where(announcements, eq(announcements.id, id)))
    .returning(columns);
  return row;
}

/** Deletes it with the choices that name it; block windows that spoke it fall back to the `block` text. */
export async function deleteAnnouncement(scope: OrgDb, id: string): Promise<boolean> {
  const db = scope.db;
  const [, , removed] = await db.batch([
    db.delete(announcementChoices).where(scope.where(announcementChoices, eq(announcementChoices.announcementId, id))),
    db
      .update(blockWindows)
      .set({ announcementId: null })
      .where(scope.where(blockWindows, eq(blockWindows.announcementId, id))),
    db
      .delete(announcements)
      .where(scope.where(announcements, eq(announcements.id, id)))
      .returning({ id: announcements.id }),
  ]);
  return removed.length > 0;
}

export type ChoiceOwner = { scope: AnnouncementScope; scopeId: string };

/** The saved choices of the given owners (org, teams, users). */
export async function choicesOf(scope: OrgDb, owners: ChoiceOwner[]): Promise<ChoiceRow[]> {
  if (owners.length === 0) return [];
  return scope.db
    .select({
      scope: announcementChoices.scope,
      scopeId: announcementChoices.scopeId,
      type: announcementChoices.type,
      announcementId: announcementChoices.announcementId,
    })
    .from(announcementChoices)
    .where(scope.where(announcementChoices, or(...owners.map((o) => and(eq(announcementChoices.scope, o.scope), eq(announcementChoices.scopeId, o.scopeId))))))
    .all();
}

/** Sets (or with null clears) what one owner's situation uses. */
export async function saveChoice(scope: OrgDb, owner: ChoiceOwner, type: AnnouncementType, announcementId: string | null): Promise<void> {
  const key = and(eq(announcementChoices.scope, owner.scope), eq(announcementChoices.scopeId, owner.scopeId), eq(announcementChoices.type, type));
  if (announcementId === null) {
    await scope.db.delete(announcementChoices).where(scope.where(announcementChoices, key));
    return;
  }
  await scope.db
    .insert(announcementChoices)
    .values({ orgId: scope.orgId, scope: owner.scope, scopeId: owner.scopeId, type, announcementId })
    .onConflictDoUpdate({
      target: [announcementChoices.orgId, announcementChoices.scope, announcementChoices.scopeId, announcementChoices.type],
      set: { announcementId },
    });
}
