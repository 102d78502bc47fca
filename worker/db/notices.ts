// Customer-center notices (S19): the org's own and the platform-wide ones (org_id null).
import { desc, eq } from 'drizzle-orm';
import { newId } from '../ids';
import { notices } from './schema';
import type { OrgDb } from './scope';

export type Notice = typeof notices.$inferSelect;

/** Urgent first, then newest. */
export async function listVisibleNotices(scope: OrgDb): Promise<Notice[]> {
  return scope.db.select().from(notices).where(scope.whereVisible(notices)).orderBy(desc(notices.urgent), desc(notices.createdAt), desc(notices.id)).all();
}

export async function findVisibleNotice(scope: OrgDb, id: string): Promise<Notice | undefined> {
  return scope.db
    .select()
    .from(notices)
    .where(scope.whereVisible(notices, eq(notices.id, id)))
    .get();
}

export async function insertNotice(
  scope: OrgDb,
  input: { orgId: string | null; title: string; body: string; urgent: boolean; createdBy: string },
): Promise<Notice> {
  const [row] = await scope.db
    .insert(notices)
    .values({ id: newId('ntc'), ...input, createdAt: Date.now() })
    .returning();
  if (!row) throw new Error('notice insert returned nothing');
  return row;
}

export async function deleteVisibleNotice(scope: OrgDb, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(notices)
    .where(scope.whereVisible(notices, eq(notices.id, id)))
    .returning({ id: notices.id });
  return rows.length > 0;
}
