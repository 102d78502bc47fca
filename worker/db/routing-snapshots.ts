// Routing snapshots: the precompiled per-number row the inbound path reads together with the
// caller's list entries in ONE statement, and its compiler from the number, its owner, personal
// settings, schedules, block windows, holidays, announcement choices and the org.
import { mayDial } from '../destinations';
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import * as v from 'valibot';
import { metrics } from '../metrics';
import { callerE164 } from '../phone';
import type { ListEntry } from '../routing/lists';
import { mergeSchedule, type ScheduleFields } from '../routing/schedule';
import type { CallRouting } from '../routing/route';
import { mergeShieldPolicy } from '../routing/shield';
import {
  DEFAULT_ANNOUNCEMENTS,
  RoutingSnapshotSchema,
  SNAPSHOT_VERSION,
  type AnnouncementKey,
  type RoutingSnapshot,
  type SnapshotAnnouncements,
} from '../routing/snapshot';
import { globalDb, replicaDb, type Db } from './client';
import {
  announcementChoices,
  announcements,
  blockWindows,
  holidays,
  listEntries,
  orgs,
  personalSettings,
  routingSnapshots,
  schedules,
  users,
  virtualNumbers,
} from './schema';
import { dbFor, type OrgDb } from './scope';

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

/** A join condition that holds for no row: an anonymous caller is on no list. */
const NEVER: SQL = sql`0`;

/**
 * The inbound path's one statement: the snapshot row LEFT JOIN the caller's unexpired entries on
 * the owner's lists (by list_entries_owner_number). Exported so a test can read its query plan.
 */
export function callRoutingQuery(db: Db, dialled: string, caller: string | null, now: number) {
  return db
    .select({
      numberId: routingSnapshots.numberId,
      orgId: routingSnapshots.orgId,
      ownerUserId: routingSnapshots.ownerUserId,
      snapshot: routingSnapshots.snapshot,
      version: routingSnapshots.version,
      kind: listEntries.kind,
      number: listEntries.number,
      expiresAt: listEntries.expiresAt,
    })
    .from(routingSnapshots)
    .leftJoin(
      listEntries,
      and(
        eq(listEntries.orgId, routingSnapshots.orgId),
        eq(listEntries.userId, routingSnapshots.ownerUserId),
        caller === null ? NEVER : eq(listEntries.number, caller),
        or(isNull(listEntries.expiresAt), gt(listEntries.expiresAt, now)),
      ),
    )
    .where(eq(routingSnapshots.e164, dialled));
}

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
  const rows = await callRoutingQuery(replicaDb(env), dialled, key, now).all();
  const first = rows[0];
  if (!first) return null;
  const entries: ListEntry[] = [];
  for (const r of rows) if (r.kind !== null && r.number !== null) entries.push({ kind: r.kind, number: r.number, expiresAt: r.expiresAt });

  const { snapshot, fresh } = parseSnapshot(first.snapshot, first.version);
  if (snapshot && fresh) return { snapshot, caller: key, entries };

  console.warn(JSON.stringify({ msg: 'stale routing snapshot rebuilt inline', numberId: first.numberId }));
  const rebuilt = await rebuildSnapshot(env, first.numberId);
  if (!rebuilt) return null;
  const owner = rebuilt.owner?.userId ?? null;
  // The joined entries belong to the owner the stale row named; a new owner's need one more read.
  const same = owner !== null && owner === first.ownerUserId;
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

/** Announcement types the snapshot resolves from choices (`error` is built-in only). */
const CHOSEN_TYPES = ['waiting', 'connect', 'unavailable', 'suspended', 'after_hours', 'lunch', 'block', 'limited', 'recording_notice'] as const;
CHOSEN_TYPES satisfies readonly AnnouncementKey[];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.trunc(n)));

