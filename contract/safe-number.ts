// The safe number's answers (issue 9, docs/api.md "Safe number"): the home card and its status, the
// call history, the schedule with where each field comes from, block windows, announcements and
// the situations they speak in, the spam and free-pass lists, the mobile, the shield, the number
// check, the what-if, voicemail, and the org admin's view of one staff member. valibot schemas; the
// route tests parse real answers with them, the web app reads the inferred types.
import * as v from 'valibot';
import { MaskedMobile, Phone } from './shapes';
import { TraceSchema, TraceStepSchema } from './trace';
import { ROLES, RULES, SITUATIONS } from './vocabularies';

const num = v.number();
const nullableNum = v.nullable(v.number());
const nullableStr = v.nullable(v.string());
const Rule = v.picklist(RULES);
const Situation = v.picklist(SITUATIONS);

/** What a caller gets from a number (worker/routing/status.ts): the engine's outcomes but spam and limited, which depend on the caller. */
export const NUMBER_STATUSES = ['connect', 'paused', 'blocked', 'after_hours', 'lunch', 'unavailable'] as const;
export const NumberStatus = v.picklist(NUMBER_STATUSES);
export type NumberStatus = v.InferOutput<typeof NumberStatus>;

/** The home card's "what a caller gets right now, and until when" (worker/safe-number/status-view.ts). */
export const StatusView = v.object({
  status: NumberStatus,
  rule: v.nullable(Rule),
  /** The block window in force, else null. */
  windowName: nullableStr,
  /** The first instant the status changes; null = only a setting change ends it. */
  until: nullableNum,
  /** That instant on the org's wall clock, and how many calendar days away (0 = today). */
  untilLocal: v.nullable(v.object({ date: v.string(), time: v.string(), weekday: num, dayOffset: num })),
  next: v.nullable(NumberStatus),
  nextRule: v.nullable(Rule),
});
export type StatusView = v.InferOutput<typeof StatusView>;

// ── Calls ──
/** What became of ringing the mobile when the call passed every rule yet did not connect. */
export const RingResult = v.picklist(['busy', 'declined', 'caller_left', 'no_answer']);
export type RingResult = v.InferOutput<typeof RingResult>;

/** What became of the voicemail when the call reached one (S20), after the decision's steps. */
export const VoicemailStep = v.object({
  rule: v.literal('voicemail'),
  matched: v.boolean(),
  detail: v.object({ reason: v.picklist(['after_hours', 'no_answer']), kept: v.boolean() }),
});
export type VoicemailStep = v.InferOutput<typeof VoicemailStep>;
export const RecordedTrace = v.array(v.union([TraceStepSchema, VoicemailStep]));
export type RecordedTrace = v.InferOutput<typeof RecordedTrace>;

/** One step of a masked outbound call (S11), as worker/calls/outbound/state.ts records it. */
export const OutboundTraceStep = v.object({
  rule: v.literal('outbound'),
  step: v.string(),
  matched: v.boolean(),
  at: num,
  detail: v.optional(
    v.object({
      way: v.optional(v.picklist(['click', 'dial_in'])),
      number: v.optional(v.string()),
      class: v.optional(v.string()),
      by: v.optional(v.picklist(['staff', 'citizen'])),
      cause: v.optional(nullableStr),
      tries: v.optional(num),
    }),
  ),
});
export type OutboundTraceStep = v.InferOutput<typeof OutboundTraceStep>;

/** One history row, with the recording and voicemail the viewer may play (P5, S20). */
export const CallRow = v.object({
  id: v.string(),
  /** 'outbound': a masked call the owner made (S11); `caller` is then the citizen. */
  direction: v.picklist(['inbound', 'outbound']),
  startedAt: num,
  answeredAt: nullableNum,
  endedAt: nullableNum,
  outcome: v.string(),
  waitMs: nullableNum,
  durationMs: nullableNum,
  /** e164 null = anonymous or not a phone number; name from the owner's phonebook. */
  caller: v.object({ e164: nullableStr, national: nullableStr, name: nullableStr }),
  dialled: Phone,
  trace: v.nullable(RecordedTrace),
  outboundTrace: v.nullable(v.array(OutboundTraceStep)),
  ring: v.nullable(RingResult),
  recording: v.nullable(v.object({ id: v.string(), durationMs: nullableNum })),
  voicemail: v.nullable(v.object({ id: v.string(), durationMs: nullableNum, heard: v.boolean() })),
});
export type CallRow = v.InferOutput<typeof CallRow>;

const OwnNumber = v.nullable(v.object({ id: v.string(), ...Phone.entries }));
const Switches = v.object({ paused: v.boolean(), immediateBlock: v.boolean() });

/** GET /api/me/home, PUT /api/me/switches. */
export const Home = v.object({
  timezone: v.string(),
  now: num,
  number: OwnNumber,
  mobile: MaskedMobile,
  switches: Switches,
  status: v.nullable(StatusView),
  today: v.object({ calls: num, missed: num, latest: v.array(CallRow) }),
});
export type Home = v.InferOutput<typeof Home>;

