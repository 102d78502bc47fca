// Reading across the retention window (issue 20 §3): a page read from D1 completed from the months
// archived to R2, merged in the same order (newest first, then id) with the same filters and cursor,
// so a client pages on without knowing where a month lives. One merge (withArchived) serves the staff
// call history (S13), the contact-center history (C9) and the audit log viewer (P8). Parts are listed
// through archive_parts by the org (another org's parts are never read), only those whose time range
// meets the page's, newest first, and reading stops once no older part can reach the page.
import { inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditFilter, listAuditPage } from '../db/audit';
import type { CallFilter, CallHistoryRow } from '../db/call-history';
import { CC_CALL_KINDS, type CallDetail as CcCallDetail, type CallHistoryFilter, type CallRow as CcCallRow } from '../db/cc-calls';
import { announcements, consultCategories, queues, teams, users, virtualNumbers } from '../db/schema';
import type { OrgDb } from '../db/scope';
import type { Bindings } from '../env';
import { listParts, readPart, type Dataset } from './job';

/** An archived row as stored: the D1 row's columns, snake_case, JSON columns parsed. */
export type ArchivedRow = Record<string, unknown>;

type Keyed = { at: number; id: string };

export type ArchivedPage<T> = {
  dataset: Dataset;
  /** The D1 page: the first `limit` rows after the cursor, newest first. */
  d1Rows: T[];
  limit: number;
  /** The page's time range, [from, to). */
  from?: number;
  to?: number;
  /** Only rows strictly older than this (time, then id). */
  before?: Keyed;
  key: (row: T) => Keyed;
  /** The archived row in the page's shape, or undefined when the page's filters leave it out. */
  pick: (raw: ArchivedRow) => T | undefined;
};

const newerFirst = (a: Keyed, b: Keyed) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The page completed from archived parts (when any meets it): the first `limit` of both, in order. */
export async function withArchived<T>(env: Bindings, scope: OrgDb, page: ArchivedPage<T>): Promise<T[]> {
  const { d1Rows, limit, key } = page;
  const last = d1Rows.at(-1);
  // A full D1 page needs only archived rows at or after its last row; a short one, everything older too.
  const from = d1Rows.length === limit && last ? key(last).at : page.from;
  const upper = Math.min(page.to ?? Infinity, page.before ? page.before.at + 1 : Infinity);
  const parts = await listParts(scope, page.dataset, { from, to: Number.isFinite(upper) ? upper : undefined });
  if (!parts.length) return d1Rows;
  const seen = new Set(d1Rows.map((r) => key(r).id));
  let merged = d1Rows;
  for (const [i, p] of parts.entries()) {
    const extra: T[] = [];
    for (const raw of await readPart(env, p.r2Key)) {
      const row = page.pick(raw);
      if (!row) continue;
      const k = key(row);
      if (seen.has(k.id)) continue;
      if (page.from !== undefined && k.at < page.from) continue;
      if (page.to !== undefined && k.at >= page.to) continue;
      if (page.before && newerFirst(k, page.before) <= 0) continue;
      seen.add(k.id);
      extra.push(row);
    }
    if (extra.length) merged = [...merged, ...extra].sort((a, b) => newerFirst(key(a), key(b))).slice(0, limit);
    // Parts come newest first by their last row: once the page is full with rows newer than the
    // next part's newest, no older part can change it.
    const next = parts[i + 1];
    const edge = merged.at(-1);
    if (next && merged.length === limit && edge && key(edge).at > next.lastAt) break;
  }
  return merged;
}

/** The fields of an archived page of calls (both histories): keyed by start, then id. */
function callsPage<T extends { startedAt: number; id: string }>(d1Rows: T[], limit: number, before: { startedAt: number; id: string } | undefined) {
  return {
    dataset: 'calls' as const,
    d1Rows,
    limit,
    before: before ? { at: before.startedAt, id: before.id } : undefined,
    key: (r: T) => ({ at: r.startedAt, id: r.id }),
  };
}

