// Rebuilds routing snapshots marked version 0: the operator CLI writes D1 through wrangler, without
// the snapshot compiler, so it leaves placeholders and stale marks for the cron tick to finish.
import { eq } from 'drizzle-orm';
import { globalDb, type Db } from './client';
import { rebuildSnapshot } from './routing-snapshots';
import { routingSnapshots } from './schema';

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