/** A schedules row with anything malformed dropped (as if unset), so a bad row cannot break routing. */
function scheduleFields(row: typeof schedules.$inferSelect | undefined): ScheduleFields | null {
  if (!row) return null;
  const time = (t: string | null) => (t !== null && TIME.test(t) ? t : null);
  const lunchOk = time(row.lunchStartTime) !== null && time(row.lunchEndTime) !== null;
  return {
    workStartTime: time(row.workStartTime),
    workEndTime: time(row.workEndTime),
    weekdays: row.weekdays !== null && Number.isInteger(row.weekdays) && row.weekdays >= 0 && row.weekdays <= 127 ? row.weekdays : null,
    lunchStartTime: lunchOk ? row.lunchStartTime : null,
    lunchEndTime: lunchOk ? row.lunchEndTime : null,
  };
}

/** Compile the snapshot of one number from the current settings, without storing it (what-if, number check). */
export async function compileSnapshot(env: { DB: D1Database }, numberId: string): Promise<RoutingSnapshot | null> {
  // The directory read (global) only tells us the org; everything else goes through its scope.
  const dir = await globalDb(env).select({ orgId: virtualNumbers.orgId }).from(virtualNumbers).where(eq(virtualNumbers.id, numberId)).get();
  if (!dir) return null;
  const scope = dbFor(env, dir.orgId);
  const { db } = scope;
  const ownerId = db
    .select({ id: virtualNumbers.ownerUserId })
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.id, numberId)));
  const ownerTeam = db
    .select({ id: users.teamId })
    .from(users)
    .where(scope.where(users, inArray(users.id, ownerId)));
  const sameOrg = and(eq(announcements.id, announcementChoices.announcementId), eq(announcements.orgId, scope.orgId));

  const [numberRows, orgRows, ownerRows, personalRows, scheduleRows, windowRows, choiceRows, holidayRows] = await db.batch([
    db
      .select()
      .from(virtualNumbers)
      .where(scope.where(virtualNumbers, eq(virtualNumbers.id, numberId))),
    db.select().from(orgs).where(eq(orgs.id, scope.orgId)),
    db
      .select()
      .from(users)
      .where(scope.where(users, inArray(users.id, ownerId))),
    db
      .select()
      .from(personalSettings)
      .where(scope.where(personalSettings, inArray(personalSettings.userId, ownerId))),
    db
      .select()
      .from(schedules)
      .where(scope.where(schedules, or(isNull(schedules.userId), inArray(schedules.userId, ownerId)))),
    db
      .select({
        name: blockWindows.name,
        start: blockWindows.startTime,
        end: blockWindows.endTime,
        weekdays: blockWindows.weekdays,
        text: announcements.text,
      })
      .from(blockWindows)
      .leftJoin(announcements, and(eq(announcements.id, blockWindows.announcementId), eq(announcements.orgId, scope.orgId)))
      .where(scope.where(blockWindows, inArray(blockWindows.userId, ownerId), eq(blockWindows.enabled, true)))
      .orderBy(asc(blockWindows.createdAt), asc(blockWindows.id)),
    db
      .select({ scope: announcementChoices.scope, type: announcementChoices.type, text: announcements.text })
      .from(announcementChoices)
      .innerJoin(announcements, sameOrg)
      .where(
        scope.where(
          announcementChoices,
          inArray(announcementChoices.type, [...CHOSEN_TYPES]),
          or(
            and(eq(announcementChoices.scope, 'org'), eq(announcementChoices.scopeId, scope.orgId)),
            and(eq(announcementChoices.scope, 'team'), inArray(announcementChoices.scopeId, ownerTeam)),
            and(eq(announcementChoices.scope, 'personal'), inArray(announcementChoices.scopeId, ownerId)),
          ),
        ),
      ),
    db.select({ date: holidays.date, name: holidays.name }).from(holidays).where(scope.where(holidays)).orderBy(asc(holidays.date)),
  ]);
  const number = numberRows[0];
  const org = orgRows[0];
  if (!number || !org) return null;
  const owner = ownerRows[0];
  const personal = personalRows[0];

  // S5: the owner's own choice, else their team's, else the org's, else the built-in text.
  const rank = { personal: 0, team: 1, org: 2 } as const;
  const texts: SnapshotAnnouncements = { ...DEFAULT_ANNOUNCEMENTS };
  for (const type of CHOSEN_TYPES) {
    const best = choiceRows.filter((c) => c.type === type).sort((a, b) => rank[a.scope] - rank[b.scope])[0];
    if (best) texts[type] = best.text;
  }
  // S21: the notice text the org admin set in the org's settings is the org's word on recording;
  // no team or personal choice replaces it.
  if (org.recordingNoticeText) texts.recording_notice = org.recordingNoticeText;

  const schedule = mergeSchedule(
    scheduleFields(scheduleRows.find((s) => s.userId === null)),
    scheduleFields(owner ? scheduleRows.find((s) => s.userId === owner.id) : undefined),
  );
  const shield = mergeShieldPolicy(
    { limit: org.shieldLimit, windowMinutes: org.shieldWindowMinutes, coolOffMinutes: org.shieldCoolOffMinutes },
    personal ? { limit: personal.shieldLimit, windowMinutes: personal.shieldWindowMinutes, coolOffMinutes: personal.shieldCoolOffMinutes } : null,
  );

  return {
    version: SNAPSHOT_VERSION,
    numberId: number.id,
    orgId: org.id,
    e164: number.e164,
    kind: number.kind,
    paused: number.paused || org.disabled,
    // A mobile the destination policy refuses (stored before it) rings nothing: the call routes as without one.
    owner: owner ? { userId: owner.id, mobile: owner.mobile && mayDial(owner.mobile, 'person') ? owner.mobile : null, disabled: owner.disabled } : null,
    forwardCallerId: number.e164,
    ringTimeoutSeconds: clamp(personal?.ringTimeoutSeconds ?? 30, 5, 600),
    timezone: org.timezone,
    recordingEnabled: org.recordingEnabled,
    announcements: texts,
    hours: schedule.hours,
    lunch: schedule.lunch,
    immediateBlock: personal?.immediateBlock ?? false,
    blockWindows: windowRows
      .filter((w) => TIME.test(w.start) && TIME.test(w.end))
      .map((w) => ({ name: w.name, start: w.start, end: w.end, weekdays: clamp(w.weekdays, 0, 127), announcement: w.text ?? texts.block })),
    holidays: holidayRows,
    voicemail: { afterHours: personal?.voicemailAfterHours ?? false, noAnswer: personal?.voicemailNoAnswer ?? false },
    queueId: number.kind === 'service' ? number.queueId : null,
    shield: shield && {
      limit: clamp(shield.limit, 1, 1000),
      windowMinutes: clamp(shield.windowMinutes, 1, 24 * 60),
      coolOffMinutes: clamp(shield.coolOffMinutes, 0, 7 * 24 * 60),
    },
  };
}

/** Recompile and store the snapshot of one number (call after any setting it depends on changes). */
export async function rebuildSnapshot(env: { DB: D1Database }, numberId: string): Promise<RoutingSnapshot | null> {
  const snapshot = await compileSnapshot(env, numberId);
  if (!snapshot) return null;
  const scope = dbFor(env, snapshot.orgId);
  const row = {
    e164: snapshot.e164,
    orgId: snapshot.orgId,
    numberId: snapshot.numberId,
    ownerUserId: snapshot.owner?.userId ?? null,
    version: SNAPSHOT_VERSION,
    snapshot,
    builtAt: Date.now(),
  };
  await scope.db
    .insert(routingSnapshots)
    .values(row)
    .onConflictDoUpdate({
      target: routingSnapshots.e164,
      set: { orgId: row.orgId, numberId: row.numberId, ownerUserId: row.ownerUserId, version: row.version, snapshot, builtAt: row.builtAt },
    });
  return snapshot;
}
