// The single source of truth for D1: every table of the product (S*, C*, P*, B* in SPEC.md).
// Times are Unix milliseconds (integer) unless named *Date (YYYY-MM-DD) or *Time (HH:MM, org time zone).
// Every tenant table carries org_id; worker/db/scope.ts is the only way queries reach them.
import { NUMBER_KINDS, OVERFLOWS, ROLES, type Role } from '../../contract/vocabularies';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ANNOUNCEMENT_TYPES } from '../announcement-types';

export { ROLES, type Role };

// The announcement types are a vocabulary of the pure parts too (worker/announcement-types.ts).
export { ANNOUNCEMENT_TYPES, type AnnouncementType } from '../announcement-types';

/** Agent presence (C2); `ringing` while a queue's offer is out (worker/contact-center/agent.ts). */
export const AGENT_STATES = ['offline', 'ready', 'break', 'acw', 'on_call', 'ringing'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

const id = () => text().primaryKey();
const orgRef = () =>
  text()
    .notNull()
    .references(() => orgs.id);
const createdAt = () =>
  integer()
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

// ── Platform and tenancy (P1, P2, P3) ──────────────────────────────────────────

export const orgs = sqliteTable('orgs', {
  id: id(),
  name: text().notNull().unique(),
  timezone: text().notNull().default('Asia/Seoul'),
  recordingEnabled: integer({ mode: 'boolean' }).notNull().default(false),
  recordingRetentionDays: integer().notNull().default(90),
  /**
   * Issue 20 §3: months of call records and audit log kept in D1 (this month and the N-1 before it);
   * older months are archived to R2 by the cron job (worker/archive/job.ts) and read from there.
   */
  callRetentionMonths: integer().notNull().default(13),
  recordingNoticeText: text(),
  /** S12: the "send my safe number" SMS; null = the default (contract/safe-number-sms.ts). */
  safeNumberSmsTemplate: text(),
  /** S13/P8: org admins may play and download their staff's recordings (the owner always may). */
  recordingAdminAccess: integer({ mode: 'boolean' }).notNull().default(false),
  serviceLevelSeconds: integer().notNull().default(20),
  agentStateAfterLogin: text({ enum: ['ready', 'break'] })
    .notNull()
    .default('break'),
  agentStateAfterCall: text({ enum: ['ready', 'break', 'acw'] })
    .notNull()
    .default('acw'),
  /** ACW ends by itself after this many seconds (null = when the agent chooses). */
  acwLimitSeconds: integer(),
  /** Abandons within this many seconds are "short" and left out of one service-level variant (C10). */
  shortAbandonSeconds: integer().notNull().default(5),
  /** The service-level target of the staffing hint, in percent (80 = 80 % within the threshold). */
  serviceLevelTargetPercent: integer().notNull().default(80),
  disabled: integer({ mode: 'boolean' }).notNull().default(false),
  /** Abuse shield default (B3): at most this many calls per caller and number in the window; 0 = off. */
  shieldLimit: integer().notNull().default(0),
  shieldWindowMinutes: integer().notNull().default(10),
  /** How long a caller past the limit is refused. */
  shieldCoolOffMinutes: integer().notNull().default(30),
  createdAt: createdAt(),
});

export const teams = sqliteTable(
  'teams',
  {
    id: id(),
    orgId: orgRef(),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_org_name').on(t.orgId, t.name)],
);

export const users = sqliteTable(
  'users',
  {
    id: id(),
    orgId: orgRef(),
    teamId: text().references(() => teams.id),
    role: text({ enum: ROLES }).notNull(),
    loginId: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
    mobile: text(),
    mobileChangedAt: integer(),
    outboundCallerId: text(),
    smsSender: text(),
    disabled: integer({ mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer(),
  },
  (t) => [uniqueIndex('users_org_login').on(t.orgId, t.loginId), index('users_org_team').on(t.orgId, t.teamId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    // SHA-256 of the cookie token: a leaked table does not yield usable cookies.
    tokenHash: text().primaryKey(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: integer().notNull(),
    expiresAt: integer().notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const loginThrottle = sqliteTable('login_throttle', {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: integer().notNull(),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    orgId: orgRef(),
    actorUserId: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    detail: text({ mode: 'json' }).$type<Record<string, unknown>>(),
    ip: text(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_org_time').on(t.orgId, t.createdAt)],
);

// ── Safe numbers (S1–S10, S20, S21) ─────────────────────────────────────────────

export const virtualNumbers = sqliteTable(
  'virtual_numbers',
  {
    id: id(),
    orgId: orgRef(),
    // E.164; the global number → organisation directory read by the inbound path.
    e164: text().notNull().unique(),
    kind: text({ enum: NUMBER_KINDS }).notNull().default('safe_number'),
    ownerUserId: text().references(() => users.id),
    queueId: text().references(() => queues.id),
    paused: integer({ mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('numbers_org_owner').on(t.orgId, t.ownerUserId)],
);

/**
 * Weekly hours and lunch. user_id null = the org default (one per org, written only through
 * worker/db/org-settings.ts orgScheduleUpsert); a personal row's null fields fall back to it.
 */
export const schedules = sqliteTable(
  'schedules',
  {
    id: id(),
    orgId: orgRef(),
    userId: text().references(() => users.id),
    workStartTime: text(),
    workEndTime: text(),
    /** Bit 0 = Monday … bit 6 = Sunday. */
    weekdays: integer(),
    lunchStartTime: text(),
    lunchEndTime: text(),
    updatedAt: integer(),
  },
  (t) => [
    // One personal row per user. SQLite treats NULLs as distinct here, so this alone lets an org keep
    // any number of default rows (user_id null): the partial index below holds it to one.
    uniqueIndex('schedules_org_user').on(t.orgId, t.userId),
    uniqueIndex('schedules_org_default')
      .on(t.orgId)
      .where(sql`user_id IS NULL`),
  ],
);

export const holidays = sqliteTable(
  'holidays',
  {
    id: id(),
    orgId: orgRef(),
    date: text().notNull(),
    name: text().notNull(),
  },
  (t) => [uniqueIndex('holidays_org_date').on(t.orgId, t.date)],
);

export const blockWindows = sqliteTable(
  'block_windows',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    startTime: text().notNull(),
    endTime: text().notNull(),
    weekdays: integer().notNull(),
    announcementId: text().references(() => announcements.id),
    enabled: integer({ mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('block_windows_user').on(t.orgId, t.userId)],
);

/** Per-staff switches of the safe number (S4 immediate block, S20 voicemail, S14 push). */
export const personalSettings = sqliteTable('personal_settings', {
  userId: text()
    .primaryKey()
    .references(() => users.id),
  orgId: orgRef(),
  immediateBlock: integer({ mode: 'boolean' }).notNull().default(false),
  /** @deprecated Superseded by the two switches below (S20); kept for the rows that have it. */
  voicemailEnabled: integer({ mode: 'boolean' }).notNull().default(false),
  /** S20: callers may leave a message outside hours (after-hours, lunch, holidays). */
  voicemailAfterHours: integer({ mode: 'boolean' }).notNull().default(false),
  /** S20: callers may leave a message when the mobile does not answer or is busy. */
  voicemailNoAnswer: integer({ mode: 'boolean' }).notNull().default(false),
  pushEnabled: integer({ mode: 'boolean' }).notNull().default(true),
  ringTimeoutSeconds: integer().notNull().default(30),
  /** Personal abuse-shield policy (B3), field by field over the org's; null = the org's, limit 0 = off. */
  shieldLimit: integer(),
  shieldWindowMinutes: integer(),
  shieldCoolOffMinutes: integer(),
  updatedAt: integer(),
});

export const announcements = sqliteTable(
  'announcements',
  {
    id: id(),
    orgId: orgRef(),
    scope: text({ enum: ['org', 'team', 'personal'] }).notNull(),
    teamId: text().references(() => teams.id),
    userId: text().references(() => users.id),
    type: text({ enum: ANNOUNCEMENT_TYPES }).notNull(),
    name: text().notNull(),
    /** At most 240 characters (S5); checked at the API boundary. */
    text: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('announcements_org_scope').on(t.orgId, t.scope)],
);

/** Which announcement a situation uses, per org, team or user (S5 fallback: user → team → org). */
export const announcementChoices = sqliteTable(
  'announcement_choices',
  {
    orgId: orgRef(),
    scope: text({ enum: ['org', 'team', 'personal'] }).notNull(),
    /** org id, team id or user id, by scope. */
    scopeId: text().notNull(),
    type: text({ enum: ANNOUNCEMENT_TYPES }).notNull(),
    announcementId: text()
      .notNull()
      .references(() => announcements.id),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.scope, t.scopeId, t.type] })],
);

/** Spam (S9) and free-pass (S10) lists; expires_at set for temporary blocks (B3). */
export const listEntries = sqliteTable(
  'list_entries',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: ['spam', 'free_pass'] }).notNull(),
    /** E.164, whatever format was typed (worker/phone.ts). */
    number: text().notNull(),
    memo: text(),
    expiresAt: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('list_entries_user_kind_number').on(t.userId, t.kind, t.number),
    // The inbound path's lookup of one caller on one owner's lists, whatever the kind.
    index('list_entries_owner_number').on(t.orgId, t.userId, t.number),
  ],
);

/** Precompiled routing input per dialled number: one point read on the inbound path (DESIGN §4). */
export const routingSnapshots = sqliteTable(
  'routing_snapshots',
  {
    e164: text().primaryKey(),
    orgId: orgRef(),
    numberId: text().notNull(),
    /** The number's owner when compiled: the inbound path joins the caller's list entries on it. */
    ownerUserId: text(),
    /** 0 = to be rebuilt by the cron tick (the operator CLI writes D1 without the compiler). */
    version: integer().notNull(),
    snapshot: text({ mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    builtAt: integer().notNull(),
  },
  (t) => [index('routing_snapshots_version').on(t.version)],
);

// ── Phonebook and messaging (S12, S15–S17) ──────────────────────────────────────

export const contactGroups = sqliteTable(
  'contact_groups',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contact_groups_user_name').on(t.userId, t.name)],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    groupId: text().references(() => contactGroups.id),
    name: text().notNull(),
    /** E.164 (worker/phone.ts). */
    number: text().notNull(),
    memo: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('contacts_user_number').on(t.userId, t.number),
    index('contacts_group').on(t.groupId),
    // One number once per group, and once among the ungrouped (NULLs differ in a unique index):
    // a bulk import chunk sent again inserts nothing twice.
    uniqueIndex('contacts_group_number').on(t.userId, t.groupId, t.number),
    uniqueIndex('contacts_ungrouped_number')
      .on(t.userId, t.number)
      .where(sql`${t.groupId} IS NULL`),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: ['sms', 'lms', 'mms'] }).notNull(),
    sender: text().notNull(),
    subject: text(),
    text: text().notNull(),
    mediaKey: text(),
    scheduledAt: integer(),
    status: text({ enum: ['scheduled', 'sending', 'sent', 'partial', 'failed', 'cancelled'] }).notNull(),
    createdAt: createdAt(),
    sentAt: integer(),
  },
  (t) => [index('messages_user_time').on(t.orgId, t.userId, t.createdAt), index('messages_due').on(t.status, t.scheduledAt)],
);

export const messageRecipients = sqliteTable(
  'message_recipients',
  {
    id: id(),
    orgId: orgRef(),
    messageId: text()
      .notNull()
      .references(() => messages.id),
    name: text(),
    number: text().notNull(),
    carrierMessageId: text(),
    /** pending → claimed (a sender took it) → the carrier's statuses (worker/db/messages.ts). */
    status: text().notNull().default('queued'),
    /** When a sender claimed it; a claim older than CLAIM_STALE_MS is taken again (the sender died). */
    claimedAt: integer(),
    /** The carrier's error code when it refused the message. */
    error: text(),
    updatedAt: integer(),
  },
  (t) => [
    index('recipients_message').on(t.messageId, t.status),
    index('recipients_carrier').on(t.carrierMessageId),
    index('recipients_org_number').on(t.orgId, t.number),
  ],
);

export const favouriteMessages = sqliteTable('favourite_messages', {
  id: id(),
  orgId: orgRef(),
  userId: text()
    .notNull()
    .references(() => users.id),
  title: text().notNull(),
  text: text().notNull(),
  createdAt: createdAt(),
});

// ── Calls and recordings (S13, S20, B1, P5) ─────────────────────────────────────

export const calls = sqliteTable(
  'calls',
  {
    id: id(),
    orgId: orgRef(),
    callSessionId: text().notNull().unique(),
    direction: text({ enum: ['inbound', 'outbound'] }).notNull(),
    kind: text({ enum: ['safe_number', 'queue', 'masked_outbound', 'agent_outbound', 'number_check', 'callback'] }).notNull(),
    numberId: text(),
    fromNumber: text().notNull(),
    toNumber: text().notNull(),
    ownerUserId: text(),
    agentUserId: text(),
    queueId: text(),
    startedAt: integer().notNull(),
    answeredAt: integer(),
    endedAt: integer(),
    /** connected, missed, after_hours, lunch, blocked, spam, paused, abandoned, voicemail, failed, … */
    outcome: text().notNull(),
    hangupCause: text(),
    hangupSource: text(),
    /** Safe number: until the callee answered. Queue calls: time in the queue, until an agent answered or the caller left the line. */
    waitMs: integer(),
    /** Talk time: from answered_at (for queue calls, the agent's answer) to the end. */
    durationMs: integer(),
    /** Queue calls: after-call work of the agent who took it (0 when the after-call state was not ACW); null until it ends. */
    acwMs: integer(),
    callerPriority: integer(),
    /** Every rule checked and its result (B1). */
    trace: text({ mode: 'json' }).$type<unknown[]>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('calls_org_time').on(t.orgId, t.startedAt),
    index('calls_owner_time').on(t.orgId, t.ownerUserId, t.startedAt),
    index('calls_agent_time').on(t.orgId, t.agentUserId, t.startedAt),
    index('calls_queue_time').on(t.orgId, t.queueId, t.startedAt),
  ],
);

export const recordings = sqliteTable(
  'recordings',
  {
    id: id(),
    orgId: orgRef(),
    callId: text()
      .notNull()
      .references(() => calls.id),
    kind: text({ enum: ['call', 'voicemail'] }).notNull(),
    r2Key: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    durationMs: integer(),
    createdAt: createdAt(),
    deleteAfter: integer().notNull(),
    /** Whose recording it is (the call's owner): only they play it, or an org admin where the org allows. */
    ownerUserId: text(),
    /** single or dual (caller and callee on separate channels). */
    channels: text(),
    /** When the carrier started recording (epoch ms). */
    startedAt: integer(),
    /** Voicemail: when the owner first played it; null = unheard. */
    heardAt: integer(),
  },
  (t) => [
    index('recordings_call').on(t.callId),
    index('recordings_expiry').on(t.deleteAfter),
    index('recordings_owner_kind').on(t.orgId, t.ownerUserId, t.kind, t.createdAt),
    // A copy retried after a lost answer finds its row instead of adding another.
    uniqueIndex('recordings_key').on(t.r2Key),
  ],
);

// ── Contact center (C1–C13) ─────────────────────────────────────────────────────

export const queues = sqliteTable(
  'queues',
  {
    id: id(),
    orgId: orgRef(),
    name: text().notNull(),
    greetingText: text(),
    holdMusicUrl: text(),
    maxWaitSeconds: integer().notNull().default(300),
    ringTimeoutSeconds: integer().notNull().default(20),
    tierWidenSeconds: integer().notNull().default(30),
    overflow: text({ enum: OVERFLOWS }).notNull().default('callback'),
    /** Distribution (worker/contact-center/queue-types.ts STRATEGIES). */
    strategy: text({ enum: ['longest_idle', 'ring_all', 'round_robin', 'fewest_calls'] })
      .notNull()
      .default('longest_idle'),
    /** Answered within this many seconds counts toward the service level; null = the org's. */
    serviceLevelSeconds: integer(),
    /** Position and estimated wait are announced again after this long (0 = only on joining). */
    announceIntervalSeconds: integer().notNull().default(60),
    /** State after a call of this queue; null = the org's agentStateAfterCall. */
    agentStateAfterCall: text({ enum: ['ready', 'break', 'acw'] }),
    /** ACW limit for calls of this queue; null = the org's. */
    acwLimitSeconds: integer(),
    /** The service-level target of this queue's staffing hint, in percent; null = the org's. */
    serviceLevelTargetPercent: integer(),
    createdAt: createdAt(),
  },
  // Queues are found by name (the organisation file, the management screens): one name per org.
  (t) => [uniqueIndex('queues_org_name').on(t.orgId, t.name)],
);

export const queueMembers = sqliteTable(
  'queue_members',
  {
    orgId: orgRef(),
    queueId: text()
      .notNull()
      .references(() => queues.id),
    userId: text()
      .notNull()
      .references(() => users.id),
    /** Tier: 1 is offered first; higher levels join after tier_widen_seconds of waiting (C13). */
    level: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.userId] })],
);

export const consultCategories = sqliteTable(
  'consult_categories',
  {
    id: id(),
    orgId: orgRef(),
    name: text().notNull(),
    sortOrder: integer().notNull().default(0),
    /** Disabled categories are kept for the wrap-ups that name them, but no longer offered. */
    disabled: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('consult_categories_org_name').on(t.orgId, t.name)],
);

export const wrapUps = sqliteTable('wrap_ups', {
  callId: text()
    .primaryKey()
    .references(() => calls.id),
  orgId: orgRef(),
  agentUserId: text()
    .notNull()
    .references(() => users.id),
  categoryId: text().references(() => consultCategories.id),
  /** At most 1024 characters (C7). */
  notes: text().notNull().default(''),
  createdAt: createdAt(),
  updatedAt: integer(),
  /** Who saved it last (the agent, or a supervisor editing it from history); null = the agent at wrap-up. */
  updatedBy: text(),
});

export const callbacks = sqliteTable(
  'callbacks',
  {
    id: id(),
    orgId: orgRef(),
    queueId: text()
      .notNull()
      .references(() => queues.id),
    callId: text(),
    number: text().notNull(),
    requestedAt: integer().notNull(),
    status: text({ enum: ['pending', 'done', 'deleted'] })
      .notNull()
      .default('pending'),
    handledBy: text(),
    handledAt: integer(),
  },
  (t) => [index('callbacks_org_status').on(t.orgId, t.status, t.requestedAt)],
);

export const agentStateHistory = sqliteTable(
  'agent_state_history',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    state: text({ enum: AGENT_STATES }).notNull(),
    startedAt: integer().notNull(),
    endedAt: integer(),
    /** worker/contact-center/agent.ts PresenceReason: login, manual, forced, missed_offer, after_call, … */
    reason: text(),
    /** Who forced the change (a supervisor's user id); null when the agent or the system changed it. */
    changedBy: text(),
    /** The supervisor's reason for a forced change. */
    note: text(),
  },
  (t) => [index('agent_states_user_time').on(t.orgId, t.userId, t.startedAt)],
);

// ── Customer center (S19) ───────────────────────────────────────────────────────
// org_id null = platform-wide (written by operators).

export const notices = sqliteTable('notices', {
  id: id(),
  orgId: text().references(() => orgs.id),
  urgent: integer({ mode: 'boolean' }).notNull().default(false),
  title: text().notNull(),
  body: text().notNull(),
  createdBy: text(),
  createdAt: createdAt(),
});

export const inquiries = sqliteTable(
  'inquiries',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    orgName: text().notNull(),
    department: text().notNull(),
    safeNumber: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    answer: text(),
    answeredBy: text(),
    answeredAt: integer(),
    createdAt: createdAt(),
  },
  (t) => [index('inquiries_org_time').on(t.orgId, t.createdAt)],
);

export const faqs = sqliteTable('faqs', {
  id: id(),
  orgId: text().references(() => orgs.id),
  question: text().notNull(),
  answer: text().notNull(),
  sortOrder: integer().notNull().default(0),
});

export const resourceFiles = sqliteTable('resource_files', {
  id: id(),
  orgId: text().references(() => orgs.id),
  title: text().notNull(),
  fileName: text().notNull(),
  r2Key: text().notNull(),
  contentType: text().notNull(),
  sizeBytes: integer().notNull(),
  uploadedBy: text(),
  createdAt: createdAt(),
});

export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: id(),
    orgId: orgRef(),
    userId: text()
      .notNull()
      .references(() => users.id),
    endpoint: text().notNull().unique(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    createdAt: createdAt(),
    /** The browser's own label for the device ("Chrome on Android"), shown in settings. */
    userAgent: text(),
  },
  (t) => [index('push_subscriptions_user').on(t.orgId, t.userId)],
);