const num = (x: unknown) => (typeof x === 'number' ? x : null);
const str = (x: unknown) => (typeof x === 'string' ? x : null);

const HISTORY_KINDS = new Set(['safe_number', 'masked_outbound']);

/** An archived calls row (snake_case, as stored) in the shape of a history row. */
function historyRow(r: ArchivedRow): CallHistoryRow {
  return {
    id: String(r.id),
    kind: String(r.kind) as CallHistoryRow['kind'],
    direction: String(r.direction) as CallHistoryRow['direction'],
    numberId: str(r.number_id),
    fromNumber: String(r.from_number),
    toNumber: String(r.to_number),
    startedAt: Number(r.started_at),
    answeredAt: num(r.answered_at),
    endedAt: num(r.ended_at),
    outcome: String(r.outcome),
    waitMs: num(r.wait_ms),
    durationMs: num(r.duration_ms),
    trace: Array.isArray(r.trace) ? (r.trace as unknown[]) : null,
    hangupCause: str(r.hangup_cause),
    hangupSource: str(r.hangup_source),
    // The phonebook name is looked up live for D1 rows; an archived month shows the number.
    callerName: null,
  };
}

/** The staff history page `d1Rows` (callHistoryPage's answer for `f`) completed from archived months. */
export async function withArchivedHistory(
  env: Bindings,
  scope: OrgDb,
  ownerUserId: string,
  f: CallFilter,
  d1Rows: CallHistoryRow[],
): Promise<CallHistoryRow[]> {
  const outcomes = f.outcomes?.length ? new Set(f.outcomes) : null;
  return withArchived(env, scope, {
    ...callsPage(d1Rows, f.limit, f.before),
    from: f.since,
    to: f.until,
    pick: (raw) => {
      if (raw.owner_user_id !== ownerUserId || !HISTORY_KINDS.has(String(raw.kind))) return undefined;
      const row = historyRow(raw);
      return outcomes && !outcomes.has(row.outcome) ? undefined : row;
    },
  });
}

const CC_KINDS = new Set<string>(CC_CALL_KINDS);

type ArchivedWrapUp = { categoryId?: string | null; notes?: string | null } | null;

/** Whether an archived calls row passes the consult history's filters (those of listCallHistory). */
function ccMatches(r: ArchivedRow, f: CallHistoryFilter): boolean {
  if (!CC_KINDS.has(String(r.kind))) return false;
  const wrapUp = (r.wrap_up ?? null) as ArchivedWrapUp;
  const answered = r.answered_at !== null && r.answered_at !== undefined;
  if (f.view === 'mine' && r.agent_user_id !== f.userId) return false;
  if (f.view === 'unanswered' && !(r.kind === 'queue' && r.direction === 'inbound' && !answered)) return false;
  if (f.queueId && r.queue_id !== f.queueId) return false;
  if (f.agentId && r.agent_user_id !== f.agentId) return false;
  if (f.categoryId === 'none' && (wrapUp?.categoryId ?? null) !== null) return false;
  if (f.categoryId && f.categoryId !== 'none' && wrapUp?.categoryId !== f.categoryId) return false;
  switch (f.outcome) {
    case 'answered':
      return answered;
    case 'unanswered':
      return !answered;
    case 'abandoned':
    case 'callback':
      return r.outcome === f.outcome;
    case 'overflow':
      return r.outcome === 'overflow' || r.outcome === 'voicemail';
    default:
      return true;
  }
}

