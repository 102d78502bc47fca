// Contact-center statistics (C10) in SQL over the stored per-call facts (calls, wrap_ups) and the
// agent state history, tenant-scoped. Ranges of whole UTC hours (every period of a zone with a
// whole-hour offset, such as Asia/Seoul) read the per-hour rollups (worker/db/stats-rollups.ts), which
// outlive the archived calls; other ranges count the raw rows. The definitions and the formulas are in
// worker/contact-center/stats.ts; the period boundaries in worker/contact-center/periods.ts.
import type { HourBucket } from '../../contract/cc-live';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { agentsNeeded, type StaffingHint } from '../contact-center/erlang-c';
import { hourStarts, periodRange, type PeriodName } from '../contact-center/periods';
import { DEFAULT_QUEUE_CONFIG } from '../contact-center/queue-types';
import {
  EMPTY_COUNTS,
  figuresOf,
  sumCounts,
  type AgentActivity,
  type CallCounts,
  type StatsGroup,
  type StatsReport,
  type StatsRow,
} from '../contact-center/stats';
import { agentStateHistory, calls, consultCategories, orgs, queues, users, wrapUps } from './schema';
import type { OrgDb } from './scope';
import { hourAligned, rollupCounts, rollupHours } from './stats-rollups';

export type StatsRange = {
  from: number;
  to: number;
  /** Open state-history rows count until now. */
  now: number;
  queueId?: string | null;
  /** The org's service-level seconds; a queue's own setting wins. */
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
};

export type StatsSettings = { timezone: string; serviceLevelSeconds: number; shortAbandonSeconds: number; serviceLevelTargetPercent: number };

export async function statsSettings(scope: OrgDb): Promise<StatsSettings> {
  const row = await scope.db
    .select({
      timezone: orgs.timezone,
      serviceLevelSeconds: orgs.serviceLevelSeconds,
      shortAbandonSeconds: orgs.shortAbandonSeconds,
      serviceLevelTargetPercent: orgs.serviceLevelTargetPercent,
    })
    .from(orgs)
    .where(eq(orgs.id, scope.orgId))
    .get();
  if (!row) throw new Error('organisation not found');
  return row;
}

const n = (x: unknown) => Number(x ?? 0);

/** The per-group counts; each row's key is the group key (null = total / no agent / no category). */
export async function callCounts(scope: OrgDb, group: StatsGroup, r: StatsRange): Promise<(CallCounts & { key: string | null; name: string | null })[]> {
  const answered = sql`${calls.answeredAt} is not null`;
  const abandoned = sql`${calls.outcome} = 'abandoned'`;
  const threshold = sql`coalesce(${queues.serviceLevelSeconds}, ${r.serviceLevelSeconds}) * 1000`;
  const handled = sql`${answered} and ${calls.durationMs} is not null`;
  const key: SQL<string | null> = group === 'agent' ? sql`${calls.agentUserId}` : group === 'category' ? sql`${wrapUps.categoryId}` : sql<null>`null`;
  const name: SQL<string | null> = group === 'agent' ? sql`max(${users.name})` : group === 'category' ? sql`max(${consultCategories.name})` : sql<null>`null`;
  const q = scope.db
    .select({
      key,
      name,
      inbound: sql<number>`count(*)`,
      answered: sql<number>`sum(case when ${answered} then 1 else 0 end)`,
      abandoned: sql<number>`sum(case when ${abandoned} then 1 else 0 end)`,
      callbacks: sql<number>`sum(case when ${calls.outcome} = 'callback' then 1 else 0 end)`,
      abandonedLong: sql<number>`sum(case when ${abandoned} and coalesce(${calls.waitMs}, 0) >= ${r.shortAbandonSeconds * 1000} then 1 else 0 end)`,
      answeredWithin: sql<number>`sum(case when ${answered} and ${calls.waitMs} <= ${threshold} then 1 else 0 end)`,
      waitCount: sql<number>`count(${calls.waitMs})`,
      waitSumMs: sql<number>`coalesce(sum(${calls.waitMs}), 0)`,
      waitMaxMs: sql<number | null>`max(${calls.waitMs})`,
      handledCount: sql<number>`sum(case when ${handled} then 1 else 0 end)`,
      talkSumMs: sql<number>`coalesce(sum(case when ${handled} then ${calls.durationMs} end), 0)`,
      acwSumMs: sql<number>`coalesce(sum(case when ${handled} then coalesce(${calls.acwMs}, 0) end), 0)`,
    })
    .from(calls)
    .leftJoin(queues, and(eq(queues.id, calls.queueId), eq(queues.orgId, scope.orgId)))
    .leftJoin(wrapUps, and(eq(wrapUps.callId, calls.id), eq(wrapUps.orgId, scope.orgId)))
    .leftJoin(users, and(eq(users.id, calls.agentUserId), eq(users.orgId, scope.orgId)))
    .leftJoin(consultCategories, and(eq(consultCategories.id, wrapUps.categoryId), eq(consultCategories.orgId, scope.orgId)))
    .where(
      scope.where(
        calls,
        eq(calls.kind, 'queue'),
        eq(calls.direction, 'inbound'),
        gte(calls.startedAt, r.from),
        lt(calls.startedAt, r.to),
        r.queueId ? eq(calls.queueId, r.queueId) : undefined,
      ),
    );
  const rows = group === 'total' ? await q.all() : await q.groupBy(key).all();
  return rows.map((row) => ({
    key: row.key ?? null,
    name: row.name ?? null,
    inbound: n(row.inbound),
    answered: n(row.answered),
    abandoned: n(row.abandoned),
    callbacks: n(row.callbacks),
    abandonedLong: n(row.abandonedLong),
    answeredWithin: n(row.answeredWithin),
    waitCount: n(row.waitCount),
    waitSumMs: n(row.waitSumMs),
    waitMaxMs: row.waitMaxMs === null ? null : n(row.waitMaxMs),
    handledCount: n(row.handledCount),
    talkSumMs: n(row.talkSumMs),
    acwSumMs: n(row.acwSumMs),
  }));
}

