// Per-hour statistics rollups (issue 20 §3, C10): the SQL that folds inbound queue calls into
// cc_stats_hourly, and the reads of the statistics from it. A queue-hour's rows are rebuilt from its
// calls in the same D1 batch as each write that changes one of them (the record at the call's end,
// its after-call work, its wrap-up's category), so a replayed write never counts twice and a late
// change (ACW, category) lands in the right row. The per-call arithmetic is worker/db/stats.ts
// callCounts' own, row by row; migrations/0009 backfills the same SELECT over existing calls.
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { CallCounts } from '../contact-center/stats';
import type { OrgDb } from './scope';

export const HOUR_MS = 3_600_000;

const COLUMNS = sql.raw(
  'org_id, hour_start, queue_id, agent_user_id, category_id, inbound, answered, abandoned, callbacks, abandoned_long, answered_within, wait_count, wait_sum_ms, wait_max_ms, handled_count, talk_sum_ms, acw_sum_ms',
);

/**
 * The aggregate of calls `c` (joined to their org `o`, queue `q` and wrap-up `w`) grouped into
 * rollup rows. Thresholds are the queue's / org's when the hour is rebuilt.
 */
const AGGREGATE =
  sql.raw(`c.org_id, (c.started_at / ${HOUR_MS}) * ${HOUR_MS}, coalesce(c.queue_id, ''), coalesce(c.agent_user_id, ''), coalesce(w.category_id, ''),
  count(*),
  sum(case when c.answered_at is not null then 1 else 0 end),
  sum(case when c.outcome = 'abandoned' then 1 else 0 end),
  sum(case when c.outcome = 'callback' then 1 else 0 end),
  sum(case when c.outcome = 'abandoned' and coalesce(c.wait_ms, 0) >= o.short_abandon_seconds * 1000 then 1 else 0 end),
  sum(case when c.answered_at is not null and c.wait_ms <= coalesce(q.service_level_seconds, o.service_level_seconds) * 1000 then 1 else 0 end),
  count(c.wait_ms),
  coalesce(sum(c.wait_ms), 0),
  max(c.wait_ms),
  sum(case when c.answered_at is not null and c.duration_ms is not null then 1 else 0 end),
  coalesce(sum(case when c.answered_at is not null and c.duration_ms is not null then c.duration_ms end), 0),
  coalesce(sum(case when c.answered_at is not null and c.duration_ms is not null then coalesce(c.acw_ms, 0) end), 0)`);

const JOINS = sql.raw(`join orgs o on o.id = c.org_id
  left join queues q on q.id = c.queue_id and q.org_id = c.org_id
  left join wrap_ups w on w.call_id = c.id and w.org_id = c.org_id`);

const POPULATION = sql.raw(`c.kind = 'queue' and c.direction = 'inbound'`);

/** Whether a call is counted in the rollups (POPULATION's test): for any other, a rebuild of its hour changes nothing. */
export function countedInRollups(call: { kind: string; direction: string }): boolean {
  return call.kind === 'queue' && call.direction === 'inbound';
}
const GROUP = sql.raw(`group by 1, 2, 3, 4, 5`);

export type CallKey = { callSessionId: string } | { callId: string };

const dialect = new SQLiteSyncDialect({ casing: 'snake_case' });

/** A drizzle statement or raw SQL as a D1 statement (drizzle's own batch cannot carry raw SQL with parameters). */
export function d1Statement(scope: OrgDb, q: SQL | { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql: text, params } = 'toSQL' in q ? q.toSQL() : dialect.sqlToQuery(q);
  return scope.db.$client.prepare(text).bind(...params);
}

/** Runs statements as one D1 batch (one transaction, one round trip). */
export async function d1Batch(scope: OrgDb, items: (SQL | { toSQL(): { sql: string; params: unknown[] } } | D1PreparedStatement)[]): Promise<void> {
  await scope.db.$client.batch(items.map((q) => ('bind' in q ? q : d1Statement(scope, q))));
}

/**
 * The two statements that rebuild the rollup rows of the queue-hour of one call (none change when
 * it is not an inbound queue call): run them in the same batch as the write that changes the call.
 */
export function rebuildCallHour(scope: OrgDb, key: CallKey): [SQL, SQL] {
  const match = 'callSessionId' in key ? sql`call_session_id = ${key.callSessionId}` : sql`id = ${key.callId}`;
  const target = sql`with t as (select queue_id as qid, (started_at / ${sql.raw(String(HOUR_MS))}) * ${sql.raw(String(HOUR_MS))} as h from calls where org_id = ${scope.orgId} and ${match} and kind = 'queue' and direction = 'inbound')`;
  const clear = sql`${target} delete from cc_stats_hourly where org_id = ${scope.orgId} and exists (select 1 from t where t.h = cc_stats_hourly.hour_start and coalesce(t.qid, '') = cc_stats_hourly.queue_id)`;
  const fill = sql`${target} insert into cc_stats_hourly (${COLUMNS}) select ${AGGREGATE} from t join calls c on c.org_id = ${scope.orgId} and c.queue_id is t.qid and c.started_at >= t.h and c.started_at < t.h + ${sql.raw(String(HOUR_MS))} ${JOINS} where ${POPULATION} ${GROUP}`;
  return [clear, fill];
}

