// Routing snapshots: the precompiled per-number row the inbound path reads with ONE point read,
// and its compiler from numbers, owner, personal settings, org and announcement choices.
import { and, eq, inArray, or } from 'drizzle-orm';
import * as v from 'valibot';
import { DEFAULT_ANNOUNCEMENTS, NumberSnapshotSchema, SNAPSHOT_VERSION, type NumberSnapshot, type SnapshotAnnouncements } from '../routing/snapshot';
import { metrics } from '../metrics';
import { globalDb, type Db } from './client';
import { announcementChoices, announcements, orgs, personalSettings, routingSnapshots, users, virtualNumbers } from './schema';
import { dbFor } from './scope';

/** `fresh` is false when a setting changed since it was compiled (version column marked stale). */
type SnapshotRow = { numberId: string; snapshot: NumberSnapshot | null; fresh: boolean };

async function readSnapshotRow(db: Db, e164: string): Promise<SnapshotRow | null> {
  metrics.snapshotReads++;
  const row = await db
    .select({ numberId: routingSnapshots.numberId, snapshot: routingSnapshots.snapshot, version: routingSnapshots.version })
    .from(routingSnapshots)
    .where(eq(routingSnapshots.e164, e164))
    .get();
  if (!row) return null;
  const parsed = v.safeParse(NumberSnapshotSchema, row.snapshot);
  const snapshot = parsed.success ? parsed.output : null;
  return { numberId: row.numberId, snapshot, fresh: snapshot !== null && row.version === SNAPSHOT_VERSION };
}

/**
 * The number directory lookup: the only global read of the inbound path. A row that does not
 * match the current schema (e.g. the CLI's placeholder before the cron tick builds it) is missing.
 */
export async function findNumberSnapshot(db: Db, e164: string): Promise<NumberSnapshot | null> {
  return (await readSnapshotRow(db, e164))?.snapshot ?? null;
}

/**
 * For a new inbound call: the point read, and only if the number's row is a placeholder not yet
 * compiled (the operator CLI's) or marked stale by a settings change, an inline rebuild, so a call
 * never acts on settings older than the last save.
 */
export async function snapshotForCall(env: { DB: D1Database }, e164: string): Promise<NumberSnapshot | null> {
  const row = await readSnapshotRow(globalDb(env), e164);
  if (!row) return null;
  if (row.fresh) return row.snapshot;
  console.warn(JSON.stringify({ msg: 'stale routing snapshot rebuilt inline', numberId: row.numberId }));
  return rebuildSnapshot(env, row.numberId);
}

const SNAPSHOT_TYPES = ['waiting', 'connect', 'unavailable', 'suspended'] as const;

/** Recompile the snapshot of one number (call after any setting it depends on changes). */
export async function rebuildSnapshot(env: { DB: D1Database }, numberId: string): Promise<NumberSnapshot | null> {
  // The directory read (global) only tells us the org; everything else goes through its scope.
  const dir = await globalDb(env).select({ orgId: virtualNumbers.orgId }).from(virtualNumbers).where(eq(virtualNumbers.id, numberId)).get();
  if (!dir) return null;
  const scope = dbFor(env, dir.orgId);
  const number = await scope.db
    .select()
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.id, numberId)))
    .get();
  const org = await scope.db.select().from(orgs).where(eq(orgs.id, scope.orgId)).get();
  if (!number || !org) return null;
  const owner = number.ownerUserId
    ? await scope.db
        .select()
        .from(users)
        .where(scope.where(users, eq(users.id, number.ownerUserId)))
        .get()
    : undefined;
  const personal = owner
    ? await scope.db
        .select()
        .from(personalSettings)
        .where(scope.where(personalSettings, eq(personalSettings.userId, owner.id)))
        .get()
    : undefined;

  const scopes = [and(eq(announcementChoices.scope, 'org'), eq(announcementChoices.scopeId, org.id))];
  if (owner) scopes.push(and(eq(announcementChoices.scope, 'personal'), eq(announcementChoices.scopeId, owner.id)));
  if (owner?.teamId) scopes.push(and(eq(announcementChoices.scope, 'team'), eq(announcementChoices.scopeId, owner.teamId)));
  const chosen = await scope.db
    .select({ scope: announcementChoices.scope, type: announcementChoices.type, text: announcements.text })
    .from(announcementChoices)
    .innerJoin(announcements, eq(announcements.id, announcementChoices.announcementId))
    .where(scope.where(announcementChoices, inArray(announcementChoices.type, [...SNAPSHOT_TYPES]), or(...scopes)))
    .all();
  const rank = { personal: 0, team: 1, org: 2 } as const;
  const texts: SnapshotAnnouncements = { ...DEFAULT_ANNOUNCEMENTS };
  for (const type of SNAPSHOT_TYPES) {
    const best = chosen.filter((c) => c.type === type).sort((a, b) => rank[a.scope] - rank[b.scope])[0];
    if (best) texts[type] = best.text;
  }

  const snapshot: NumberSnapshot = {
    version: SNAPSHOT_VERSION,
    numberId: number.id,
    orgId: org.id,
    e164: number.e164,
    kind: number.kind,
    paused: number.paused || org.disabled,
    owner: owner ? { userId: owner.id, mobile: owner.mobile, disabled: owner.disabled } : null,
    forwardCallerId: number.e164,
    ringTimeoutSeconds: Math.min(600, Math.max(5, personal?.ringTimeoutSeconds ?? 30)),
    timezone: org.timezone,
    recordingEnabled: org.recordingEnabled,
    announcements: texts,
  };
  const row = { e164: number.e164, orgId: org.id, numberId: number.id, version: SNAPSHOT_VERSION, snapshot, builtAt: Date.now() };
  await scope.db
    .insert(routingSnapshots)
    .values(row)
    .onConflictDoUpdate({
      target: routingSnapshots.e164,
      set: { orgId: row.orgId, numberId: row.numberId, version: row.version, snapshot, builtAt: row.builtAt },
    });
  return snapshot;
}
