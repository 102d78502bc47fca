// Contact-center statistics (C10, B5): the formulas over per-call counts, and the CSV export. PURE;
// worker/db/stats.ts computes the counts with SQL over calls, wrap_ups and agent_state_history.
//
// Definitions (the README states the same):
// - Population: inbound queue calls (calls.kind = 'queue', direction = 'inbound') of the organisation,
//   optionally of one queue, that arrived (started_at) within the period. Periods are the org's local
//   calendar (worker/contact-center/periods.ts): today, yesterday, this week from Monday, this month,
//   the last 30 days including today.
// - Wait: the time a caller spent in the queue (calls.wait_ms) until an agent answered or the caller
//   left the line (hung up, asked for a callback, overflowed).
// - inbound: calls in the population. answered: an agent answered (answered_at set). abandoned: the
//   caller hung up while waiting (outcome 'abandoned'); callback requests and overflows are neither.
// - callbacks: callers who asked to be called back (outcome 'callback'). A callback request is not
//   unanswered in the sense of a lost caller: it is its own column, not an abandon, and in no
//   service-level denominator (it is still an inbound call not answered live, so the answer rate
//   counts it). Whether it was later called back is the callback list's business (done / to do).
// - answer rate = answered / inbound.
// - answered within threshold: answered with wait ≤ the queue's service-level seconds (queues.
//   service_level_seconds, else the org's, default 20 s). "Within 20 s" includes 20.000 s.
// - service level (the seed's definition) = answered within / answered.
// - service level counting abandons = answered within / (answered + abandoned).
// - service level without short abandons = answered within / (answered + abandoned after the
//   short-abandon threshold): callers who hung up within orgs.short_abandon_seconds (default 5 s) are
//   left out, as misdials rather than lost callers. A wait of exactly the threshold is not short.
// - average / maximum wait: over every call of the population with a wait (answered or not).
// - average handle time = average of talk (duration_ms) + after-call work (acw_ms) over answered calls;
//   ACW not yet finished counts as 0. Talk and ACW averages are reported beside it.
// - By agent: calls grouped by the agent recorded on the call (the one who answered; unanswered calls
//   usually have none and form the "no agent" row), so the rows add up to the total. Offers presented
//   to the agent (agent_state_history rows in `ringing` started in the period), offers missed (break
//   rows with reason missed_offer) and time in each state (rows clipped to the period and to now) come
//   from the state history.
// - By consult category: calls grouped by their wrap-up category (none = no wrap-up or no category).
// Every ratio is null when its denominator is 0.

import { STATS_GROUPS, type StatsGroup } from '../../contract/vocabularies';
import { toCsv } from './csv';

export { STATS_GROUPS, type StatsGroup };

/** What SQL counts per group (all durations in ms). */
export type CallCounts = {
  inbound: number;
  answered: number;
  abandoned: number;
  /** Callback requests (outcome 'callback'): their own column, neither answered nor abandoned. */
  callbacks: number;
  /** Abandoned with a wait ≥ the short-abandon threshold. */
  abandonedLong: number;
  answeredWithin: number;
  waitCount: number;
  waitSumMs: number;
  waitMaxMs: number | null;
  /** Answered calls with a known talk time. */
  handledCount: number;
  talkSumMs: number;
  acwSumMs: number;
};

export type CallFigures = CallCounts & {
  answerRate: number | null;
  serviceLevel: number | null;
  serviceLevelWithAbandons: number | null;
  serviceLevelWithoutShortAbandons: number | null;
  averageWaitSeconds: number | null;
  maxWaitSeconds: number | null;
  averageHandleSeconds: number | null;
  averageTalkSeconds: number | null;
  averageAcwSeconds: number | null;
};