/**
 * Per agent: offers presented (ringing rows started in the range), offers missed (break rows with
 * reason missed_offer started in the range) and seconds in each state, rows clipped to [from, min(to, now)).
 */
export async function agentActivity(scope: OrgDb, r: Pick<StatsRange, 'from' | 'to' | 'now'>): Promise<Map<string, AgentActivity & { name: string | null }>> {
  const upper = Math.min(r.to, r.now);
  const end = sql`coalesce(${agentStateHistory.endedAt}, ${r.now})`;
  const startedIn = sql`${agentStateHistory.startedAt} >= ${r.from} and ${agentStateHistory.startedAt} < ${r.to}`;
  const rows = await scope.db
    .select({
      userId: agentStateHistory.userId,
      name: sql<string | null>`max(${users.name})`,
      state: agentStateHistory.state,
      ms: sql<number>`sum(max(0, min(${end}, ${upper}) - max(${agentStateHistory.startedAt}, ${r.from})))`,
      started: sql<number>`sum(case when ${startedIn} then 1 else 0 end)`,
      missed: sql<number>`sum(case when ${startedIn} and ${agentStateHistory.reason} = 'missed_offer' then 1 else 0 end)`,
    })
    .from(agentStateHistory)
    .leftJoin(users, and(eq(users.id, agentStateHistory.userId), eq(users.orgId, scope.orgId)))
    .where(scope.where(agentStateHistory, lt(agentStateHistory.startedAt, r.to), sql`${end} > ${r.from}`))
    .groupBy(agentStateHistory.userId, agentStateHistory.state)
    .all();
  const out = new Map<string, AgentActivity & { name: string | null }>();
  for (const row of rows) {
    let a = out.get(row.userId);
    if (!a) out.set(row.userId, (a = { name: row.name, offers: 0, missedOffers: 0, stateSeconds: {} }));
    a.stateSeconds[row.state] = n(row.ms) / 1000;
    if (row.state === 'ringing') a.offers += n(row.started);
    a.missedOffers += n(row.missed);
  }
  return out;
}

/** One group's rows for an explicit range; the total row always exists, even with no calls. */
export async function statsRows(scope: OrgDb, group: StatsGroup, r: StatsRange): Promise<StatsRow[]> {
  const counts = hourAligned(r.from, r.to) ? await rollupCounts(scope, group, r) : await callCounts(scope, group, r);
  if (group === 'total') return [{ ...figuresOf(counts[0] ?? EMPTY_COUNTS), key: null, name: null }];
  const rows: StatsRow[] = counts.map(({ key, name, ...c }) => ({ ...figuresOf(c), key, name }));
  if (group === 'agent') {
    const activity = await agentActivity(scope, r);
    for (const row of rows) {
      const a = row.key !== null ? activity.get(row.key) : undefined;
      if (a) row.activity = { offers: a.offers, missedOffers: a.missedOffers, stateSeconds: a.stateSeconds };
    }
    // Agents who worked (offers, time in states) but took no call in the range still get a row.
    for (const [userId, a] of activity) {
      if (rows.some((row) => row.key === userId)) continue;
      rows.push({
        ...figuresOf(EMPTY_COUNTS),
        key: userId,
        name: a.name,
        activity: { offers: a.offers, missedOffers: a.missedOffers, stateSeconds: a.stateSeconds },
      });
    }
  }
  // Named groups by name, the unnamed ("no agent" / "no category") last.
  return rows.sort((x, y) => (x.key === null ? 1 : y.key === null ? -1 : (x.name ?? x.key).localeCompare(y.name ?? y.key, 'ko')));
}

