// The platform operator's overview (P1, P3): every organisation with its people, numbers, today's
// calls (today in each org's own zone) and what needs attention. The one cross-organisation read of
// the web app besides the operator's inquiry list; only the operator route calls it.
import { NUMBER_KINDS } from '../../contract/vocabularies';
import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';
import { localDateOf, startOfLocalDay } from '../contact-center/periods';
import type { Db } from './client';
import { calls, orgs, routingSnapshots, users, virtualNumbers } from './schema';

/** Org ids bound in one query of the day's calls (D1 binds at most 100 variables; the rest are the zone's day). */
const ORG_IDS_PER_QUERY = 90;

export type OrgOverview = {
  id: string;
  name: string;
  timezone: string;
  disabled: boolean;
  users: { total: number; disabled: number };
  numbers: { safeNumber: number; service: number; access: number };
  callsToday: { total: number; answered: number; unanswered: number; lastAt: number | null };
  /** Numbers whose routing snapshot is missing or waiting for the cron tick (calls still route, a little slower). */
  staleNumbers: number;
};

export async function operatorOverview(db: Db, now: number): Promise<OrgOverview[]> {
  const [orgRows, userRows, numberRows, staleRows] = await db.batch([
    db.select({ id: orgs.id, name: orgs.name, timezone: orgs.timezone, disabled: orgs.disabled }).from(orgs).orderBy(orgs.name),
    db
      .select({ orgId: users.orgId, total: count(), disabled: sql<number>`sum(${users.disabled})`.mapWith(Number) })
      .from(users)
      .groupBy(users.orgId),
    db.select({ orgId: virtualNumbers.orgId, kind: virtualNumbers.kind, n: count() }).from(virtualNumbers).groupBy(virtualNumbers.orgId, virtualNumbers.kind),
    db
      .select({ orgId: virtualNumbers.orgId, n: count() })
      .from(virtualNumbers)
      .leftJoin(routingSnapshots, eq(routingSnapshots.e164, virtualNumbers.e164))
      .where(sql`${routingSnapshots.e164} is null or ${routingSnapshots.version} = 0`)
      .groupBy(virtualNumbers.orgId),
  ]);
  // Today starts at each org's own local midnight: one grouped query per time zone in use, its org
  // ids in parts D1 can bind (at most 100 variables a query; with more orgs in one zone the page failed).
  const zones = new Map<string, string[]>();
  for (const o of orgRows) zones.set(o.timezone, [...(zones.get(o.timezone) ?? []), o.id]);
  const parts = [...zones].flatMap(([tz, ids]) =>
    Array.from({ length: Math.ceil(ids.length / ORG_IDS_PER_QUERY) }, (_, i) => [tz, ids.slice(i * ORG_IDS_PER_QUERY, (i + 1) * ORG_IDS_PER_QUERY)] as const),
  );
  const callRows = (
    await Promise.all(
      parts.map(([tz, ids]) =>
        db
          .select({
            orgId: calls.orgId,
            total: count(),
            answered: count(calls.answeredAt),
            lastAt: sql<number | null>`max(${calls.startedAt})`,
          })
          .from(calls)
          .where(and(inArray(calls.orgId, ids), gte(calls.startedAt, startOfLocalDay(localDateOf(now, tz), tz))))
          .groupBy(calls.orgId)
          .all(),
      ),
    )
  ).flat();
  const byOrg = <T extends { orgId: string }>(rows: T[]) => new Map(rows.map((r) => [r.orgId, r]));
  const u = byOrg(userRows);
  const s = byOrg(staleRows);
  const c = byOrg(callRows);
  return orgRows.map((o) => {
    const numbers = Object.fromEntries(NUMBER_KINDS.map((k) => [k, numberRows.find((r) => r.orgId === o.id && r.kind === k)?.n ?? 0]));
    const today = c.get(o.id);
    return {
      id: o.id,
      name: o.name,
      timezone: o.timezone,
      disabled: o.disabled,
      users: { total: u.get(o.id)?.total ?? 0, disabled: u.get(o.id)?.disabled ?? 0 },
      numbers: { safeNumber: numbers.safe_number ?? 0, service: numbers.service ?? 0, access: numbers.access ?? 0 },
      callsToday: {
        total: today?.total ?? 0,
        answered: today?.answered ?? 0,
        unanswered: (today?.total ?? 0) - (today?.answered ?? 0),
        lastAt: today?.lastAt ?? null,
      },
      staleNumbers: s.get(o.id)?.n ?? 0,
    };
  });
}
