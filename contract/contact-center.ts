// The contact center's management, history, callback and statistics answers (docs/api.md, "Contact
// center: …"), as valibot schemas. The worker's answers are typed by them, the route tests validate
// against them, and the web app reads the inferred types.
import * as v from 'valibot';
import { OVERFLOWS, PERIODS, ROLES, STATS_GROUPS, STRATEGIES } from './vocabularies';

const num = v.number();
const nullableNum = v.nullable(v.number());
const nullableStr = v.nullable(v.string());
const AfterCall = v.picklist(['ready', 'break', 'acw']);

export const ContactCenterSettings = v.object({
  agentStateAfterLogin: v.picklist(['ready', 'break']),
  agentStateAfterCall: AfterCall,
  acwLimitSeconds: nullableNum,
  serviceLevelSeconds: num,
  serviceLevelTargetPercent: num,
  shortAbandonSeconds: num,
});
export type ContactCenterSettings = v.InferOutput<typeof ContactCenterSettings>;

export const QueueMember = v.object({
  userId: v.string(),
  name: v.string(),
  loginId: v.string(),
  role: v.picklist(ROLES),
  level: num,
  disabled: v.boolean(),
});
export type QueueMember = v.InferOutput<typeof QueueMember>;

export const CcQueue = v.object({
  id: v.string(),
  name: v.string(),
  greetingText: nullableStr,
  holdMusicUrl: nullableStr,
  maxWaitSeconds: num,
  ringTimeoutSeconds: num,
  tierWidenSeconds: num,
  overflow: v.picklist(OVERFLOWS),
  strategy: v.picklist(STRATEGIES),
  serviceLevelSeconds: nullableNum,
  serviceLevelTargetPercent: nullableNum,
  announceIntervalSeconds: num,
  agentStateAfterCall: v.nullable(AfterCall),
  acwLimitSeconds: nullableNum,
  members: v.array(QueueMember),
  numbers: v.array(v.object({ e164: v.string(), display: v.string() })),
});
export type CcQueue = v.InferOutput<typeof CcQueue>;

export const ConsultCategory = v.object({ id: v.string(), name: v.string(), sortOrder: num, disabled: v.boolean() });
export type ConsultCategory = v.InferOutput<typeof ConsultCategory>;

export const CcOptions = v.object({
  queues: v.array(v.object({ id: v.string(), name: v.string() })),
  categories: v.array(ConsultCategory),
  agents: v.array(v.object({ id: v.string(), name: v.string(), loginId: v.string(), role: v.picklist(ROLES), disabled: v.boolean() })),
});
export type CcOptions = v.InferOutput<typeof CcOptions>;

const callRowEntries = {
  id: v.string(),
  direction: v.picklist(['inbound', 'outbound']),
  kind: v.string(),
  queueId: nullableStr,
  queueName: nullableStr,
  agentUserId: nullableStr,
  agentName: nullableStr,
  customer: v.string(),
  customerDisplay: v.string(),
  serviceNumber: v.string(),
  serviceNumberDisplay: v.string(),
  startedAt: num,
  answeredAt: nullableNum,
  endedAt: nullableNum,
  outcome: v.string(),
  waitMs: nullableNum,
  durationMs: nullableNum,
  acwMs: nullableNum,
  /** Set by the recordings work (R2, owner-checked streaming); null when nothing was kept. */
  recording: v.nullable(v.object({ id: v.string(), durationMs: nullableNum })),
};

/** One row of the consult history (GET /api/cc/calls). */
export const CallRow = v.object({
  ...callRowEntries,
  wrapUp: v.nullable(v.object({ categoryId: nullableStr, categoryName: nullableStr, hasNotes: v.boolean() })),
});
export type CallRow = v.InferOutput<typeof CallRow>;

const CallbackStatus = v.picklist(['pending', 'done', 'deleted']);

export const CallDetail = v.object({
  ...callRowEntries,
  wrapUp: v.nullable(v.object({ categoryId: nullableStr, categoryName: nullableStr, notes: v.string(), updatedAt: nullableNum, updatedByName: nullableStr })),
  callback: v.nullable(v.object({ id: v.string(), status: CallbackStatus })),
});
export type CallDetail = v.InferOutput<typeof CallDetail>;

/** GET /api/cc/calls/:id. */
export const CallDetailAnswer = v.object({ call: CallDetail, canEditWrapUp: v.boolean(), canListen: v.boolean() });
export type CallDetailAnswer = v.InferOutput<typeof CallDetailAnswer>;

/** GET /api/cc/calls. */
export const HistoryPage = v.object({
  calls: v.array(CallRow),
  nextBefore: nullableStr,
  range: v.object({ from: num, to: num, firstDate: v.string(), lastDate: v.string(), period: v.string(), timezone: v.string() }),
});
export type HistoryPage = v.InferOutput<typeof HistoryPage>;

export const CallbackRow = v.object({
  id: v.string(),
  queueId: v.string(),
  queueName: nullableStr,
  number: v.string(),
  numberDisplay: v.string(),
  requestedAt: num,
  status: CallbackStatus,
  waitMs: nullableNum,
  callId: nullableStr,
  handledBy: nullableStr,
  handledByName: nullableStr,
  handledAt: nullableNum,
});
export type CallbackRow = v.InferOutput<typeof CallbackRow>;

export const StatsRow = v.object({
  key: nullableStr,
  name: nullableStr,
  inbound: num,
  answered: num,
  abandoned: num,
  /** Callback requests: their own column, neither answered nor abandoned. */
  callbacks: num,
  abandonedLong: num,
  answeredWithin: num,
  answerRate: nullableNum,
  serviceLevel: nullableNum,
  serviceLevelWithAbandons: nullableNum,
  serviceLevelWithoutShortAbandons: nullableNum,
  averageWaitSeconds: nullableNum,
  maxWaitSeconds: nullableNum,
  averageHandleSeconds: nullableNum,
  averageTalkSeconds: nullableNum,
  averageAcwSeconds: nullableNum,
  activity: v.optional(v.object({ offers: num, missedOffers: num, stateSeconds: v.record(v.string(), num) })),
});
export type StatsRow = v.InferOutput<typeof StatsRow>;

/** GET /api/cc/stats. */
export const StatsAnswer = v.object({
  report: v.object({
    period: v.object({ name: v.picklist(PERIODS), from: num, to: num, firstDate: v.string(), lastDate: v.string() }),
    group: v.picklist(STATS_GROUPS),
    queueId: nullableStr,
    serviceLevelSeconds: num,
    shortAbandonSeconds: num,
    rows: v.array(StatsRow),
    /** The whole population's row (the rows added up). */
    total: StatsRow,
  }),
  timezone: v.string(),
  serviceLevelTargetPercent: num,
});
export type StatsAnswer = v.InferOutput<typeof StatsAnswer>;

/** GET /api/cc/stats/staffing: the live staffing hint (B5) from the last half hour, through Erlang C. */
export const StaffingAnswer = v.object({
  staffing: v.object({
    queueId: nullableStr,
    windowSeconds: num,
    arrivals: num,
    handleSeconds: num,
    /** Where the handle time came from: calls of the window, of the last 30 days, or the default. */
    handleSource: v.picklist(['window', 'last_30_days', 'default']),
    targetSeconds: num,
    /** 0.8 = 80 % within targetSeconds. */
    targetLevel: num,
    hint: v.object({ agents: num, traffic: num, serviceLevel: num, probabilityOfWaiting: num, averageWaitSeconds: num, capped: v.boolean() }),
  }),
});
export type StaffingAnswer = v.InferOutput<typeof StaffingAnswer>;