/** A named period in the org's time zone with the org's thresholds: what the statistics screen asks for. */
export async function statsReport(scope: OrgDb, opts: { period: PeriodName; group: StatsGroup; now: number; queueId?: string | null }): Promise<StatsReport> {
  const settings = await statsSettings(scope);
  const period = periodRange(opts.period, opts.now, settings.timezone);
  const rows = await statsRows(scope, opts.group, {
    from: period.from,
    to: period.to,
    now: opts.now,
    queueId: opts.queueId ?? null,
    serviceLevelSeconds: settings.serviceLevelSeconds,
    shortAbandonSeconds: settings.shortAbandonSeconds,
  });
  return {
    period,
    group: opts.group,
    queueId: opts.queueId ?? null,
    serviceLevelSeconds: settings.serviceLevelSeconds,
    shortAbandonSeconds: settings.shortAbandonSeconds,
    rows,
    total: opts.group === 'total' && rows[0] ? rows[0] : { ...figuresOf(sumCounts(rows)), key: null, name: null },
  };
}

/** One local hour of the C8 graphs (contract/cc-live.ts): arrivals and answers, and the waits of the calls that arrived in it. */
export type { HourBucket };

/**
 * Inbound queue calls of one local day bucketed by the local hour they arrived in (the org's zone,
 * boundaries from `hourStarts`), in SQL: the same population and wait definition as `statsRows`.
 */
export async function hourlyBuckets(scope: OrgDb, opts: { date: string; timezone: string; queueId?: string | null }): Promise<HourBucket[]> {
  const starts = hourStarts(opts.date, opts.timezone);
  const from = starts[0] ?? 0;
  const to = starts[24] ?? from;
  // case when started_at < <start of hour 1> then 0 when … < <start of hour 23> then 22 else 23 end.
  // The boundaries are integers computed here, written inline: bound, the expression (repeated in
  // GROUP BY) would take ~92 of the 100 parameters D1 allows per statement.
  const int = (x: number) => {
    if (!Number.isSafeInteger(x)) throw new RangeError('hour boundary must be an integer');
    return sql.raw(String(x));
  };
  if (starts.every((s) => hourAligned(s, s))) {
    // Each UTC hour of the rollups falls in the local hour whose start is the last one at or before
    // it (a repeated hour when clocks go back takes both of its UTC hours).
    const hours = await rollupHours(scope, { from, to, queueId: opts.queueId });
    const sums = starts.slice(0, 24).map(() => ({ inbound: 0, answered: 0, abandoned: 0, waitCount: 0, waitSumMs: 0, waitMaxMs: null as number | null }));
    for (const [at, r] of hours) {
      let h = 23;
      while (h > 0 && (starts[h] ?? 0) > at) h--;
      const b = sums[h];
      if (!b) continue;
      b.inbound += r.inbound;
      b.answered += r.answered;
      b.abandoned += r.abandoned;
      b.waitCount += r.waitCount;
      b.waitSumMs += r.waitSumMs;
      if (r.waitMaxMs !== null) b.waitMaxMs = Math.max(b.waitMaxMs ?? 0, r.waitMaxMs);
    }
    return sums.map((b, h) => ({
      hour: h,
      from: starts[h] ?? from,
      inbound: b.inbound,
      answered: b.answered,
      abandoned: b.abandoned,
      averageWaitSeconds: b.waitCount > 0 ? b.waitSumMs / b.waitCount / 1000 : null,
      maxWaitSeconds: b.waitMaxMs === null ? null : b.waitMaxMs / 1000,
    }));
  }
  const whens = starts.slice(1, 24).map((s, h) => sql`when ${calls.startedAt} < ${int(s)} then ${int(h)}`);
  const hour = sql<number>`case ${sql.join(whens, sql` `)} else 23 end`;
  const rows = await scope.db
    .select({
      hour,
      inbound: sql<number>`count(*)`,
      answered: sql<number>`sum(case when ${calls.answeredAt} is not null then 1 else 0 end)`,
      abandoned: sql<number>`sum(case when ${calls.outcome} = 'abandoned' then 1 else 0 end)`,
      waitCount: sql<number>`count(${calls.waitMs})`,
      waitSumMs: sql<number>`coalesce(sum(${calls.waitMs}), 0)`,
      waitMaxMs: sql<number | null>`max(${calls.waitMs})`,
    })
    .from(calls)
    .where(
      scope.where(
        calls,
        eq(calls.kind, 'queue'),
        eq(calls.direction, 'inbound'),
        gte(calls.startedAt, from),
        lt(calls.startedAt, to),
        opts.queueId ? eq(calls.queueId, opts.queueId) : undefined,
      ),
    )
    .groupBy(hour)
    .all();
  return Array.from({ length: 24 }, (_, h) => {
    const r = rows.find((row) => n(row.hour) === h);
    const waitCount = n(r?.waitCount);
    return {
      hour: h,
      from: starts[h] ?? from,
      inbound: n(r?.inbound),
      answered: n(r?.answered),
      abandoned: n(r?.abandoned),
      averageWaitSeconds: waitCount > 0 ? n(r?.waitSumMs) / waitCount / 1000 : null,
      maxWaitSeconds: r?.waitMaxMs === null || r?.waitMaxMs === undefined ? null : n(r.waitMaxMs) / 1000,
    };
  });
}

