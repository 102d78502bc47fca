// The safe-number call flow as a PURE reducer: (state, input, now) -> (state, commands, timers).
// answer -> waiting announcement -> dial the owner's mobile (linked) -> whisper on answer -> bridge
// -> hang up the other leg when one side ends; no answer -> unavailable announcement; plus the
// reject / announce-and-end decisions. Leg states only move forward, so duplicated or reordered
// events cannot walk the flow backwards.
import type { Decision } from '../routing/decide';
import type { HangupCause } from '../telnyx/events';
import type { Command, FlowInput, LegRole, TimerChange } from './types';

export type LegStatus = 'ringing' | 'answered' | 'bridged' | 'ended';
const RANK: Record<LegStatus, number> = { ringing: 0, answered: 1, bridged: 2, ended: 3 };

export type Leg = {
  callControlId: string | null;
  callLegId: string | null;
  status: LegStatus;
  /** Speaks queue at the carrier: the flow moves on when every speak issued has ended. */
  speaks: number;
  speaksEnded: number;
  answeredAt: number | null;
  endedAt: number | null;
};

export type Phase =
  'new' | 'rejected' | 'announcing' | 'answering' | 'ringing' | 'whisper' | 'bridging' | 'connected' | 'unavailable' | 'failing' | 'ending' | 'done';

export type FlowState = {
  sessionId: string;
  phase: Phase;
  decision: Decision | null;
  from: string | null;
  to: string | null;
  startedAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
  outcome: string | null;
  firstHangup: { leg: LegRole; at: number; cause: HangupCause | null; source: string | null } | null;
  caller: Leg | null;
  callee: Leg | null;
  recordingStarted: boolean;
  recordingUrl: string | null;
  finished: boolean;
};

export type Step = { state: FlowState; commands: Command[]; timers: TimerChange[] };

/** No carrier event for this long means the session is stuck: hang up and record. */
export const SILENCE_MS = 10 * 60_000;
/** A connected call is quiet by nature; only a very long silence is suspicious. */
export const CONNECTED_SILENCE_MS = 4 * 60 * 60_000;
/** Keep a finished session this long for a late call.recording.saved. */
export const LINGER_MS = 60_000;
/** After a hangup the carrier would not take, try again (as cleanup) this soon. */
export const HANGUP_RETRY_MS = 30_000;
/** Our own no-answer deadline, beyond the carrier's timeout_secs, in case its hangup never comes. */
export const RING_GRACE_MS = 15_000;

export function initialState(sessionId: string): FlowState {
  return {
    sessionId,
    phase: 'new',
    decision: null,
    from: null,
    to: null,
    startedAt: null,
    connectedAt: null,
    endedAt: null,
    outcome: null,
    firstHangup: null,
    caller: null,
    callee: null,
    recordingStarted: false,
    recordingUrl: null,
    finished: false,
  };
}

const newLeg = (callControlId: string | null, callLegId: string | null): Leg => ({
  callControlId,
  callLegId,
  status: 'ringing',
  speaks: 0,
  speaksEnded: 0,
  answeredAt: null,
  endedAt: null,
});

const live = (leg: Leg | null): leg is Leg => leg !== null && leg.status !== 'ended';
const advance = (leg: Leg, to: LegStatus) => {
  if (RANK[to] > RANK[leg.status]) leg.status = to;
};

type LegEvent = Extract<FlowInput, { kind: 'event' }>['event'];

/** The leg an event belongs to, made on first sight: its events may come before we learn its ids. */
function legFor(s: FlowState, role: LegRole, e: LegEvent): Leg {
  const leg = (s[role] ??= newLeg(e.callControlId, e.callLegId));
  leg.callControlId ??= e.callControlId;
  leg.callLegId ??= e.callLegId;
  return leg;
}

/** Marks the leg answered; false when it already was (a duplicate or late call.answered). */
function answer(leg: Leg, e: LegEvent): boolean {
  if (RANK[leg.status] >= RANK.answered) return false;
  advance(leg, 'answered');
  leg.answeredAt = e.occurredAt;
  return true;
}

class Builder {
  readonly commands: Command[] = [];
  readonly timers: TimerChange[] = [];
  constructor(readonly s: FlowState) {}