/** GET /api/me/calls. */
export const CallPage = v.object({ timezone: v.string(), calls: v.array(CallRow), nextBefore: nullableStr });
export type CallPage = v.InferOutput<typeof CallPage>;

// ── Schedule (worker/routing/schedule.ts merges it) ──
const time = v.string();
/** A schedules row's fields: null = not set here. Weekdays: bit 0 = Monday … bit 6 = Sunday. */
export const ScheduleFields = v.object({
  workStartTime: v.nullable(time),
  workEndTime: v.nullable(time),
  weekdays: nullableNum,
  lunchStartTime: v.nullable(time),
  lunchEndTime: v.nullable(time),
});
export type ScheduleFields = v.InferOutput<typeof ScheduleFields>;
export const ScheduleSource = v.picklist(['personal', 'org', 'default']);
export type ScheduleSource = v.InferOutput<typeof ScheduleSource>;
const Hours = v.object({ start: time, end: time, weekdays: num });
const Lunch = v.nullable(v.object({ start: time, end: time }));
const Sources = v.object({ start: ScheduleSource, end: ScheduleSource, weekdays: ScheduleSource, lunch: ScheduleSource });
/** The merged week: hours, lunch, and where each field came from. */
export const EffectiveSchedule = v.object({ hours: Hours, lunch: Lunch, from: Sources });
export type EffectiveSchedule = v.InferOutput<typeof EffectiveSchedule>;
const scheduleEntries = { personal: ScheduleFields, org: ScheduleFields, effective: EffectiveSchedule };
/** GET and PUT /api/me/schedule. */
export const MySchedule = v.object({ timezone: v.string(), ...scheduleEntries });
export type MySchedule = v.InferOutput<typeof MySchedule>;

// ── Block windows ──
export const BlockWindow = v.object({
  id: v.string(),
  name: v.string(),
  startTime: time,
  endTime: time,
  weekdays: num,
  announcementId: nullableStr,
  enabled: v.boolean(),
});
export type BlockWindow = v.InferOutput<typeof BlockWindow>;

// ── Announcements and situations ──
export const AnnouncementScope = v.picklist(['org', 'team', 'personal']);
export type AnnouncementScope = v.InferOutput<typeof AnnouncementScope>;
export const Announcement = v.object({
  id: v.string(),
  scope: AnnouncementScope,
  teamId: nullableStr,
  type: Situation,
  name: v.string(),
  text: v.string(),
  editable: v.boolean(),
});
export type Announcement = v.InferOutput<typeof Announcement>;
/** What callers hear in a situation now and where it comes from, with the choice saved at each level. */
export const ResolvedSituation = v.object({
  type: Situation,
  source: v.picklist(['org', 'team', 'personal', 'builtin']),
  announcementId: nullableStr,
  name: nullableStr,
  text: v.string(),
  chosen: v.object({ personal: nullableStr, team: nullableStr, org: nullableStr }),
});
export type ResolvedSituation = v.InferOutput<typeof ResolvedSituation>;
/** GET /api/me/announcements, PUT /api/me/announcement-choices. */
export const MyAnnouncements = v.object({ announcements: v.array(Announcement), situations: v.array(ResolvedSituation) });
export type MyAnnouncements = v.InferOutput<typeof MyAnnouncements>;
/** GET /api/admin/announcements, PUT /api/admin/announcement-choices. */
export const OrgAnnouncements = v.object({
  announcements: v.array(Announcement),
  teams: v.array(v.object({ id: v.string(), name: v.string() })),
  situations: v.object({ org: v.array(ResolvedSituation), teams: v.record(v.string(), v.array(ResolvedSituation)) }),
});
export type OrgAnnouncements = v.InferOutput<typeof OrgAnnouncements>;

// ── Spam and free-pass lists ──
export const ListKind = v.picklist(['spam', 'free_pass']);
export type ListKind = v.InferOutput<typeof ListKind>;
export const ListEntry = v.object({
  id: v.string(),
  kind: ListKind,
  number: Phone,
  memo: nullableStr,
  expiresAt: nullableNum,
  /** A temporary block that has run out: kept, never matches. */
  expired: v.boolean(),
  createdAt: num,
});
export type ListEntry = v.InferOutput<typeof ListEntry>;
/** GET /api/me/list-entries. */
export const ListPage = v.object({ entries: v.array(ListEntry), total: num, nextBefore: nullableStr });
export type ListPage = v.InferOutput<typeof ListPage>;