/** The window of the live staffing hint (B5). */
export const STAFFING_WINDOW_SECONDS = 30 * 60;

export type StaffingReport = {
  queueId: string | null;
  windowSeconds: number;
  /** Inbound queue calls that arrived in the last `windowSeconds`. */
  arrivals: number;
  handleSeconds: number;
  /** Where the handle time came from: calls of the window, of the last 30 days, or the default. */
  handleSource: 'window' | 'last_30_days' | 'default';
  targetSeconds: number;
  /** 0.8 = 80 % within targetSeconds. */
  targetLevel: number;
  hint: StaffingHint;
};

/**
 * The live staffing hint from D1: the last 30 minutes' arrivals and handle time (talk + ACW of the
 * calls answered in that window, else of the last 30 days, else the queue default) through Erlang C
 * to the agents needed for the service-level target (the queue's, else the org's).
 */
export async function staffingReport(scope: OrgDb, opts: { now: number; queueId?: string | null }): Promise<StaffingReport> {
  const settings = await statsSettings(scope);
  const q = opts.queueId
    ? await scope.db
        .select({ serviceLevelSeconds: queues.serviceLevelSeconds, serviceLevelTargetPercent: queues.serviceLevelTargetPercent })
        .from(queues)
        .where(scope.where(queues, eq(queues.id, opts.queueId)))
        .get()
    : undefined;
  const windowFrom = opts.now - STAFFING_WINDOW_SECONDS * 1000;
  const population = (from: number) =>
    scope.where(
      calls,
      eq(calls.kind, 'queue'),
      eq(calls.direction, 'inbound'),
      gte(calls.startedAt, from),
      lt(calls.startedAt, opts.now),
      opts.queueId ? eq(calls.queueId, opts.queueId) : undefined,
    );
  const handled = sql`${calls.answeredAt} is not null and ${calls.durationMs} is not null`;
  const measure = (from: number) =>
    scope.db
      .select({
        arrivals: sql<number>`count(*)`,
        handledCount: sql<number>`sum(case when ${handled} then 1 else 0 end)`,
        handleSumMs: sql<number>`coalesce(sum(case when ${handled} then ${calls.durationMs} + coalesce(${calls.acwMs}, 0) end), 0)`,
      })
      .from(calls)
      .where(population(from))
      .get();
  const recent = await measure(windowFrom);
  let handleSource: StaffingReport['handleSource'] = 'window';
  let handleSeconds = n(recent?.handledCount) > 0 ? n(recent?.handleSumMs) / n(recent?.handledCount) / 1000 : 0;
  if (n(recent?.handledCount) === 0) {
    const month = await measure(opts.now - 30 * 86_400_000);
    if (n(month?.handledCount) > 0) {
      handleSource = 'last_30_days';
      handleSeconds = n(month?.handleSumMs) / n(month?.handledCount) / 1000;
    } else {
      handleSource = 'default';
      handleSeconds = DEFAULT_QUEUE_CONFIG.defaultHandleSeconds;
    }
  }
  const targetSeconds = q?.serviceLevelSeconds ?? settings.serviceLevelSeconds;
  const targetLevel = (q?.serviceLevelTargetPercent ?? settings.serviceLevelTargetPercent) / 100;
  const arrivals = n(recent?.arrivals);
  return {
    queueId: opts.queueId ?? null,
    windowSeconds: STAFFING_WINDOW_SECONDS,
    arrivals,
    handleSeconds,
    handleSource,
    targetSeconds,
    targetLevel,
    hint: agentsNeeded({ arrivals, windowSeconds: STAFFING_WINDOW_SECONDS, handleSeconds, targetSeconds, targetLevel }),
  };
}
