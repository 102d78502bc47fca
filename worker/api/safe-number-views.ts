// How the safe-number API shows things, defined once for the staff and the admin routes: numbers as
// E.164 plus the Korean national format people read, call rows, list entries, schedules with the
// source of each field, announcements.
import type { OutboundTraceStep } from '../calls/outbound/state';
import type { CallHistoryRow } from '../db/call-history';
import type { ListEntryRow } from '../db/list-entries';
import type { CallMediaField } from '../db/recordings';
import type { BlockWindowRow } from '../db/block-windows';
import { callerE164, formatNational, maskNational } from '../phone';
import type { Trace } from '../routing/decision';
import { mergeSchedule, type ScheduleFields } from '../routing/schedule';
import type { AnnouncementRow } from '../safe-number/situations';

export type PhoneView = { e164: string; national: string };

export function phoneView(e164: string): PhoneView {
  return { e164, national: formatNational(e164) };
}

export function maskedMobile(mobile: string | null): { masked: string } | null {
  return mobile ? { masked: maskNational(mobile) } : null;
}

/**
 * What became of ringing the owner's mobile, for a call every rule let through that still did not
 * connect (the trace alone ends "connected to the mobile"): busy or declined as the mobile's leg
 * said, the caller gone first, else it rang out. Null when the mobile was never rung, was answered,
 * or the call failed.
 */
export type RingResult = 'busy' | 'declined' | 'caller_left' | 'no_answer';
export function ringResult(row: Pick<CallHistoryRow, 'outcome' | 'trace' | 'hangupCause' | 'hangupSource'>): RingResult | null {
  const trace = (row.trace ?? []) as Trace;
  const rang = trace.some((step) => step.rule === 'unavailable' && !step.matched);
  if (!rang || !['missed', 'voicemail', 'abandoned'].includes(row.outcome)) return null;
  const byMobile = row.hangupSource?.startsWith('callee:') ?? false;
  if (byMobile && row.hangupCause === 'user_busy') return 'busy';
  if (byMobile && row.hangupCause === 'call_rejected') return 'declined';
  if (row.outcome === 'abandoned') return 'caller_left';
  return 'no_answer';
}

/** One row of the history (S13, B1), with the recording and voicemail the viewer may play (P5, S20). */
export function callRowView(row: CallHistoryRow, media?: CallMediaField) {
  const outbound = row.kind === 'masked_outbound';
  // The other party: who called in, or the citizen a masked outbound call went to (S11).
  const caller = callerE164(outbound ? row.toNumber : row.fromNumber);
  return {
    id: row.id,
    /** 'outbound': a masked call the owner made (caller = the citizen, dialled = the caller ID they saw). */
    direction: outbound ? ('outbound' as const) : ('inbound' as const),
    startedAt: row.startedAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    outcome: row.outcome,
    waitMs: row.waitMs,
    durationMs: row.durationMs,
    /** e164 null = anonymous or not a phone number; name from the owner's phonebook. */
    caller: { e164: caller, national: caller ? formatNational(caller) : null, name: row.callerName ?? null },
    dialled: phoneView(outbound ? row.fromNumber : row.toNumber),
    trace: outbound ? null : ((row.trace ?? null) as Trace | null),
    /** The masked outbound call's own trace (S11): worker/calls/outbound/core.ts OutboundTraceStep. */
    outboundTrace: outbound ? ((row.trace ?? []) as OutboundTraceStep[]) : null,
    ring: outbound ? null : ringResult(row),
    recording: media?.recording ?? null,
    voicemail: media?.voicemail ?? null,
  };
}
export type CallRowView = ReturnType<typeof callRowView>;

export function listEntryView(row: ListEntryRow, now: number) {
  return {
    id: row.id,
    kind: row.kind,
    number: phoneView(row.number),
    memo: row.memo,
    expiresAt: row.expiresAt,
    /** A temporary block that has run out: kept (the trace can name it) but never matches. */
    expired: row.expiresAt !== null && row.expiresAt <= now,
    createdAt: row.createdAt,
  };
}

export function blockWindowView(row: BlockWindowRow) {
  return {
    id: row.id,
    name: row.name,
    startTime: row.startTime,
    endTime: row.endTime,
    weekdays: row.weekdays,
    announcementId: row.announcementId,
    enabled: row.enabled,
  };
}

export function announcementView(row: AnnouncementRow, editable: boolean) {
  return { id: row.id, scope: row.scope, teamId: row.teamId, type: row.type, name: row.name, text: row.text, editable };
}

/** The user's own fields (null = inherited), the org's values (with the built-in default where it saved none), and the result. */
export function scheduleView(org: ScheduleFields | null, personal: ScheduleFields | null) {
  const orgEffective = mergeSchedule(org, null);
  const effective = mergeSchedule(org, personal);
  const empty: ScheduleFields = { workStartTime: null, workEndTime: null, weekdays: null, lunchStartTime: null, lunchEndTime: null };
  return {
    personal: personal ?? empty,
    org: {
      workStartTime: orgEffective.hours.start,
      workEndTime: orgEffective.hours.end,
      weekdays: orgEffective.hours.weekdays,
      lunchStartTime: orgEffective.lunch?.start ?? null,
      lunchEndTime: orgEffective.lunch?.end ?? null,
    },
    effective,
  };
}
