// Block windows (S4, 전화차단시간): a staff member's named extra windows in which calls are not
// connected, each with the announcement it speaks.
import { asc, eq } from 'drizzle-orm';
import { newId } from '../ids';
import { blockWindows } from './schema';
import type { OrgDb } from './scope';

export type BlockWindowRow = typeof blockWindows.$inferSelect;
export type BlockWindowInput = {
  name: string;
  startTime: string;
  endTime: string;
  weekdays: number;
  announcementId: string | null;
  enabled: boolean;
};

/** In the order the engine checks them (creation order). */
export async function listBlockWindows(scope: OrgDb, userId: string): Promise<BlockWindowRow[]> {
  return scope.db
    .select()
    .from(blockWindows)
    .where(scope.where(blockWindows, eq(blockWindows.userId, userId)))
    .orderBy(asc(blockWindows.createdAt), asc(blockWindows.id))
    .all();
}

export async function countBlockWindows(scope: OrgDb, userId: string): Promise<number> {
  return scope.db.$count(blockWindows, scope.where(blockWindows, eq(blockWindows.userId, userId)));
}

export async function insertBlockWindow(scope: OrgDb, userId: string, input: BlockWindowInput): Promise<BlockWindowRow> {
  const [row] = await scope.db
    .insert(blockWindows)
    .values({ id: newId('blk'), orgId: scope.orgId, userId, ...input, createdAt: Date.now() })
    .returning();
  if (!row) throw new Error('block window insert returned nothing');
  return row;
}

export async function updateBlockWindow(scope: OrgDb, userId: string, id: string, input: BlockWindowInput): Promise<BlockWindowRow | undefined> {
  const [row] = await scope.db
    .update(blockWindows)
    .set(input)
    .where(scope.where(blockWindows, eq(blockWindows.userId, userId), eq(blockWindows.id, id)))
    .returning();
  return row;
}

export async function deleteBlockWindow(scope: OrgDb, userId: string, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(blockWindows)
    .where(scope.where(blockWindows, eq(blockWindows.userId, userId), eq(blockWindows.id, id)))
    .returning({ id: blockWindows.id });
  return rows.length > 0;
}
