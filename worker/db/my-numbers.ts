// A staff member's own safe numbers (S1, S6, S7): the numbers they own, the pause switch on them,
// and the stored routing-snapshot row the number check compares with a fresh compile.
import { asc, eq } from 'drizzle-orm';
import { routingSnapshots, virtualNumbers } from './schema';
import type { OrgDb } from './scope';
import type { VirtualNumber } from './numbers';

/** The safe numbers a user owns, by number (usually one). */
export async function ownedSafeNumbers(scope: OrgDb, userId: string): Promise<VirtualNumber[]> {
  return scope.db
    .select()
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.ownerUserId, userId), eq(virtualNumbers.kind, 'safe_number')))
    .orderBy(asc(virtualNumbers.e164))
    .all();
}

/** Pauses (S6) or resumes every safe number the user owns; answers how many changed. */
export async function setOwnedNumbersPaused(scope: OrgDb, userId: string, paused: boolean): Promise<number> {
  const rows = await scope.db
    .update(virtualNumbers)
    .set({ paused })
    .where(scope.where(virtualNumbers, eq(virtualNumbers.ownerUserId, userId), eq(virtualNumbers.kind, 'safe_number')))
    .returning({ id: virtualNumbers.id });
  return rows.length;
}

/** The stored snapshot row of a number as the inbound path would read it (version 0 = marked stale). */
export async function storedSnapshotRow(scope: OrgDb, numberId: string): Promise<{ version: number; snapshot: unknown } | undefined> {
  return scope.db
    .select({ version: routingSnapshots.version, snapshot: routingSnapshots.snapshot })
    .from(routingSnapshots)
    .where(scope.where(routingSnapshots, eq(routingSnapshots.numberId, numberId)))
    .get();
}