  speak(role: LegRole, key: string, text: string) {
    const leg = this.s[role];
    if (!live(leg) || !leg.callControlId || !text) return false;
    leg.speaks++;
    this.commands.push({ key, leg: role, action: 'speak', callControlId: leg.callControlId, text });
    return true;
  }
  hangup(role: LegRole, key = `hangup:${role}`) {
    const leg = this.s[role];
    if (!live(leg) || !leg.callControlId) return;
    this.commands.push({ key, leg: role, action: 'hangup', callControlId: leg.callControlId });
  }
  timer(name: TimerChange['name'], at: number | null) {
    this.timers.push({ name, at });
  }
}

function snapshotOf(s: FlowState) {
  return s.decision && s.decision.action !== 'reject' ? s.decision.snapshot : null;
}

function onInbound(b: Builder, input: Extract<FlowInput, { kind: 'inbound' }>) {
  const s = b.s;
  const e = input.event;
  s.caller ??= newLeg(e.callControlId, e.callLegId);
  s.caller.callControlId ??= e.callControlId;
  if (s.phase !== 'new') return;
  s.decision = input.decision;
  s.from = e.from;
  s.to = e.to;
  s.startedAt = e.occurredAt;
  const ccid = s.caller.callControlId;
  if (!live(s.caller) || !ccid) {
    // The caller's hangup overtook its call.initiated: nothing to do but record it.
    s.phase = 'ending';
    s.outcome = input.decision.action === 'reject' ? input.decision.outcome : 'abandoned';
    return;
  }
  switch (input.decision.action) {
    case 'reject':
      s.phase = 'rejected';
      s.outcome = input.decision.outcome;
      b.commands.push({ key: 'reject:caller', leg: 'caller', action: 'reject', callControlId: ccid, cause: 'CALL_REJECTED' });
      return;
    case 'announce':
      s.phase = 'announcing';
      s.outcome = input.decision.outcome;
      b.commands.push({ key: 'answer:caller', leg: 'caller', action: 'answer', callControlId: ccid });
      return;
    case 'connect':
      s.phase = 'answering';
      b.commands.push({ key: 'answer:caller', leg: 'caller', action: 'answer', callControlId: ccid });
  }
}

function bridge(b: Builder) {
  const { caller, callee } = b.s;
  if (!live(caller) || !live(callee) || !caller.callControlId || !callee.callControlId) return;
  b.s.phase = 'bridging';
  b.commands.push({ key: 'bridge', leg: 'caller', action: 'bridge', callControlId: caller.callControlId, otherCallControlId: callee.callControlId });
}

function unavailable(b: Builder) {
  const s = b.s;
  s.phase = 'unavailable';
  s.outcome = 'missed';
  b.timer('ring', null);
  b.hangup('callee');
  const snap = snapshotOf(s);
  if (!b.speak('caller', 'speak:caller:unavailable', snap?.announcements.unavailable ?? '')) b.hangup('caller');
}

function onCaller(b: Builder, e: LegEvent, now: number) {
  const s = b.s;
  const leg = legFor(s, 'caller', e);
  switch (e.type) {
    case 'call.answered': {
      if (!answer(leg, e)) return;
      const decision = s.decision;
      if (s.phase === 'announcing' && decision?.action === 'announce') {
        if (!b.speak('caller', 'speak:caller:announce', decision.text)) b.hangup('caller');
      } else if (s.phase === 'answering' && decision?.action === 'connect') {
        const snap = decision.snapshot;
        b.speak('caller', 'speak:caller:waiting', snap.announcements.waiting);
        s.callee = newLeg(null, null);
        s.phase = 'ringing';
        b.commands.push({
          key: 'dial:callee',
          leg: 'callee',
          action: 'dial',
          to: decision.to,
          from: snap.forwardCallerId,
          timeoutSecs: snap.ringTimeoutSeconds,
          linkTo: leg.callControlId ?? '',
        });
        b.timer('ring', now + snap.ringTimeoutSeconds * 1000 + RING_GRACE_MS);
      }
      return;
    }
    case 'call.speak.ended': {
      leg.speaksEnded++;
      if (['announcing', 'unavailable', 'failing'].includes(s.phase) && leg.speaksEnded >= leg.speaks) {
        s.phase = 'ending';
        b.hangup('caller');
      }
      return;
    }
    case 'call.bridged':
      onBridged(b, leg, e.occurredAt);
      return;
    case 'call.hangup': {
      if (leg.status === 'ended') return;
      leg.status = 'ended';
      leg.endedAt = e.occurredAt;
      noteHangup(s, 'caller', e.occurredAt, e.hangupCause, e.hangupSource);
      b.timer('ring', null);
      if (s.connectedAt !== null) s.outcome = 'connected';
      else if (['answering', 'ringing', 'whisper', 'bridging', 'new'].includes(s.phase)) s.outcome = 'abandoned';
      b.hangup('callee');
      s.phase = 'ending';
      return;
    }
    case 'call.recording.saved':
      s.recordingUrl = e.recordingUrl;
      return;
    default:
      return;
  }
}