/** Rebuilds every rollup row of the organisation from its calls in D1 (an operator's repair; test seeds). */
export async function rebuildOrgRollups(scope: OrgDb): Promise<void> {
  await d1Batch(scope, [
    sql`delete from cc_stats_hourly where org_id = ${scope.orgId}`,
    sql`insert into cc_stats_hourly (${COLUMNS}) select ${AGGREGATE} from calls c ${JOINS} where c.org_id = ${scope.orgId} and ${POPULATION} ${GROUP}`,
  ]);
}

/** Whether [from, to) is made of whole UTC hours, so the rollups answer it exactly. */
export function hourAligned(from: number, to: number): boolean {
  return from % HOUR_MS === 0 && to % HOUR_MS === 0;
}

const n = (x: unknown) => Number(x ?? 0);

export type RollupCounts = CallCounts & { key: string | null; name: string | null };

/** statsRows' per-group counts from the rollups of [from, to) (whole hours). */
export async function rollupCounts(
  scope: OrgDb,
  group: 'total' | 'agent' | 'category',
  r: { from: number; to: number; queueId?: string | null },
): Promise<RollupCounts[]> {
  const key: SQL = group === 'agent' ? sql`nullif(r.agent_user_id, '')` : group === 'category' ? sql`nullif(r.category_id, '')` : sql`null`;
  const name: SQL =
    group === 'agent'
      ? sql`(select name from users u where u.id = nullif(r.agent_user_id, '') and u.org_id = ${scope.orgId})`
      : group === 'category'
        ? sql`(select name from consult_categories k where k.id = nullif(r.category_id, '') and k.org_id = ${scope.orgId})`
        : sql`null`;
  const queue = r.queueId ? sql`and r.queue_id = ${r.queueId}` : sql``;
  const groupBy = group === 'total' ? sql`` : sql`group by 1`;
  const rows = await scope.db.all<Record<string, unknown>>(
    sql`select ${key} as key, max(${name}) as name, sum(r.inbound) as inbound, sum(r.answered) as answered, sum(r.abandoned) as abandoned,
      sum(r.callbacks) as callbacks, sum(r.abandoned_long) as abandonedLong, sum(r.answered_within) as answeredWithin,
      sum(r.wait_count) as waitCount, sum(r.wait_sum_ms) as waitSumMs, max(r.wait_max_ms) as waitMaxMs,
      sum(r.handled_count) as handledCount, sum(r.talk_sum_ms) as talkSumMs, sum(r.acw_sum_ms) as acwSumMs
    from cc_stats_hourly r
    where r.org_id = ${scope.orgId} and r.hour_start >= ${r.from} and r.hour_start < ${r.to} ${queue} ${groupBy}`,
  );
  return rows
    .filter((row) => group !== 'total' || row.inbound !== null)
    .map((row) => ({
      key: typeof row.key === 'string' ? row.key : null,
      name: typeof row.name === 'string' ? row.name : null,
      inbound: n(row.inbound),
      answered: n(row.answered),
      abandoned: n(row.abandoned),
      callbacks: n(row.callbacks),
      abandonedLong: n(row.abandonedLong),
      answeredWithin: n(row.answeredWithin),
      waitCount: n(row.waitCount),
      waitSumMs: n(row.waitSumMs),
      waitMaxMs: row.waitMaxMs === null || row.waitMaxMs === undefined ? null : n(row.waitMaxMs),
      handledCount: n(row.handledCount),
      talkSumMs: n(row.talkSumMs),
      acwSumMs: n(row.acwSumMs),
    }));
}

/** The rollups of [from, to) summed by hour (hour_start → counts), for the C8 hourly graphs. */
export async function rollupHours(
  scope: OrgDb,
  r: { from: number; to: number; queueId?: string | null },
): Promise<Map<number, { inbound: number; answered: number; abandoned: number; waitCount: number; waitSumMs: number; waitMaxMs: number | null }>> {
  const queue = r.queueId ? sql`and queue_id = ${r.queueId}` : sql``;
  const rows = await scope.db.all<Record<string, unknown>>(
    sql`select hour_start as h, sum(inbound) as inbound, sum(answered) as answered, sum(abandoned) as abandoned, sum(wait_count) as waitCount,
      sum(wait_sum_ms) as waitSumMs, max(wait_max_ms) as waitMaxMs
    from cc_stats_hourly where org_id = ${scope.orgId} and hour_start >= ${r.from} and hour_start < ${r.to} ${queue} group by hour_start`,
  );
  return new Map(
    rows.map((row) => [
      n(row.h),
      {
        inbound: n(row.inbound),
        answered: n(row.answered),
        abandoned: n(row.abandoned),
        waitCount: n(row.waitCount),
        waitSumMs: n(row.waitSumMs),
        waitMaxMs: row.waitMaxMs === null || row.waitMaxMs === undefined ? null : n(row.waitMaxMs),
      },
    ]),
  );
}
