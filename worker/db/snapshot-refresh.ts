// Rebuilds routing snapshots marked version 0: the operator CLI writes D1 through wrangler, without
// the snapshot compiler, so it leaves placeholders and stale marks for the cron tick to finish.
import { eq, inArray } from 'drizzle-orm';
import { globalDb, type Db } from './client';
import { rebuildSnapshot } from './snapshot-compiler';
import { routingSnapshots, users, virtualNumbers } from './schema';
import type { OrgDb } from './scope';

/** The version the CLI writes; an index on version keeps this lookup off a table scan. */
export const STALE_SNAPSHOT_VERSION = 0;

export async function staleSnapshots(db: Db, limit: number): Promise<{ e164: string; numberId: string }[]> {
  return db
    .select({ e164: routingSnapshots.e164, numberId: routingSnapshots.numberId })
    .from(routingSnapshots)
    .where(eq(routingSnapshots.version, STALE_SNAPSHOT_VERSION))
    .limit(limit)
    .all();
}

/** Rebuilds up to `limit` stale snapshots; a row whose number is gone leaves the directory. */
export async function refreshSnapshots(env: { DB: D1Database }, limit = 50): Promise<number> {
  const db = globalDb(env);
  const stale = await staleSnapshots(db, limit);
  for (const row of stale) {
    const rebuilt = await rebuildSnapshot(env, row.numberId);
    if (!rebuilt) await db.delete(routingSnapshots).where(eq(routingSnapshots.e164, row.e164));
  }
  return stale.length;
}

/**
 * An org-wide setting every snapshot compiles in (time zone, recording, disabled) changed: mark the
 * org's snapshots stale. The next call to one of them rebuilds it inline, the cron tick the rest.
 */
export async function markOrgSnapshotsStale(scope: OrgDb): Promise<void> {
  await scope.db.update(routingSnapshots).set({ version: STALE_SNAPSHOT_VERSION }).where(scope.where(routingSnapshots));
}

/** A user's routing facts (mobile, disabled, team) changed: mark the numbers they own stale. */
export async function markUserSnapshotsStale(scope: OrgDb, userId: string): Promise<void> {
  const owned = scope.db
    .select({ e164: virtualNumbers.e164 })
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.ownerUserId, userId)));
  await scope.db
    .update(routingSnapshots)
    .set({ version: STALE_SNAPSHOT_VERSION })
    .where(scope.where(routingSnapshots, inArray(routingSnapshots.e164, owned)));
}

/**
 * A team's settings every member's snapshot compiles in (its announcement choices) changed: mark
 * the numbers its members own stale.
 */
export async function markTeamSnapshotsStale(scope: OrgDb, teamId: string): Promise<void> {
  const members = scope.db
    .select({ id: users.id })
    .from(users)
    .where(scope.where(users, eq(users.teamId, teamId)));
  const owned = scope.db
    .select({ e164: virtualNumbers.e164 })
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, inArray(virtualNumbers.ownerUserId, members)));
  await scope.db
    .update(routingSnapshots)
    .set({ version: STALE_SNAPSHOT_VERSION })
    .where(scope.where(routingSnapshots, inArray(routingSnapshots.e164, owned)));
}
