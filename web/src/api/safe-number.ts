// Shapes of the safe-number API's answers (issue 9), transcribed from docs/api.md "Safe number".
// The trace and the vocabularies come from contract/ (shared with the worker).
import type { RuleId, Situation } from '../../../contract/vocabularies';

export type Phone = { e164: string; national: string };

export { RULES, CALL_OUTCOMES, SITUATIONS, type RuleId, type CallOutcome, type Situation } from '../../../contract/vocabularies';

export type { ListEntryState, TraceStep, Trace } from '../../../contract/trace';
import type { Trace, TraceStep } from '../../../contract/trace';
/** A call record's trace: the decision's, then what became of the voicemail when it reached one (S20). */
export type VoicemailStep = { rule: 'voicemail'; matched: boolean; detail: { reason: 'after_hours' | 'no_answer'; kept: boolean } };
export type RecordedTrace = (TraceStep | VoicemailStep)[];
/** What became of ringing the mobile (CallRow.ring). */
export type RingResult = 'busy' | 'declined' | 'caller_left' | 'no_answer';

export type NumberStatus = 'connect' | 'paused' | 'blocked' | 'after_hours' | 'lunch' | 'unavailable';

export type StatusView = {
  status: NumberStatus;
  rule: RuleId | null;
  windowName: string | null;
  until: number | null;
  untilLocal: { date: string; time: string; weekday: number; dayOffset: number } | null;
  next: NumberStatus | null;
  nextRule: RuleId | null;
};

/** One history row, with the recording and voicemail the viewer may play. */
export type CallRow = {
  id: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: string;
  waitMs: number | null;
  durationMs: number | null;
  caller: { e164: string | null; national: string | null; name: string | null };
  dialled: Phone;
  trace: RecordedTrace | null;
  /** What became of ringing the mobile when the call passed every rule yet did not connect. */
  ring: RingResult | null;
  /** 'outbound': a masked call the owner made (S11); `caller` is then the citizen. Absent on older answers. */
  direction?: 'inbound' | 'outbound';
  /** The masked outbound call's steps (worker/calls/outbound/core.ts OutboundTraceStep). */
  outboundTrace?: OutboundTraceStep[] | null;
  /** The call's recording / voicemail, when the viewer may play it (P5, S20); absent on home rows. */
  recording?: { id: string; durationMs: number | null } | null;
  voicemail?: { id: string; durationMs: number | null; heard: boolean } | null;
};

export type Home = {
  timezone: string;
  now: number;
  number: (Phone & { id: string }) | null;
  mobile: { masked: string } | null;
  switches: { paused: boolean; immediateBlock: boolean };
  status: StatusView | null;
  today: { calls: number; missed: number; latest: CallRow[] };
};

export type CallPage = { timezone: string; calls: CallRow[]; nextBefore: string | null };

export type ScheduleFields = {
  workStartTime: string | null;
  workEndTime: string | null;
  weekdays: number | null;
  lunchStartTime: string | null;
  lunchEndTime: string | null;
};
export type ScheduleSource = 'personal' | 'org' | 'default';
export type MySchedule = {
  timezone: string;
  personal: ScheduleFields;
  org: ScheduleFields;
  effective: {
    hours: { start: string; end: string; weekdays: number };
    lunch: { start: string; end: string } | null;
    from: { start: ScheduleSource; end: ScheduleSource; weekdays: ScheduleSource; lunch: ScheduleSource };
  };
};

export type BlockWindow = { id: string; name: string; startTime: string; endTime: string; weekdays: number; announcementId: string | null; enabled: boolean };

export type AnnouncementScope = 'org' | 'team' | 'personal';
export type Announcement = { id: string; scope: AnnouncementScope; teamId: string | null; type: Situation; name: string; text: string; editable: boolean };
export type ResolvedSituation = {
  type: Situation;
  source: AnnouncementScope | 'builtin';
  announcementId: string | null;
  name: string | null;
  text: string;
  chosen: { personal: string | null; team: string | null; org: string | null };
};
export type MyAnnouncements = { announcements: Announcement[]; situations: ResolvedSituation[] };
export type OrgAnnouncements = {
  announcements: Announcement[];
  teams: { id: string; name: string }[];
  situations: { org: ResolvedSituation[]; teams: Record<string, ResolvedSituation[]> };
};

export type ListKind = 'spam' | 'free_pass';
export type ListEntry = { id: string; kind: ListKind; number: Phone; memo: string | null; expiresAt: number | null; expired: boolean; createdAt: number };
export type ListPage = { entries: ListEntry[]; total: number; nextBefore: string | null };

export type MyMobile = { mobile: { masked: string } | null; changedAt: number | null; nextChangeAt: number | null };

export type ShieldPolicy = { limit: number; windowMinutes: number; coolOffMinutes: number };
export type MyShield = {
  org: ShieldPolicy;
  personal: { limit: number | null; windowMinutes: number | null; coolOffMinutes: number | null };
  effective: ShieldPolicy | null;
};

export type CheckStepId = 'number' | 'mobile' | 'snapshot' | 'carrier' | 'webhooks' | 'route';
export type CheckState = 'ok' | 'warn' | 'repaired' | 'fail' | 'skipped';
export type CheckStep = { id: CheckStepId; state: CheckState; facts: Record<string, unknown> };
export type NumberCheck = { ranAt: number; number: Phone | null; mobile: { masked: string } | null; ok: boolean; steps: CheckStep[] };

export type WhatIf = {
  timezone: string;
  at: number;
  local: { date: string; time: string; weekday: number };
  caller: Phone;
  number: Phone;
  decision: { action: 'connect' | 'announce' | 'reject'; outcome: string; decidedBy: RuleId | null; announcement: string | null; trace: Trace };
  settings: {
    hours: { start: string; end: string; weekdays: number };
    lunch: { start: string; end: string } | null;
    from: MySchedule['effective']['from'];
    paused: boolean;
    immediateBlock: boolean;
    blockWindows: { name: string; start: string; end: string; weekdays: number }[];
    holiday: { name: string; source: 'builtin' | 'org' } | null;
    lists: { spam: { expiresAt: number | null; inForce: boolean } | null; freePass: { expiresAt: number | null; inForce: boolean } | null };
    shield: ShieldPolicy | null;
    mobile: { masked: string } | null;
  };
};

export type StaffSettings = {
  user: { id: string; loginId: string; name: string; role: string; teamId: string | null; disabled: boolean };
  timezone: string;
  number: (Phone & { id: string }) | null;
  mobile: { masked: string } | null;
  switches: { paused: boolean; immediateBlock: boolean };
  status: StatusView | null;
  schedule: Omit<MySchedule, 'timezone'>;
  blockWindows: (BlockWindow & { announcementName: string | null })[];
  situations: ResolvedSituation[];
  shield: MyShield;
};

/** One step of a masked outbound call (S11), as worker/calls/outbound/core.ts records it. */
export type OutboundTraceStep = {
  rule: 'outbound';
  step: string;
  matched: boolean;
  at: number;
  detail?: { number?: string; class?: string; by?: 'staff' | 'citizen' };
};