// ── Mobile, shield ──
/** GET and PUT /api/me/mobile. */
export const MyMobile = v.object({ mobile: MaskedMobile, changedAt: nullableNum, nextChangeAt: nullableNum });
export type MyMobile = v.InferOutput<typeof MyMobile>;
export const ShieldPolicy = v.object({ limit: num, windowMinutes: num, coolOffMinutes: num });
export type ShieldPolicy = v.InferOutput<typeof ShieldPolicy>;
/** GET and PUT /api/me/shield: the org's policy, mine (null = the org's), and the result (null = off). */
export const MyShield = v.object({
  org: ShieldPolicy,
  personal: v.object({ limit: nullableNum, windowMinutes: nullableNum, coolOffMinutes: nullableNum }),
  effective: v.nullable(ShieldPolicy),
});
export type MyShield = v.InferOutput<typeof MyShield>;

// ── Number check (worker/safe-number/number-check.ts) ──
export const CHECK_STEPS = ['number', 'mobile', 'snapshot', 'carrier', 'webhooks', 'route'] as const;
export type CheckStepId = (typeof CHECK_STEPS)[number];
/** ok; warn = works, but callers are not connected right now; repaired = fixed by this check; fail; skipped. */
export const CheckState = v.picklist(['ok', 'warn', 'repaired', 'fail', 'skipped']);
export type CheckState = v.InferOutput<typeof CheckState>;
const checkStep = <I extends CheckStepId, F extends v.GenericSchema>(id: I, facts: F) => v.object({ id: v.literal(id), state: CheckState, facts });
export const CheckStep = v.variant('id', [
  checkStep('number', v.object({})),
  checkStep('mobile', v.object({})),
  checkStep('snapshot', v.object({ stored: v.nullable(v.picklist(['current', 'stale', 'missing', 'different'])) })),
  checkStep('carrier', v.object({ missing: v.array(v.string()), simulator: v.boolean() })),
  checkStep('webhooks', v.object({ missing: v.array(v.string()) })),
  checkStep('route', v.object({ status: v.nullable(NumberStatus), rule: v.nullable(Rule) })),
]);
export type CheckStep = v.InferOutput<typeof CheckStep>;
/** POST /api/me/number-check. */
export const NumberCheck = v.object({ ranAt: num, number: v.nullable(Phone), mobile: MaskedMobile, ok: v.boolean(), steps: v.array(CheckStep) });
export type NumberCheck = v.InferOutput<typeof NumberCheck>;

// ── What if (S8) ──
const listFact = v.nullable(v.object({ expiresAt: nullableNum, inForce: v.boolean() }));
/** POST /api/me/what-if: the decision for a caller at a wall-clock time, and the settings it read. */
export const WhatIf = v.object({
  timezone: v.string(),
  at: num,
  local: v.object({ date: v.string(), time: v.string(), weekday: num }),
  caller: Phone,
  number: Phone,
  decision: v.object({
    action: v.picklist(['connect', 'announce', 'reject']),
    outcome: v.string(),
    decidedBy: v.nullable(Rule),
    announcement: nullableStr,
    trace: TraceSchema,
  }),
  settings: v.object({
    hours: Hours,
    lunch: Lunch,
    from: Sources,
    paused: v.boolean(),
    immediateBlock: v.boolean(),
    blockWindows: v.array(v.object({ name: v.string(), start: time, end: time, weekdays: num })),
    holiday: v.nullable(v.object({ name: v.string(), source: v.picklist(['builtin', 'org']) })),
    lists: v.object({ spam: listFact, freePass: listFact }),
    shield: v.nullable(ShieldPolicy),
    mobile: MaskedMobile,
  }),
});
export type WhatIf = v.InferOutput<typeof WhatIf>;

// ── Voicemail (S20) ──
export const VoicemailSettings = v.object({ afterHours: v.boolean(), noAnswer: v.boolean() });
export type VoicemailSettings = v.InferOutput<typeof VoicemailSettings>;
/** GET /api/voicemails: the owner's messages, newest first, and how many are unheard. */
export const Voicemails = v.object({
  unheard: num,
  voicemails: v.array(
    v.object({
      id: v.string(),
      callId: nullableStr,
      caller: v.nullable(v.string()),
      startedAt: nullableNum,
      durationMs: nullableNum,
      heard: v.boolean(),
      recording: v.object({ id: v.string(), durationMs: nullableNum }),
    }),
  ),
});
export type Voicemails = v.InferOutput<typeof Voicemails>;

// ── The org admin's view of one staff member (GET /api/admin/users/:id/settings) ──
export const StaffSettings = v.object({
  user: v.object({ id: v.string(), loginId: v.string(), name: v.string(), role: v.picklist(ROLES), teamId: nullableStr, disabled: v.boolean() }),
  timezone: v.string(),
  number: OwnNumber,
  mobile: MaskedMobile,
  switches: Switches,
  status: v.nullable(StatusView),
  schedule: v.object(scheduleEntries),
  blockWindows: v.array(v.object({ ...BlockWindow.entries, announcementName: nullableStr })),
  situations: v.array(ResolvedSituation),
  shield: MyShield,
});
export type StaffSettings = v.InferOutput<typeof StaffSettings>;
