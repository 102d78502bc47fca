// The closed word lists the server and the web app share (issue 18): roles, agent presence, the
// routing rules and call outcomes, the contact center's choices, the safe number's situations.
// Each is defined here once; the worker validates and stores with it, the web app labels and offers
// it (an order here is the order the app shows). Pure data, no imports.

/** Who a user is (worker/auth.ts): the platform operator, an org's admin, the contact center's supervisor and agents, staff with a safe number. */
export const ROLES = ['operator', 'org_admin', 'supervisor', 'agent', 'staff'] as const;
export type Role = (typeof ROLES)[number];

// ── Agent presence (worker/contact-center/agent.ts) ──
/** offline, ready (대기), break (휴식), acw (후처리), on_call (통화중), ringing while an offer is out. */
export const PRESENCE_STATES = ['offline', 'ready', 'break', 'acw', 'on_call', 'ringing'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];
/** What an agent may choose by hand (C2). */
export const MANUAL_STATES = ['ready', 'break', 'acw'] as const;
export type ManualState = (typeof MANUAL_STATES)[number];
/** What a supervisor may force (C11), in the order the dashboard offers them. */
export const FORCEABLE_STATES = ['ready', 'break', 'acw', 'offline'] as const;
export type ForceableState = (typeof FORCEABLE_STATES)[number];
export type AfterLoginState = 'ready' | 'break';
export type AfterCallState = 'ready' | 'break' | 'acw';
/** How a supervisor joins an agent's call. */
export const SUPERVISE_ROLES = ['monitor', 'whisper', 'barge'] as const;
export type SuperviseRole = (typeof SUPERVISE_ROLES)[number];

// ── Routing (worker/routing/decision.ts) ──
/** Every rule, in the order the engine checks them (issue 9 §1). */
export const RULES = [
  'spam',
  'paused',
  'free_pass',
  'shield',
  'immediate_block',
  'holiday',
  'working_days',
  'hours',
  'lunch',
  'block_window',
  'unavailable',
] as const;
export type RuleId = (typeof RULES)[number];

/**
 * What a call record's `outcome` holds (history filters, S13): a refusal as decided, or for a
 * connect decision what became of it — connected (bridged), missed (rang, nobody answered, or the
 * owner declined), abandoned (the caller hung up before the bridge), failed (carrier error).
 * `voicemail`: the caller left a message (S20), after hours or when nobody answered.
 */
export const CALL_OUTCOMES = [
  'connected',
  'missed',
  'abandoned',
  'failed',
  'spam',
  'paused',
  'limited',
  'blocked',
  'after_hours',
  'lunch',
  'unavailable',
  'voicemail',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** What a virtual number is: a staff member's safe number (050), a contact-center service number, an access number. */
export const NUMBER_KINDS = ['safe_number', 'service', 'access'] as const;
export type NumberKind = (typeof NUMBER_KINDS)[number];

/** The situations a safe number speaks an announcement in (S5). */
export const SITUATIONS = ['waiting', 'connect', 'after_hours', 'lunch', 'block', 'suspended', 'unavailable', 'limited'] as const;
export type Situation = (typeof SITUATIONS)[number];

// ── Contact center ──
/** How a queue picks the agent to offer a call to. */
export const STRATEGIES = ['longest_idle', 'ring_all', 'round_robin', 'fewest_calls'] as const;
export type Strategy = (typeof STRATEGIES)[number];
/** Where a queue's caller goes when the wait runs out or nobody is there. */
export const OVERFLOWS = ['callback', 'voicemail', 'none'] as const;
export type Overflow = (typeof OVERFLOWS)[number];
/** The call history's views (mine, unanswered, all). */
export const HISTORY_VIEWS = ['mine', 'unanswered', 'all'] as const;
export type HistoryView = (typeof HISTORY_VIEWS)[number];
/** The call history's outcome filter. */
export const OUTCOME_FILTERS = ['answered', 'unanswered', 'abandoned', 'callback', 'overflow'] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];
/** The named periods of the history and the statistics, in the order the app offers them. */
export const PERIODS = ['today', 'yesterday', 'this_week', 'this_month', 'last_30_days'] as const;
export type Period = (typeof PERIODS)[number];
/** How the statistics group their rows, in the order the app offers them. */
export const STATS_GROUPS = ['agent', 'category', 'total'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];