export const EMPTY_COUNTS: CallCounts = {
  inbound: 0,
  answered: 0,
  abandoned: 0,
  callbacks: 0,
  abandonedLong: 0,
  answeredWithin: 0,
  waitCount: 0,
  waitSumMs: 0,
  waitMaxMs: null,
  handledCount: 0,
  talkSumMs: 0,
  acwSumMs: 0,
};

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** The counts of several groups added up (they partition the population, so this is the total's). */
export function sumCounts(rows: readonly CallCounts[]): CallCounts {
  const out: CallCounts = { ...EMPTY_COUNTS };
  for (const r of rows) {
    out.inbound += r.inbound;
    out.answered += r.answered;
    out.abandoned += r.abandoned;
    out.callbacks += r.callbacks;
    out.abandonedLong += r.abandonedLong;
    out.answeredWithin += r.answeredWithin;
    out.waitCount += r.waitCount;
    out.waitSumMs += r.waitSumMs;
    out.waitMaxMs = r.waitMaxMs === null ? out.waitMaxMs : Math.max(out.waitMaxMs ?? 0, r.waitMaxMs);
    out.handledCount += r.handledCount;
    out.talkSumMs += r.talkSumMs;
    out.acwSumMs += r.acwSumMs;
  }
  return out;
}

export function figuresOf(c: CallCounts): CallFigures {
  return {
    ...c,
    answerRate: ratio(c.answered, c.inbound),
    serviceLevel: ratio(c.answeredWithin, c.answered),
    serviceLevelWithAbandons: ratio(c.answeredWithin, c.answered + c.abandoned),
    serviceLevelWithoutShortAbandons: ratio(c.answeredWithin, c.answered + c.abandonedLong),
    averageWaitSeconds: c.waitCount > 0 ? c.waitSumMs / c.waitCount / 1000 : null,
    maxWaitSeconds: c.waitMaxMs === null ? null : c.waitMaxMs / 1000,
    averageHandleSeconds: c.handledCount > 0 ? (c.talkSumMs + c.acwSumMs) / c.handledCount / 1000 : null,
    averageTalkSeconds: c.handledCount > 0 ? c.talkSumMs / c.handledCount / 1000 : null,
    averageAcwSeconds: c.handledCount > 0 ? c.acwSumMs / c.handledCount / 1000 : null,
  };
}

/** Per-agent figures from agent_state_history. */
export type AgentActivity = { offers: number; missedOffers: number; stateSeconds: Record<string, number> };

export type StatsRow = CallFigures & {
  /** Agent user id or category id; null for the total row and for "no agent" / "no category". */
  key: string | null;
  name: string | null;
  activity?: AgentActivity;
};

export type StatsReport = {
  period: { name: string; from: number; to: number; firstDate: string; lastDate: string };
  group: StatsGroup;
  queueId: string | null;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
  rows: StatsRow[];
  /** The whole population (the rows added up): the table's total row, and the only row of group 'total'. */
  total: StatsRow;
};

type Column = { ko: string; en: string; value: (r: StatsRow) => string | number | null };
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const sec = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The export's columns, Korean first (C10). */
export const STATS_CSV_COLUMNS: Column[] = [
  { ko: '구분', en: 'Group', value: (r) => r.name ?? r.key },
  { ko: '인입', en: 'Inbound', value: (r) => r.inbound },
  { ko: '응답', en: 'Answered', value: (r) => r.answered },
  { ko: '포기', en: 'Abandoned', value: (r) => r.abandoned },
  { ko: '콜백 요청', en: 'Callback requests', value: (r) => r.callbacks },
  { ko: '응답률(%)', en: 'Answer rate (%)', value: (r) => pct(r.answerRate) },
  { ko: '서비스레벨(%)', en: 'Service level (%)', value: (r) => pct(r.serviceLevel) },
  { ko: '서비스레벨-포기 포함(%)', en: 'Service level incl. abandons (%)', value: (r) => pct(r.serviceLevelWithAbandons) },
  { ko: '서비스레벨-단기포기 제외(%)', en: 'Service level excl. short abandons (%)', value: (r) => pct(r.serviceLevelWithoutShortAbandons) },
  { ko: '평균 대기(초)', en: 'Average wait (s)', value: (r) => sec(r.averageWaitSeconds) },
  { ko: '최대 대기(초)', en: 'Maximum wait (s)', value: (r) => sec(r.maxWaitSeconds) },
  { ko: '평균 처리시간(초)', en: 'Average handle time (s)', value: (r) => sec(r.averageHandleSeconds) },
];

/** The report as a CSV file for Excel: one row per group and (by agent or category) a total row last, labels in `lang`. */
export function statsCsv(report: StatsReport, lang: 'ko' | 'en' = 'ko', labels: { total: string; none: string } = { total: '합계', none: '미지정' }): string {
  const rows = report.rows.map((r) =>
    STATS_CSV_COLUMNS.map((c, i) => (i === 0 && r.key === null ? (report.group === 'total' ? labels.total : labels.none) : c.value(r))),
  );
  if (report.group !== 'total') rows.push(STATS_CSV_COLUMNS.map((c, i) => (i === 0 ? labels.total : c.value(report.total))));
  return toCsv(
    STATS_CSV_COLUMNS.map((c) => c[lang]),
    rows,
  );
}