function onBridged(b: Builder, leg: Leg, at: number) {
  const s = b.s;
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  s.connectedAt = s.connectedAt === null ? at : Math.min(s.connectedAt, at);
  if (['bridging', 'whisper'].includes(s.phase)) s.phase = 'connected';
  const snap = snapshotOf(s);
  if (snap?.recordingEnabled && !s.recordingStarted && live(s.caller) && s.caller.callControlId) {
    s.recordingStarted = true;
    b.commands.push({ key: 'record:caller', leg: 'caller', action: 'record_start', callControlId: s.caller.callControlId });
  }
}

function noteHangup(s: FlowState, leg: LegRole, at: number, cause: HangupCause | null, source: string | null) {
  if (!s.firstHangup || at < s.firstHangup.at) s.firstHangup = { leg, at, cause, source };
}

function onCallee(b: Builder, e: LegEvent, now: number) {
  const s = b.s;
  const leg = legFor(s, 'callee', e);
  switch (e.type) {
    case 'call.answered': {
      if (!answer(leg, e)) return;
      if (s.phase !== 'ringing' || !live(s.caller)) {
        b.hangup('callee');
        return;
      }
      b.timer('ring', null);
      s.phase = 'whisper';
      const snap = snapshotOf(s);
      if (!b.speak('callee', 'speak:callee:connect', snap?.announcements.connect ?? '')) bridge(b);
      return;
    }
    case 'call.speak.ended': {
      leg.speaksEnded++;
      if (s.phase === 'whisper' && leg.speaksEnded >= leg.speaks) bridge(b);
      return;
    }
    case 'call.bridged':
      onBridged(b, leg, e.occurredAt);
      return;
    case 'call.hangup': {
      if (leg.status === 'ended') return;
      const wasAnswered = leg.answeredAt !== null;
      leg.status = 'ended';
      leg.endedAt = e.occurredAt;
      noteHangup(s, 'callee', e.occurredAt, e.hangupCause, e.hangupSource);
      if (!live(s.caller)) return;
      if (s.phase === 'ringing' && !wasAnswered) {
        unavailable(b);
      } else if (['whisper', 'bridging', 'connected'].includes(s.phase)) {
        s.outcome = s.connectedAt !== null ? 'connected' : 'missed';
        s.phase = 'ending';
        b.hangup('caller');
      }
      return;
    }
    default:
      return;
  }
}

function onCommandFailed(b: Builder, input: Extract<FlowInput, { kind: 'command_failed' }>, now: number) {
  const s = b.s;
  if (input.action === 'hangup') {
    // Never leave a leg up: the cleanup path hangs up every live leg again, soon.
    b.timer('silence', now + HANGUP_RETRY_MS);
    return;
  }
  if (['failing', 'ending', 'done'].includes(s.phase)) {
    b.hangup('caller', 'hangup:caller:fail');
    b.hangup('callee', 'hangup:callee:fail');
    return;
  }
  s.outcome = s.connectedAt !== null ? 'connected' : 'failed';
  b.timer('ring', null);
  b.hangup('callee', 'hangup:callee:fail');
  const caller = s.caller;
  const canSpeak = live(caller) && RANK[caller.status] >= RANK.answered && !(input.action === 'speak' && input.leg === 'caller');
  const snap = snapshotOf(s);
  s.phase = 'failing';
  if (!canSpeak || !b.speak('caller', 'speak:caller:error', snap?.announcements.error ?? '')) b.hangup('caller', 'hangup:caller:fail');
}

