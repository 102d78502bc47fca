// Virtual numbers of an organisation (P2): the org's list and its assignment to a user or a queue.
// The e164 column is globally unique: it is also the directory the inbound path reads.
import { asc, eq } from 'drizzle-orm';
import { newId } from '../ids';
import type { Db } from './client';
import { routingSnapshots, virtualNumbers } from './schema';
import type { OrgDb } from './scope';

export type VirtualNumber = typeof virtualNumbers.$inferSelect;
export type NumberKind = VirtualNumber['kind'];
export type Assignment = { ownerUserId: string | null; queueId: string | null };

export async function listNumbers(scope: OrgDb): Promise<VirtualNumber[]> {
  return scope.db.select().from(virtualNumbers).where(scope.where(virtualNumbers)).orderBy(asc(virtualNumbers.e164)).all();
}

export async function findNumber(scope: OrgDb, id: string): Promise<VirtualNumber | undefined> {
  return scope.db
    .select()
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.id, id)))
    .get();
}

/** Whether any organisation holds the number: e164 is unique across the platform. */
export async function numberExistsAnywhere(db: Db, e164: string): Promise<boolean> {
  const row = await db.select({ id: virtualNumbers.id }).from(virtualNumbers).where(eq(virtualNumbers.e164, e164)).get();
  return row !== undefined;
}

export async function insertNumber(scope: OrgDb, input: { e164: string; kind: NumberKind } & Assignment): Promise<VirtualNumber> {
  const [row] = await scope.db
    .insert(virtualNumbers)
    .values({ id: newId('num'), orgId: scope.orgId, ...input })
    .returning();
  if (!row) throw new Error('number insert returned nothing');
  return row;
}

export async function assignNumber(scope: OrgDb, id: string, assignment: Assignment): Promise<VirtualNumber | undefined> {
  const [row] = await scope.db
    .update(virtualNumbers)
    .set(assignment)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.id, id)))
    .returning();
  return row;
}

/** Deletes the number and its routing snapshot together, so the directory never routes a deleted number. */
export async function deleteNumber(scope: OrgDb, id: string): Promise<boolean> {
  const [, rows] = await scope.db.batch([
    scope.db.delete(routingSnapshots).where(scope.where(routingSnapshots, eq(routingSnapshots.numberId, id))),
    scope.db
      .delete(virtualNumbers)
      .where(scope.where(virtualNumbers, eq(virtualNumbers.id, id)))
      .returning({ id: virtualNumbers.id }),
  ]);
  return rows.length > 0;
}
