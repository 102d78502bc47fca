// Shapes of the contact-center API's answers (docs/api.md, "Contact center: management, history,
// callbacks, statistics"), kept apart from api/types.ts so the contact center grows on its own.
import type { AfterCallState, Overflow, Period, Role, StatsGroup, Strategy } from '../../../contract/vocabularies';

export {
  STRATEGIES,
  OVERFLOWS,
  HISTORY_VIEWS,
  OUTCOME_FILTERS,
  PERIODS,
  STATS_GROUPS,
  type AfterCallState,
  type Strategy,
  type Overflow,
  type HistoryView,
  type OutcomeFilter,
  type Period,
  type StatsGroup,
} from '../../../contract/vocabularies';

export type ContactCenterSettings = {
  agentStateAfterLogin: 'ready' | 'break';
  agentStateAfterCall: AfterCallState;
  acwLimitSeconds: number | null;
  serviceLevelSeconds: number;
  serviceLevelTargetPercent: number;
  shortAbandonSeconds: number;
};

export type QueueMember = { userId: string; name: string; loginId: string; role: Role; level: number; disabled: boolean };

export type CcQueue = {
  id: string;
  name: string;
  greetingText: string | null;
  holdMusicUrl: string | null;
  maxWaitSeconds: number;
  ringTimeoutSeconds: number;
  tierWidenSeconds: number;
  overflow: Overflow;
  strategy: Strategy;
  serviceLevelSeconds: number | null;
  serviceLevelTargetPercent: number | null;
  announceIntervalSeconds: number;
  agentStateAfterCall: AfterCallState | null;
  acwLimitSeconds: number | null;
  members: QueueMember[];
  numbers: { e164: string; display: string }[];
};

export type ConsultCategory = { id: string; name: string; sortOrder: number; disabled: boolean };

export type CcOptions = {
  queues: { id: string; name: string }[];
  categories: ConsultCategory[];
  agents: { id: string; name: string; loginId: string; role: Role; disabled: boolean }[];
};

export type CallRow = {
  id: string;
  direction: 'inbound' | 'outbound';
  kind: string;
  queueId: string | null;
  queueName: string | null;
  agentUserId: string | null;
  agentName: string | null;
  customer: string;
  customerDisplay: string;
  serviceNumber: string;
  serviceNumberDisplay: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: string;
  waitMs: number | null;
  durationMs: number | null;
  acwMs: number | null;
  wrapUp: { categoryId: string | null; categoryName: string | null; hasNotes: boolean } | null;
  /** Set by the recordings work (R2, owner-checked streaming); null when nothing was kept. */
  recording: { id: string; durationMs: number | null } | null;
};

export type CallDetail = Omit<CallRow, 'wrapUp'> & {
  wrapUp: { categoryId: string | null; categoryName: string | null; notes: string; updatedAt: number | null; updatedByName: string | null } | null;
  callback: { id: string; status: 'pending' | 'done' | 'deleted' } | null;
};

export type CallDetailAnswer = { call: CallDetail; canEditWrapUp: boolean; canListen: boolean };

export type HistoryPage = {
  calls: CallRow[];
  nextBefore: string | null;
  range: { from: number; to: number; firstDate: string; lastDate: string; period: string; timezone: string };
};

export type CallbackRow = {
  id: string;
  queueId: string;
  queueName: string | null;
  number: string;
  numberDisplay: string;
  requestedAt: number;
  status: 'pending' | 'done' | 'deleted';
  waitMs: number | null;
  callId: string | null;
  handledBy: string | null;
  handledByName: string | null;
  handledAt: number | null;
};

export type StatsRow = {
  key: string | null;
  name: string | null;
  inbound: number;
  answered: number;
  abandoned: number;
  /** Callback requests: their own column, neither answered nor abandoned. */
  callbacks: number;
  abandonedLong: number;
  answeredWithin: number;
  answerRate: number | null;
  serviceLevel: number | null;
  serviceLevelWithAbandons: number | null;
  serviceLevelWithoutShortAbandons: number | null;
  averageWaitSeconds: number | null;
  maxWaitSeconds: number | null;
  averageHandleSeconds: number | null;
  averageTalkSeconds: number | null;
  averageAcwSeconds: number | null;
  activity?: { offers: number; missedOffers: number; stateSeconds: Record<string, number> };
};

export type StatsAnswer = {
  report: {
    period: { name: Period; from: number; to: number; firstDate: string; lastDate: string };
    group: StatsGroup;
    queueId: string | null;
    serviceLevelSeconds: number;
    shortAbandonSeconds: number;
    rows: StatsRow[];
    /** The whole population's row (the rows added up). */
    total: StatsRow;
  };
  timezone: string;
  serviceLevelTargetPercent: number;
};