function onTimer(b: Builder, name: TimerChange['name'], now: number) {
  const s = b.s;
  if (name === 'ring') {
    if (s.phase === 'ringing' && s.callee && s.callee.answeredAt === null) unavailable(b);
    return;
  }
  if (name === 'silence' && !s.finished) {
    b.hangup('caller', 'hangup:caller:cleanup');
    b.hangup('callee', 'hangup:callee:cleanup');
    for (const leg of [s.caller, s.callee]) {
      if (live(leg)) {
        leg.status = 'ended';
        leg.endedAt = now;
      }
    }
    s.outcome = s.connectedAt !== null ? 'connected' : (s.outcome ?? 'failed');
    s.phase = 'ending';
  }
}

function roleOf(s: FlowState, input: Extract<FlowInput, { kind: 'event' }>): LegRole | null {
  if (input.role) return input.role;
  const e = input.event;
  for (const role of ['caller', 'callee'] as const) {
    const leg = s[role];
    if (leg && ((e.callControlId && leg.callControlId === e.callControlId) || leg.callLegId === e.callLegId)) return role;
  }
  if (e.direction === 'incoming') return 'caller';
  return null;
}

export function reduce(prev: FlowState, input: FlowInput, now: number): Step {
  const s: FlowState = structuredClone(prev);
  const b = new Builder(s);
  switch (input.kind) {
    case 'inbound':
      onInbound(b, input);
      break;
    case 'event': {
      const role = roleOf(s, input);
      if (role === 'caller') onCaller(b, input.event, now);
      else if (role === 'callee') onCallee(b, input.event, now);
      break;
    }
    case 'dialled':
      if (s.callee) {
        s.callee.callControlId ??= input.callControlId;
        s.callee.callLegId ??= input.callLegId;
      }
      break;
    case 'command_failed':
      onCommandFailed(b, input, now);
      break;
    case 'timer':
      onTimer(b, input.name, now);
      break;
  }
  // A session with no caller leg at all (only strays arrived) finishes when its silence timer fires.
  const callerDone = s.caller ? s.caller.status === 'ended' : input.kind === 'timer' && input.name === 'silence';
  const calleeDone = !s.callee || s.callee.status === 'ended' || s.callee.callControlId === null;
  if (!s.finished && callerDone && calleeDone) {
    s.finished = true;
    s.phase = 'done';
    const ends = [s.caller?.endedAt, s.callee?.endedAt].filter((t): t is number => typeof t === 'number');
    s.endedAt = ends.length ? Math.max(...ends) : now;
    if (s.outcome === null) s.outcome = s.connectedAt !== null ? 'connected' : 'abandoned';
    b.timer('ring', null);
    b.timer('silence', null);
    b.timer('linger', now + LINGER_MS);
  } else if (!s.finished && input.kind !== 'timer' && !b.timers.some((t) => t.name === 'silence')) {
    b.timer('silence', now + (s.phase === 'connected' ? CONNECTED_SILENCE_MS : SILENCE_MS));
  }
  return { state: s, commands: b.commands, timers: b.timers };
}

/** The D1 call record of a finished session; null when the number was unknown (no org to file it under). */
export function callRecordOf(s: FlowState) {
  const snap = snapshotOf(s);
  if (!snap || !s.finished || s.startedAt === null) return null;
  const endedAt = s.endedAt ?? s.startedAt;
  // "Answered" is when the staff member picked up (the callee's call.answered, which every later
  // callee event depends on), not the bridge: a late-delivered call.bridged cannot move it.
  const answeredAt = s.connectedAt !== null ? (s.callee?.answeredAt ?? s.connectedAt) : null;
  return {
    orgId: snap.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'inbound' as const,
      kind: 'safe_number' as const,
      numberId: snap.numberId,
      fromNumber: s.from ?? '',
      toNumber: s.to ?? snap.e164,
      ownerUserId: snap.owner?.userId ?? null,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      hangupCause: s.firstHangup?.cause ?? null,
      hangupSource: s.firstHangup ? `${s.firstHangup.leg}:${s.firstHangup.source ?? 'unknown'}` : null,
      waitMs: answeredAt !== null ? answeredAt - s.startedAt : null,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: s.decision?.trace ?? [],
    },
  };
}