// ── Data that outgrows one D1 (issue 20 §3) ─────────────────────────────────────

/**
 * Per-hour statistics rollups of inbound queue calls (C10), one row per org, UTC hour, queue, agent
 * and wrap-up category ('' = none): the counts of worker/contact-center/stats.ts CallCounts.
 * Rebuilt for a queue-hour in the same D1 batch as every write that changes one of its calls
 * (worker/db/stats-rollups.ts), so replays never count twice; kept after the calls are archived.
 */
export const ccStatsHourly = sqliteTable(
  'cc_stats_hourly',
  {
    orgId: orgRef(),
    /** The UTC hour's first instant (epoch ms). */
    hourStart: integer().notNull(),
    queueId: text().notNull().default(''),
    agentUserId: text().notNull().default(''),
    categoryId: text().notNull().default(''),
    inbound: integer().notNull().default(0),
    answered: integer().notNull().default(0),
    abandoned: integer().notNull().default(0),
    callbacks: integer().notNull().default(0),
    /** With the org's short-abandon threshold when the hour was last rebuilt. */
    abandonedLong: integer().notNull().default(0),
    /** With the queue's (else the org's) service-level threshold when the hour was last rebuilt. */
    answeredWithin: integer().notNull().default(0),
    waitCount: integer().notNull().default(0),
    waitSumMs: integer().notNull().default(0),
    waitMaxMs: integer(),
    handledCount: integer().notNull().default(0),
    talkSumMs: integer().notNull().default(0),
    acwSumMs: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.hourStart, t.queueId, t.agentUserId, t.categoryId] })],
);

/**
 * One R2 object of archived rows (gzip NDJSON): written, verified, then recorded here in the same
 * D1 batch that deletes its rows, so a row is either in D1 or in exactly one recorded part.
 */
export const archiveParts = sqliteTable(
  'archive_parts',
  {
    r2Key: text().primaryKey(),
    orgId: orgRef(),
    /** calls (with their wrap-ups) or audit_log. */
    dataset: text({ enum: ['calls', 'audit_log'] }).notNull(),
    /** The org-local month, YYYY-MM. */
    month: text().notNull(),
    rows: integer().notNull(),
    bytes: integer().notNull(),
    /** The first and last row's time (started_at / created_at) in the part. */
    firstAt: integer().notNull(),
    lastAt: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('archive_parts_org_month').on(t.orgId, t.dataset, t.month)],
);