/** An archived calls row as a consult history row; names are filled in afterwards (ccNames). */
function ccRow(r: ArchivedRow): CcCallRow {
  const wrapUp = (r.wrap_up ?? null) as ArchivedWrapUp;
  const inbound = r.direction === 'inbound';
  return {
    id: String(r.id),
    direction: inbound ? 'inbound' : 'outbound',
    kind: String(r.kind),
    queueId: str(r.queue_id),
    queueName: null,
    agentUserId: str(r.agent_user_id),
    agentName: null,
    customer: String(inbound ? r.from_number : r.to_number),
    serviceNumber: String(inbound ? r.to_number : r.from_number),
    startedAt: Number(r.started_at),
    answeredAt: num(r.answered_at),
    endedAt: num(r.ended_at),
    outcome: String(r.outcome),
    waitMs: num(r.wait_ms),
    durationMs: num(r.duration_ms),
    acwMs: num(r.acw_ms),
    wrapUp: wrapUp ? { categoryId: wrapUp.categoryId ?? null, categoryName: null, hasNotes: (wrapUp.notes ?? '') !== '' } : null,
    // A call whose recording is still kept is never archived.
    recording: null,
  };
}

/** Names of the org's queues, users and categories by id, as D1 has them now (a name deleted since stays null). */
async function namesOf(
  scope: OrgDb,
  table: SQLiteTable & { id: SQLiteColumn; orgId: SQLiteColumn },
  name: SQLiteColumn,
  ids: (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  if (!wanted.length) return new Map();
  const rows = await scope.db
    .select({ id: sql<string>`${table.id}`, name: sql<string>`${name}` })
    .from(table)
    .where(scope.where(table, inArray(table.id, wanted)))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The consult history page `d1Rows` (listCallHistory's answer for `f`) completed from archived months. */
export async function withArchivedCcHistory(env: Bindings, scope: OrgDb, f: CallHistoryFilter, d1Rows: CcCallRow[]): Promise<CcCallRow[]> {
  const fromD1 = new Set(d1Rows.map((r) => r.id));
  const rows = await withArchived(env, scope, {
    ...callsPage(d1Rows, f.limit, f.before),
    from: f.from,
    to: f.to,
    pick: (raw) => (ccMatches(raw, f) ? ccRow(raw) : undefined),
  });
  const archived = rows.filter((r) => !fromD1.has(r.id));
  if (!archived.length) return rows;
  const named = new Map((await withNames(scope, archived)).map((r) => [r.id, r]));
  return rows.map((r) => named.get(r.id) ?? r);
}

/** Archived consult rows with the names of their queue, agent and category as D1 has them now. */
async function withNames(scope: OrgDb, archived: CcCallRow[]): Promise<CcCallRow[]> {
  const [queueNames, agentNames, categoryNames] = await Promise.all([
    namesOf(
      scope,
      queues,
      queues.name,
      archived.map((r) => r.queueId),
    ),
    namesOf(
      scope,
      users,
      users.name,
      archived.map((r) => r.agentUserId),
    ),
    namesOf(
      scope,
      consultCategories,
      consultCategories.name,
      archived.map((r) => r.wrapUp?.categoryId),
    ),
  ]);
  return archived.map((r) => ({
    ...r,
    queueName: (r.queueId && queueNames.get(r.queueId)) ?? null,
    agentName: (r.agentUserId && agentNames.get(r.agentUserId)) ?? null,
    wrapUp: r.wrapUp ? { ...r.wrapUp, categoryName: (r.wrapUp.categoryId && categoryNames.get(r.wrapUp.categoryId)) ?? null } : null,
  }));
}

type AuditPageRow = Awaited<ReturnType<typeof listAuditPage>>[number];

/** The audit log page `d1Rows` (listAuditPage's answer for `f`) completed from archived months. */
export async function withArchivedAudit(env: Bindings, scope: OrgDb, f: AuditFilter, d1Rows: AuditPageRow[]): Promise<AuditPageRow[]> {
  const fromD1 = new Set(d1Rows.map((r) => r.id));
  const rows = await withArchived(env, scope, {
    dataset: 'audit_log',
    d1Rows,
    limit: f.limit,
    before: f.before ? { at: f.before.createdAt, id: f.before.id } : undefined,
    key: (r) => ({ at: r.createdAt, id: r.id }),
    pick: (raw): AuditPageRow | undefined => {
      const action = String(raw.action);
      if (f.action && action !== f.action) return undefined;
      if (f.actionPrefix && !action.startsWith(f.actionPrefix)) return undefined;
      return {
        id: String(raw.id),
        actorUserId: str(raw.actor_user_id),
        actorName: null,
        actorLoginId: null,
        action,
        targetType: str(raw.target_type),
        targetId: str(raw.target_id),
        targetName: null,
        targetLoginId: null,
        detail: raw.detail && typeof raw.detail === 'object' ? (raw.detail as Record<string, unknown>) : null,
        ip: str(raw.ip),
        createdAt: Number(raw.created_at),
      };
    },
  });
  const archived = rows.filter((r) => !fromD1.has(r.id));
  if (!archived.length) return rows;
  // Names as the live page resolves them (listAuditPage's targetName): looked up in D1 now, inside the org.
  const byType = (type: string) => archived.filter((r) => r.targetType === type).map((r) => r.targetId);
  const [people, teamNames, queueNames, categoryNames, announcementNames, numberNames] = await Promise.all([
    peopleOf(scope, [...archived.map((r) => r.actorUserId), ...byType('user')]),
    namesOf(scope, teams, teams.name, byType('team')),
    namesOf(scope, queues, queues.name, byType('queue')),
    namesOf(scope, consultCategories, consultCategories.name, byType('category')),
    namesOf(scope, announcements, announcements.name, byType('announcement')),
    namesOf(scope, virtualNumbers, virtualNumbers.e164, byType('number')),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const named: Record<string, Map<string, string>> = {
    team: teamNames,
    queue: queueNames,
    category: categoryNames,
    announcement: announcementNames,
    number: numberNames,
  };
  return rows.map((r) => {
    if (fromD1.has(r.id)) return r;
    const actor = r.actorUserId ? person.get(r.actorUserId) : undefined;
    const target = r.targetType === 'user' && r.targetId ? person.get(r.targetId) : undefined;
    const other = r.targetType && r.targetId ? named[r.targetType]?.get(r.targetId) : undefined;
    return {
      ...r,
      actorName: actor?.name ?? null,
      actorLoginId: actor?.loginId ?? null,
      targetName: target?.name ?? other ?? null,
      targetLoginId: target?.loginId ?? null,
    };
  });
}

/** Names and login IDs of the org's users by id. */
async function peopleOf(scope: OrgDb, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (!wanted.length) return [];
  return scope.db
    .select({ id: users.id, name: users.name, loginId: users.loginId })
    .from(users)
    .where(scope.where(users, inArray(users.id, wanted)))
    .all();
}

/**
 * One contact-center call archived at `at` (its start, from the history row that links to it), as
 * the detail reads it; undefined when no part of the org around that instant holds it. Its wrap-up
 * comes as archived (the editor's name is not kept); a callback request is never archived with it.
 */
export async function findArchivedCcCall(env: Bindings, scope: OrgDb, callId: string, at: number): Promise<CcCallDetail | undefined> {
  for (const p of await listParts(scope, 'calls', { from: at, to: at + 1 })) {
    const raw = (await readPart(env, p.r2Key)).find((r) => r.id === callId && r.started_at === at && CC_KINDS.has(String(r.kind)));
    if (!raw) continue;
    const [named] = await withNames(scope, [ccRow(raw)]);
    if (!named) return undefined;
    const wrapUp = (raw.wrap_up ?? null) as (ArchivedWrapUp & { updatedAt?: number | null; createdAt?: number | null }) | null;
    return {
      ...named,
      wrapUp: wrapUp
        ? {
            categoryId: wrapUp.categoryId ?? null,
            categoryName: named.wrapUp?.categoryName ?? null,
            notes: wrapUp.notes ?? '',
            updatedAt: wrapUp.updatedAt ?? wrapUp.createdAt ?? null,
            updatedByName: null,
          }
        : null,
      callback: null,
    };
  }
  return undefined;
}
