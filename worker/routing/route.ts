// The routing engine (S2–S4, S6, S9, S10, B1, B3): snapshot + caller + instant (+ the caller's list
// entries and the abuse shield's verdict) → decision + trace. PURE: no I/O, `now` passed in.
// Precedence: spam → paused → free pass → shield → immediate block → holiday / non-working day /
// outside hours → lunch → block windows → nobody to ring → connect.
import type { AnnounceDecision, Decision, DecisionOutcome, FlowTexts, LocalClock, RuleId, Trace } from './decision';
import { builtInHolidayName } from './holidays';
import { entryOf, inForce, type ListEntry, type ListLookup } from './lists';
import { addDays, formatMinute, localTime, toMinute, type LocalTime } from './local-time';
import type { ShieldVerdict } from './shield';
import type { RoutingSnapshot, ShieldPolicy } from './snapshot';

export type RouteInput = {
  snapshot: RoutingSnapshot;
  /** The caller in E.164 (worker/phone.ts `callerE164`); anything else matches no list entry. */
  caller: string;
  /** Epoch ms. */
  now: number;
  /** The caller's prefetched entries (any kinds, any expiry), or an index of the owner's whole lists. */
  lists: ListLookup;
  /** The shield DO's verdict for this call; null = not counted (no policy, or not reached). */
  shield: ShieldVerdict | null;
};

/** What a new inbound call routes on (read by worker/db/routing-snapshots.ts `snapshotForCall`). */
export type CallRouting = {
  snapshot: RoutingSnapshot;
  /** The caller in E.164; null = anonymous or not a phone number (matches no list entry). */
  caller: string | null;
  /** The caller's entries on the owner's spam and free-pass lists, unexpired at `now`: at most one per kind. */
  entries: ListEntry[];
};

/** The engine's answer before it is dressed as a Decision: also what the status search evaluates. */
export type Evaluation = {
  outcome: DecisionOutcome;
  decidedBy: RuleId | null;
  /** The announcement for a refusal other than spam; null otherwise. */
  announcement: string | null;
  trace: Trace;
};

const bit = (mask: number, weekday: number) => ((mask >> weekday) & 1) === 1;

/**
 * Whether a window on given weekdays holds the local minute. end ≤ start crosses midnight and
 * belongs to the day it starts: its after-midnight part is checked against the day before.
 * start = end is the whole day.
 */
export function inWindow(start: number, end: number, weekdays: number, t: LocalTime): boolean {
  if (start === end) return bit(weekdays, t.weekday);
  if (start < end) return start <= t.minute && t.minute < end && bit(weekdays, t.weekday);
  return (t.minute >= start && bit(weekdays, t.weekday)) || (t.minute < end && bit(weekdays, (t.weekday + 6) % 7));
}

function listDetail(entry: ListEntry | undefined, now: number) {
  if (!entry) return { entry: 'none' as const, expiresAt: null };
  if (!inForce(entry, now)) return { entry: 'expired' as const, expiresAt: entry.expiresAt };
  return { entry: entry.expiresAt === null ? ('permanent' as const) : ('temporary' as const), expiresAt: entry.expiresAt };
}

function holidayOn(snapshot: RoutingSnapshot, date: string): { name: string | null; source: 'builtin' | 'org' | null } {
  const builtIn = builtInHolidayName(date);
  if (builtIn !== undefined) return { name: builtIn, source: 'builtin' };
  for (const h of snapshot.holidays) if (h.date === date) return { name: h.name, source: 'org' };
  return { name: null, source: null };
}

/** The rules up to and including the shield: the part that decides whether the shield counts this call. */
function beforeShield(snapshot: RoutingSnapshot, caller: string, now: number, lists: ListLookup, trace: Trace): 'spam' | 'paused' | 'free_pass' | null {
  const spam = entryOf(lists, caller, 'spam', now);
  const spamDetail = listDetail(spam, now);
  const isSpam = spamDetail.entry === 'permanent' || spamDetail.entry === 'temporary';
  trace.push({ rule: 'spam', matched: isSpam, detail: spamDetail });
  if (isSpam) return 'spam';
  trace.push({ rule: 'paused', matched: snapshot.paused, detail: {} });
  if (snapshot.paused) return 'paused';
  const pass = listDetail(entryOf(lists, caller, 'free_pass', now), now);
  const isPass = pass.entry === 'permanent' || pass.entry === 'temporary';
  trace.push({ rule: 'free_pass', matched: isPass, detail: pass });
  return isPass ? 'free_pass' : null;
}

