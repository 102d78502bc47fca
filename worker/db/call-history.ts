// A staff member's call history (S13, B1): their safe-number calls and their masked outbound calls
// (S11) newest first, with the other party's phonebook name when one of their contacts has the
// number, and today's counts (inbound only) for the home card.
import { and, desc, eq, gte, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import { calls } from './schema';
import type { OrgDb } from './scope';

export type CallCursor = { startedAt: number; id: string };
export type CallFilter = { since?: number; until?: number; outcomes?: string[]; before?: CallCursor; limit: number };

/** Outcomes that are not "missed" on the home card: the call reached the owner, or was spam turned away on purpose. */
export const NOT_MISSED = ['connected', 'spam'] as const;

function owned(scope: OrgDb, ownerUserId: string, ...more: (ReturnType<typeof eq> | undefined)[]) {
  return scope.where(calls, eq(calls.ownerUserId, ownerUserId), eq(calls.kind, 'safe_number'), ...more);
}

/** The kinds of call a staff member's history lists: their safe number's, and the calls they made (S11). */
const HISTORY_KINDS = ['safe_number', 'masked_outbound'] as const;

/** The page's one statement, exported so a test can read its query plan. */
export function callHistoryQuery(scope: OrgDb, ownerUserId: string, f: CallFilter) {
  // The first of the owner's contacts with the other party's number (a correlated lookup by
  // contacts_user_number): the caller of an inbound call, the citizen called by an outbound one.
  // Columns named in full: drizzle writes a lone table's columns bare, and a bare "number" or
  // "org_id" inside the subquery would be the contact's own.
  const party = sql`CASE WHEN "calls"."direction" = 'outbound' THEN "calls"."to_number" ELSE "calls"."from_number" END`;
  const name = sql<
    string | null
  >`(SELECT "contacts"."name" FROM "contacts" WHERE "contacts"."org_id" = ${scope.orgId} AND "contacts"."user_id" = ${ownerUserId} AND "contacts"."number" = ${party} ORDER BY "contacts"."created_at" LIMIT 1)`;
  return scope.db
    .select({
      id: calls.id,
      kind: calls.kind,
      direction: calls.direction,
      numberId: calls.numberId,
      fromNumber: calls.fromNumber,
      toNumber: calls.toNumber,
      startedAt: calls.startedAt,
      answeredAt: calls.answeredAt,
      endedAt: calls.endedAt,
      outcome: calls.outcome,
      waitMs: calls.waitMs,
      durationMs: calls.durationMs,
      trace: calls.trace,
      hangupCause: calls.hangupCause,
      hangupSource: calls.hangupSource,
      callerName: name,
    })
    .from(calls)
    .where(
      scope.where(
        calls,
        eq(calls.ownerUserId, ownerUserId),
        inArray(calls.kind, [...HISTORY_KINDS]),
        f.since !== undefined ? gte(calls.startedAt, f.since) : undefined,
        f.until !== undefined ? lt(calls.startedAt, f.until) : undefined,
        f.outcomes?.length ? inArray(calls.outcome, f.outcomes) : undefined,
        f.before ? or(lt(calls.startedAt, f.before.startedAt), and(eq(calls.startedAt, f.before.startedAt), lt(calls.id, f.before.id))) : undefined,
      ),
    )
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(f.limit);
}

export async function callHistoryPage(scope: OrgDb, ownerUserId: string, f: CallFilter) {
  return callHistoryQuery(scope, ownerUserId, f).all();
}

export type CallHistoryRow = Awaited<ReturnType<typeof callHistoryPage>>[number];

/** Calls since an instant, and how many of them did not reach the owner (spam aside). */
export async function callCountsSince(scope: OrgDb, ownerUserId: string, since: number): Promise<{ calls: number; missed: number }> {
  const [all, missed] = await scope.db.batch([
    scope.db
      .select({ n: sql<number>`count(*)` })
      .from(calls)
      .where(owned(scope, ownerUserId, gte(calls.startedAt, since))),
    scope.db
      .select({ n: sql<number>`count(*)` })
      .from(calls)
      .where(owned(scope, ownerUserId, gte(calls.startedAt, since), notInArray(calls.outcome, [...NOT_MISSED]))),
  ]);
  return { calls: all[0]?.n ?? 0, missed: missed[0]?.n ?? 0 };
}
