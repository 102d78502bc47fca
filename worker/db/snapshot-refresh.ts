// Keeps the routing directory complete: numbers written outside the API (the operator CLI writes
// D1 through wrangler) or whose snapshot is outdated get theirs rebuilt on the cron tick.
import { eq, isNull, ne, or } from 'drizzle-orm';
import { SNAPSHOT_VERSION } from '../routing/snapshot';
import { globalDb, type Db } from './client';
import { rebuildSnapshot } from './routing-snapshots';
import { routingSnapshots, virtualNumbers } from './schema';

/** Numbers with no snapshot, or one of another version (the CLI marks an org's as version 0). */
export async function numbersNeedingSnapshot(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: virtualNumbers.id })
    .from(virtualNumbers)
    .leftJoin(routingSnapshots, eq(routingSnapshots.e164, virtualNumbers.e164))
    .where(or(isNull(routingSnapshots.e164), ne(routingSnapshots.version, SNAPSHOT_VERSION), ne(routingSnapshots.numberId, virtualNumbers.id)))
    .limit(limit)
    .all();
  return rows.map((r) => r.id);
}

/** Rebuilds up to `limit` missing or outdated snapshots; returns how many. */
export async function refreshSnapshots(env: { DB: D1Database }, limit = 50): Promise<number> {
  const ids = await numbersNeedingSnapshot(globalDb(env), limit);
  for (const id of ids) await rebuildSnapshot(env, id);
  return ids.length;
}