/** Evaluates every rule in order and stops at the first that decides. */
export function evaluate(snapshot: RoutingSnapshot, caller: string, now: number, lists: ListLookup, shield: ShieldVerdict | null): Evaluation {
  const trace: Trace = [];
  const a = snapshot.announcements;
  const refuse = (outcome: DecisionOutcome, decidedBy: RuleId, announcement: string | null): Evaluation => ({ outcome, decidedBy, announcement, trace });

  const early = beforeShield(snapshot, caller, now, lists, trace);
  if (early === 'spam') return refuse('spam', 'spam', null);
  if (early === 'paused') return refuse('paused', 'paused', a.suspended);

  if (early !== 'free_pass') {
    const checked = shield !== null && snapshot.shield !== null;
    trace.push({
      rule: 'shield',
      matched: checked && shield.limited,
      detail: checked
        ? { checked, count: shield.count, limit: shield.limit, windowMinutes: shield.windowMinutes, coolOffUntil: shield.coolOffUntil }
        : { checked, count: null, limit: null, windowMinutes: null, coolOffUntil: null },
    });
    if (checked && shield.limited) return refuse('limited', 'shield', a.limited);

    trace.push({ rule: 'immediate_block', matched: snapshot.immediateBlock, detail: {} });
    if (snapshot.immediateBlock) return refuse('blocked', 'immediate_block', a.block);

    const t = localTime(snapshot.timezone, now);
    const clock: LocalClock = { local: formatMinute(t.minute), date: t.date, weekday: t.weekday };
    const { hours, lunch } = snapshot;
    const start = toMinute(hours.start);
    const end = toMinute(hours.end);
    // The working day this instant belongs to: the day before inside the after-midnight part of a night shift.
    const inside = start === end || (start < end ? start <= t.minute && t.minute < end : t.minute >= start || t.minute < end);
    const previous = start > end && t.minute < end;
    const day = previous ? addDays(t.date, -1) : t.date;
    const dayWeekday = previous ? (t.weekday + 6) % 7 : t.weekday;

    const holiday = holidayOn(snapshot, day);
    trace.push({ rule: 'holiday', matched: holiday.source !== null, detail: { date: day, ...holiday } });
    if (holiday.source !== null) return refuse('after_hours', 'holiday', a.after_hours);

    const offDay = !bit(hours.weekdays, dayWeekday);
    trace.push({ rule: 'working_days', matched: offDay, detail: { date: day, weekday: dayWeekday, weekdays: hours.weekdays } });
    if (offDay) return refuse('after_hours', 'working_days', a.after_hours);

    trace.push({ rule: 'hours', matched: !inside, detail: { ...clock, start: hours.start, end: hours.end } });
    if (!inside) return refuse('after_hours', 'hours', a.after_hours);

    const atLunch = lunch !== null && inWindow(toMinute(lunch.start), toMinute(lunch.end), 0b1111111, t);
    trace.push({ rule: 'lunch', matched: atLunch, detail: { ...clock, start: lunch?.start ?? null, end: lunch?.end ?? null } });
    if (atLunch) return refuse('lunch', 'lunch', a.lunch);

    for (const w of snapshot.blockWindows) {
      const blocked = inWindow(toMinute(w.start), toMinute(w.end), w.weekdays, t);
      trace.push({ rule: 'block_window', matched: blocked, detail: { ...clock, name: w.name, start: w.start, end: w.end, weekdays: w.weekdays } });
      if (blocked) return refuse('blocked', 'block_window', w.announcement);
    }
  }

  const owner = snapshot.owner;
  const reachable = owner !== null && !owner.disabled && owner.mobile !== null;
  trace.push({
    rule: 'unavailable',
    matched: !reachable,
    detail: { owner: owner !== null, disabled: owner?.disabled ?? false, mobile: owner?.mobile != null },
  });
  if (!reachable) return refuse('unavailable', 'unavailable', a.unavailable);
  return { outcome: 'connect', decidedBy: early === 'free_pass' ? 'free_pass' : null, announcement: null, trace };
}

/** The routing decision for one call, carrying everything the flow needs without the snapshot. */
export function route({ snapshot, caller, now, lists, shield }: RouteInput): Decision {
  const e = evaluate(snapshot, caller, now, lists, shield);
  const a = snapshot.announcements;
  const texts: FlowTexts = {
    waiting: a.waiting,
    connect: a.connect,
    unavailable: a.unavailable,
    error: a.error,
    recordingNotice: snapshot.recordingEnabled ? a.recording_notice : null,
  };
  const common = {
    orgId: snapshot.orgId,
    numberId: snapshot.numberId,
    ownerUserId: snapshot.owner?.userId ?? null,
    dialled: snapshot.e164,
    caller,
    at: now,
    timezone: snapshot.timezone,
    decidedBy: e.decidedBy,
    texts,
    trace: e.trace,
    voicemail:
      snapshot.owner && !snapshot.owner.disabled
        ? { afterHours: snapshot.voicemail.afterHours, noAnswer: snapshot.voicemail.noAnswer }
        : { afterHours: false, noAnswer: false },
  };
  if (e.outcome === 'connect') {
    return {
      ...common,
      action: 'connect',
      outcome: 'connect',
      // evaluate() connects only with an owner whose mobile is set.
      mobile: snapshot.owner?.mobile ?? '',
      forwardCallerId: snapshot.forwardCallerId,
      ringTimeoutSeconds: snapshot.ringTimeoutSeconds,
      recording: snapshot.recordingEnabled,
    };
  }
  if (e.outcome === 'spam') return { ...common, action: 'reject', outcome: 'spam', cause: 'USER_BUSY' };
  return { ...common, action: 'announce', outcome: e.outcome as AnnounceDecision['outcome'], announcement: e.announcement ?? a.unavailable };
}

/**
 * The shield policy to count this call against, or null when the call never reaches the shield
 * (spam, paused, free pass) or the number has none. The flow asks the shield DO only when this is
 * non-null, then passes its verdict to `route`.
 */
export function shieldPolicyFor({ snapshot, caller, now, lists }: Omit<RouteInput, 'shield'>): ShieldPolicy | null {
  if (snapshot.shield === null) return null;
  return beforeShield(snapshot, caller, now, lists, []) === null ? snapshot.shield : null;
}
