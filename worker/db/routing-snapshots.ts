// Routing snapshots, the hot read path: the precompiled per-number row the inbound path reads
// together with the caller's list entries in ONE statement, the directory lookup, and the list
// entries of an owner. A row missing or stale is rebuilt inline by the compiler (snapshot-compiler.ts).
import { and, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import * as v from 'valibot';
import { metrics } from '../metrics';
import { callerE164 } from '../phone';
import type { ListEntry } from '../routing/lists';
import type { CallRouting } from '../routing/route';
import { RoutingSnapshotSchema, SNAPSHOT_VERSION, type RoutingSnapshot } from '../routing/snapshot';
import { globalDb, replicaSession, type Db } from './client';
import { listEntries, routingSnapshots } from './schema';
import { dbFor, type OrgDb } from './scope';
import { rebuildSnapshot } from './snapshot-compiler';

/** A stored JSON column's value; text that is not JSON (a hand-made placeholder) is no snapshot. */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseSnapshot(raw: unknown, version: number): { snapshot: RoutingSnapshot | null; fresh: boolean } {
  const parsed = v.safeParse(RoutingSnapshotSchema, raw);
  const snapshot = parsed.success ? parsed.output : null;
  return { snapshot, fresh: snapshot !== null && version === SNAPSHOT_VERSION };
}

/**
 * The number directory lookup (global: the org is not known yet). A row that does not match the
 * current schema (the CLI's placeholder before the cron tick builds it, an older version) is missing.
 */
export async function findNumberSnapshot(db: Db, e164: string): Promise<RoutingSnapshot | null> {
  const row = await db
    .select({ snapshot: routingSnapshots.snapshot, version: routingSnapshots.version })
    .from(routingSnapshots)
    .where(eq(routingSnapshots.e164, e164))
    .get();
  return row ? parseSnapshot(row.snapshot, row.version).snapshot : null;
}

/**
 * The inbound path's one statement: the snapshot row LEFT JOIN the caller's unexpired entries on
 * the owner's lists (by list_entries_owner_number). Written out rather than built by the query
 * builder: it runs before every inbound call's first command, and building it (with a client over
 * the call's replica session) was most of the builder's share of an after-hours call's CPU. An
 * anonymous caller binds null, which equals nothing: they are on no list. Exported so a test can
 * read its query plan.
 */
export const CALL_ROUTING_SQL = `SELECT s.number_id, s.org_id, s.owner_user_id, s.snapshot, s.version, l.kind, l.number, l.expires_at
FROM routing_snapshots s
LEFT JOIN list_entries l ON l.org_id = s.org_id AND l.user_id = s.owner_user_id AND l.number = ?2 AND (l.expires_at IS NULL OR l.expires_at > ?3)
WHERE s.e164 = ?1`;

type CallRoutingRow = {
  number_id: string;
  org_id: string;
  owner_user_id: string | null;
  snapshot: string;
  version: number;
  kind: ListEntry['kind'] | null;
  number: string | null;
  expires_at: number | null;
};

/**
 * For a new inbound call: the dialled number's snapshot and the caller's list entries in one
 * statement, so one D1 round trip whatever the lists' size (the entries come by index, see
 * list_entries_owner_number). Only if the row is a placeholder not yet compiled (the operator
 * CLI's) or marked stale by a settings change is it rebuilt inline, so a call never acts on
 * settings older than the last save. Null = no such number.
 */
export async function snapshotForCall(env: { DB: D1Database }, dialled: string, caller: string | null, now: number = Date.now()): Promise<CallRouting | null> {
  const key = callerE164(caller);
  metrics.snapshotReads++;
  // Through a read-replication session: a replica a moment behind routes with the previous save at worst.
  const { results: rows } = await replicaSession(env).prepare(CALL_ROUTING_SQL).bind(dialled, key, now).all<CallRoutingRow>();
  const first = rows[0];
  if (!first) return null;
  const entries: ListEntry[] = [];
  for (const r of rows) if (r.kind !== null && r.number !== null) entries.push({ kind: r.kind, number: r.number, expiresAt: r.expires_at });

  const { snapshot, fresh } = parseSnapshot(jsonOrNull(first.snapshot), first.version);
  if (snapshot && fresh) return { snapshot, caller: key, entries };

  console.warn(JSON.stringify({ msg: 'stale routing snapshot rebuilt inline', numberId: first.number_id }));
  const rebuilt = await rebuildSnapshot(env, first.number_id);
  if (!rebuilt) return null;
  const owner = rebuilt.owner?.userId ?? null;
  // The joined entries belong to the owner the stale row named; a new owner's need one more read.
  const same = owner !== null && owner === first.owner_user_id;
  const own = same ? entries : owner && key ? await callerListEntries(dbFor(env, rebuilt.orgId), owner, key, now) : [];
  return { snapshot: rebuilt, caller: key, entries: own };
}

/** One caller's unexpired entries on one owner's lists (the stale path; the hot path joins them). */
export async function callerListEntries(scope: OrgDb, ownerUserId: string, caller: string, now: number): Promise<ListEntry[]> {
  return scope.db
    .select({ kind: listEntries.kind, number: listEntries.number, expiresAt: listEntries.expiresAt })
    .from(listEntries)
    .where(
      scope.where(
        listEntries,
        eq(listEntries.userId, ownerUserId),
        eq(listEntries.number, caller),
        or(isNull(listEntries.expiresAt), gt(listEntries.expiresAt, now)),
      ),
    )
    .all();
}

/** An owner's whole spam and free-pass lists (expired entries included), for what-if: build a ListIndex of it. */
export async function ownerListEntries(scope: OrgDb, ownerUserId: string): Promise<ListEntry[]> {
  return scope.db
    .select({ kind: listEntries.kind, number: listEntries.number, expiresAt: listEntries.expiresAt })
    .from(listEntries)
    .where(scope.where(listEntries, eq(listEntries.userId, ownerUserId)))
    .all();
}
