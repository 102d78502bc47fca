// The queue call flow (C3–C6, C12, B5): a caller to a service number hears the greeting, joins the
// queue's line and waits with hold audio (position and estimated wait spoken when the Queue says),
// may press 1 for a callback, and is connected to the agent the Queue offers the call to: the
// agent's phone is dialled, hears a whisper naming the queue, the Queue confirms the answer, the two
// are bridged (recorded when the org records). Hold, transfer and supervision arrive as signals.
// The caller is always bridged with `park_after_unbridge: "self"`: when an agent's leg ends, Telnyx
// parks the caller instead of hanging it up, and this flow decides (a transfer bridges the caller to
// the target first, which drops agent 1's leg at the carrier). The record names the agent who was
// last bridged with the caller, and is written before that agent is told the call ended. Pure.
import type { Flow, FlowStart, FlowStep } from '../flow';
import { advance, identify, isLeg, live, markAnswered, markEnded, newLeg, reached, StepOut, type Leg } from '../legs';
import { COPY_ATTEMPTS, copyRetryMs } from '../media-effects';
import type { CallEvent, FlowInput, LegRole } from '../vocabulary';
import type { VoicemailParams } from '../voicemail';
import type { CcSignal, QueueCallInfo } from './effects';
import {
  AGENT_RING_GRACE_MS,
  CONNECTED_SILENCE_MS,
  LINGER_MS,
  OVERFLOW_GATHER_MS,
  RECORD_ATTEMPTS,
  RECORD_RETRY_MS,
  RECORDING_LINGERS,
  SILENCE_MS,
  type AgentLeg,
  type QueueCallState,
} from './state';
import { CALLBACK_KEY, positionText, QUEUE_TEXTS, whisperText } from './texts';

export const QUEUE_FLOW = 'queue';
export type { QueueCallState } from './state';

/** What a queue call starts from: the service number's snapshot (inbound). */
type QueueStart = FlowStart<never>;

function out(s: QueueCallState): StepOut {
  return new StepOut((role) => {
    if (role === 'caller') return s.caller;
    return s.agents.find((a) => a.role === role)?.leg ?? s.supervisors.find((x) => x.role === role)?.leg ?? null;
  });
}

const agentOf = (s: QueueCallState, role: string | null) => (role ? (s.agents.find((a) => a.role === role) ?? null) : null);
const connectedAgent = (s: QueueCallState) => agentOf(s, s.agent);
const key = (s: QueueCallState, what: string) => `${what}:${++s.n}`;

function start(st: QueueStart, now: number): FlowStep<QueueCallState> {
  if (st.kind !== 'inbound') throw new Error('the queue flow starts only from an inbound call');
  const snap = st.route.routing?.snapshot;
  const e = st.event;
  const s: QueueCallState = {
    sessionId: st.sessionId,
    orgId: snap?.orgId ?? '',
    queueId: snap?.queueId ?? '',
    numberId: snap?.numberId ?? '',
    phase: 'answering',
    caller: newLeg(e.callControlId, e.callLegId),
    from: st.route.routing?.caller ?? e.from ?? '',
    to: e.to ?? snap?.e164 ?? '',
    startedAt: e.at,
    recordingNotice: snap?.recordingEnabled ? snap.announcements.recording_notice : null,
    info: null,
    joinedAt: null,
    waitMs: null,
    holdPlaying: false,
    n: 0,
    agentSeq: 0,
    agents: [],
    deferred: [],
    agent: null,
    answeredAt: null,
    connectedAt: null,
    held: false,
    supervisors: [],
    callbackId: null,
    recordingStarted: false,
    recording: null,
    copy: { attempts: 0, done: false },
    lingers: 0,
    outcome: null,
    firstHangup: null,
    endedAt: null,
    finished: false,
    recorded: false,
    recordAttempts: 0,
    agentReleased: false,
  };
  const o = out(s);
  if (s.caller.callControlId) o.command({ key: 'answer:caller', leg: 'caller', action: 'answer', callControlId: s.caller.callControlId });
  o.effect({ key: 'queue:info', kind: 'queue', op: 'info', orgId: s.orgId, queueId: s.queueId });
  o.timer('silence', now + SILENCE_MS);
  return finish(s, o, now, null);
}

// ── waiting: greeting, hold audio, announcements, the callback key ───────────────────────────
function greet(o: StepOut, s: QueueCallState) {
  if (s.phase !== 'answering' || !s.info || !reached(s.caller, 'answered') || !live(s.caller)) return;
  s.phase = 'greeting';
  if (s.recordingNotice) o.speak('caller', 'speak:caller:notice', s.recordingNotice);
  o.speak('caller', 'speak:caller:greeting', `${s.info.greeting ?? QUEUE_TEXTS.greeting} ${QUEUE_TEXTS.callbackHint}`);
}

function startHold(o: StepOut, s: QueueCallState) {
  const url = s.info?.holdAudioUrl;
  if (s.holdPlaying || !url || !live(s.caller) || !s.caller.callControlId) return;
  s.holdPlaying = true;
  o.command({ key: key(s, 'hold'), leg: 'caller', action: 'playback_start', callControlId: s.caller.callControlId, audioUrl: url, loop: 'infinity' });
}

function stopHold(o: StepOut, s: QueueCallState) {
  if (!s.holdPlaying || !live(s.caller) || !s.caller.callControlId) return;
  s.holdPlaying = false;
  o.command({ key: key(s, 'hold_stop'), leg: 'caller', action: 'playback_stop', callControlId: s.caller.callControlId });
}

/** Says something to the caller over the hold audio: stop it, speak, and start it again when the speech ends. */
function sayWhileWaiting(o: StepOut, s: QueueCallState, text: string) {
  stopHold(o, s);
  o.speak('caller', key(s, 'speak:caller'), text);
}

const speaking = (leg: Leg) => leg.speaksEnded < leg.speaks;

function join(o: StepOut, s: QueueCallState) {
  s.phase = 'waiting';
  o.effect({ key: 'queue:join', kind: 'queue', op: 'join', orgId: s.orgId, queueId: s.queueId, callSessionId: s.sessionId, caller: s.from, priority: 0 });
}

function onCallerSpeakEnded(o: StepOut, s: QueueCallState) {
  s.caller.speaksEnded++;
  if (speaking(s.caller)) return;
  switch (s.phase) {
    case 'greeting':
      join(o, s);
      startHold(o, s);
      return;
    case 'waiting':
      startHold(o, s);
      return;
    case 'closing':
      s.phase = 'ending';
      o.hangup('caller');
      return;
  }
}

function requestCallback(o: StepOut, s: QueueCallState, afterOverflow: boolean) {
  s.phase = 'callback_pending';
  stopHold(o, s);
  o.effect({
    key: key(s, 'queue:callback'),
    kind: 'queue',
    op: 'callback',
    orgId: s.orgId,
    queueId: s.queueId,
    callSessionId: s.sessionId,
    number: s.from,
    joinedAt: afterOverflow ? (s.joinedAt ?? s.startedAt) : null,
  });
}

function onCallbackStored(o: StepOut, s: QueueCallState, ok: boolean, value: unknown, now: number) {
  if (s.phase !== 'callback_pending') return;
  const id = ok && value && typeof value === 'object' ? (value as { callbackId?: unknown }).callbackId : null;
  if (typeof id === 'string') {
    s.callbackId = id;
    s.outcome = 'callback';
    s.waitMs ??= s.joinedAt !== null ? Math.max(0, now - s.joinedAt) : 0;
    s.phase = 'closing';
    s.deferred = [];
    if (!o.speak('caller', 'speak:caller:callback', QUEUE_TEXTS.callbackTaken)) o.hangup('caller');
    return;
  }
  // Not stored (the line no longer held the caller, or D1 failed): keep waiting, or close after an overflow.
  if (s.outcome === 'overflow') {
    s.phase = 'closing';
    if (!o.speak('caller', 'speak:caller:closing', QUEUE_TEXTS.closing)) o.hangup('caller');
    return;
  }
  s.phase = s.agent ? 'connecting' : 'waiting';
  for (const d of s.deferred.splice(0)) offer(o, s, d, now);
  if (s.phase === 'waiting') sayWhileWaiting(o, s, QUEUE_TEXTS.callbackFailed);
}

function onOverflow(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'overflow' }>['value']) {
  if (!['greeting', 'waiting'].includes(s.phase) || !live(s.caller)) return;
  stopHold(o, s);
  s.waitMs = v.waitMs;
  s.outcome = 'overflow';
  if (v.to === 'voicemail' && s.info?.voicemailOwner) {
    s.phase = 'voicemail';
    return;
  }
  if (v.to === 'callback' || v.to === 'voicemail') {
    s.phase = 'overflow_ask';
    if (s.caller.callControlId)
      o.command({
        key: 'gather:caller:overflow',
        leg: 'caller',
        action: 'gather',
        callControlId: s.caller.callControlId,
        text: QUEUE_TEXTS.overflowCallback,
        minDigits: 1,
        maxDigits: 1,
        timeoutMs: OVERFLOW_GATHER_MS,
        validDigits: CALLBACK_KEY,
      });
    return;
  }
  s.phase = 'closing';
  if (!o.speak('caller', 'speak:caller:closing', QUEUE_TEXTS.closing)) o.hangup('caller');
}

// ── offers: dial the agent, whisper, the Queue's confirmation, bridge ────────────────────────
type OfferValue = Extract<CcSignal, { name: 'offer' }>['value'];

function offer(o: StepOut, s: QueueCallState, v: OfferValue, now: number) {
  if (s.agents.some((a) => a.offerId === v.offerId)) return;
  if (s.phase === 'callback_pending') {
    s.deferred.push(v);
    return;
  }
  // Only a caller still in line can be offered; otherwise the Queue's lease ends the offer.
  if (!['greeting', 'waiting'].includes(s.phase) || !live(s.caller) || !s.caller.callControlId) return;
  const role = `agent${++s.agentSeq}`;
  s.agents.push({
    role,
    offerId: v.offerId,
    userId: v.agentUserId,
    leg: newLeg(null, null),
    accepted: false,
    dropped: false,
    whispered: false,
    transfer: false,
  });
  const ringSecs = Math.min(600, Math.max(5, Math.round((v.leaseUntil - now) / 1000)));
  o.command({ key: `dial:${role}`, leg: role, action: 'dial', to: v.mobile, from: s.to, timeoutSecs: ringSecs, linkTo: s.caller.callControlId });
  o.timer(`ring:${role}`, Math.max(v.leaseUntil, now) + AGENT_RING_GRACE_MS);
}

function dropAgent(o: StepOut, s: QueueCallState, a: AgentLeg) {
  if (a.dropped) return;
  a.dropped = true;
  o.timer(`ring:${a.role}`, null);
  o.hangup(a.role, `hangup:${a.role}`);
}

/** The agent answered and was confirmed, and heard the whisper: connect them to the caller. */
function maybeBridge(o: StepOut, s: QueueCallState) {
  const a = connectedAgent(s);
  if (!a || !a.whispered || !a.accepted || s.phase !== 'connecting') return;
  if (!live(s.caller) || !live(a.leg) || !s.caller.callControlId || !a.leg.callControlId) return;
  stopHold(o, s);
  o.command({
    key: `bridge:${a.role}`,
    leg: 'caller',
    action: 'bridge',
    callControlId: s.caller.callControlId,
    otherCallControlId: a.leg.callControlId,
    parkAfterUnbridge: true,
  });
}

/** A transfer target dialled and not yet bridged with the caller (ringing, hearing the whisper, or being bridged). */
const pendingTransfer = (s: QueueCallState) => s.agents.find((a) => a.transfer && !a.dropped && live(a.leg) && a.role !== s.agent) ?? null;

function onAccepted(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'answer_accepted' }>['value']) {
  const a = s.agents.find((x) => x.offerId === v.offerId);
  if (!a || a.accepted) return;
  if (a.dropped || !live(a.leg) || !live(s.caller)) {
    // Confirmed too late to use (the agent hung up, the caller left): the agent's call ends at once.
    a.accepted = true;
    return;
  }
  a.accepted = true;
  s.waitMs = v.waitMs;
  s.agent = a.role;
  s.answeredAt = a.leg.answeredAt;
  s.phase = 'connecting';
  s.deferred = [];
  o.timer(`ring:${a.role}`, null);
  // Every other agent leg still ringing for this caller (ring-all) stops.
  for (const other of s.agents) if (other !== a && !other.accepted) dropAgent(o, s, other);
  tellAgentAnswered(o, s, a, 'queue', a.leg.answeredAt ?? 0);
  maybeBridge(o, s);
}

/** The agent's object hears that its offer was answered, with the call its console shows. */
function tellAgentAnswered(o: StepOut, s: QueueCallState, a: AgentLeg, kind: 'queue' | 'transfer', startedAt: number) {
  o.effect({
    key: `agent:answered:${a.role}`,
    kind: 'agent',
    orgId: s.orgId,
    userId: a.userId,
    input: { kind: 'offer_answered', offerId: a.offerId, callSessionId: s.sessionId },
    context: { kind, direction: 'inbound', queueId: s.queueId, queueName: s.info?.name ?? null, customer: s.from, startedAt, held: false },
  });
}

function onAgentEvent(o: StepOut, s: QueueCallState, a: AgentLeg, e: CallEvent, now: number) {
  const leg = identify(a.leg, e);
  switch (e.type) {
    case 'answered': {
      if (!markAnswered(leg, e)) return;
      if (a.dropped || !live(s.caller)) {
        dropAgent(o, s, a);
        return;
      }
      o.timer(`ring:${a.role}`, null);
      if (a.transfer) {
        tellAgentAnswered(o, s, a, 'transfer', e.at);
        a.accepted = true;
        if (!o.speak(a.role, `speak:${a.role}:whisper`, QUEUE_TEXTS.transferWhisper)) completeTransfer(o, s, a);
        return;
      }
      o.effect({ key: `queue:answered:${a.role}`, kind: 'queue', op: 'answered', orgId: s.orgId, queueId: s.queueId, offerId: a.offerId });
      if (!o.speak(a.role, `speak:${a.role}:whisper`, whisperText(s.info?.name ?? ''))) a.whispered = true;
      maybeBridge(o, s);
      return;
    }
    case 'speak_ended':
      leg.speaksEnded++;
      if (speaking(leg) || a.whispered) return;
      a.whispered = true;
      if (a.transfer) completeTransfer(o, s, a);
      else maybeBridge(o, s);
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      if (a.transfer && a.accepted && s.agent !== a.role && live(s.caller)) transferred(o, s, a, now);
      return;
    case 'hangup': {
      const wasAnswered = leg.answeredAt !== null;
      if (!markEnded(leg, e.at)) return;
      o.timer(`ring:${a.role}`, null);
      const target = pendingTransfer(s);
      if (s.agent === a.role && !a.dropped && target && live(s.caller)) {
        // The agent left while transferring (or the carrier dropped their leg as the caller was
        // bridged to the target): the caller, bridged to park, waits for the target on hold audio.
        a.dropped = true;
        if (!target.whispered) startHold(o, s);
        return;
      }
      if (s.agent === a.role && !a.dropped) {
        // The agent on the call hung up: the call is over (the caller was parked, not hung up).
        noteHangup(s, a.role, e);
        if (live(s.caller)) {
          s.phase = 'ending';
          o.hangup('caller');
        }
        return;
      }
      if (!wasAnswered && !a.dropped && (e.hangupCause === 'user_busy' || e.hangupCause === 'call_rejected')) {
        // Declined on the phone: the agent goes to break at once (no need to wait for the lease).
        o.effect({ key: `agent:declined:${a.role}`, kind: 'agent', orgId: s.orgId, userId: a.userId, input: { kind: 'offer_declined', offerId: a.offerId } });
      }
      a.dropped = true;
      return;
    }
    default:
      return;
  }
}

function onBridged(o: StepOut, s: QueueCallState, leg: Leg, at: number) {
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  if (s.connectedAt === null) s.connectedAt = at;
  if (s.phase === 'connecting') s.phase = 'connected';
  if (s.recordingNotice && !s.recordingStarted && live(s.caller) && s.caller.callControlId && s.agent) {
    s.recordingStarted = true;
    o.command({ key: 'record:caller', leg: 'caller', action: 'record_start', callControlId: s.caller.callControlId, channels: 'dual' });
  }
}

// ── in call: hold, transfer, supervision (C5, C12) ───────────────────────────────────────────
function onHold(o: StepOut, s: QueueCallState, hold: boolean) {
  const a = connectedAgent(s);
  if (s.phase !== 'connected' || !a || !live(s.caller) || !s.caller.callControlId || s.held === hold) return;
  s.held = hold;
  const url = s.info?.holdAudioUrl;
  if (hold && url)
    o.command({ key: key(s, 'hold'), leg: 'caller', action: 'playback_start', callControlId: s.caller.callControlId, audioUrl: url, loop: 'infinity' });
  if (!hold && url) o.command({ key: key(s, 'hold_stop'), leg: 'caller', action: 'playback_stop', callControlId: s.caller.callControlId });
  o.effect({
    key: key(s, 'agent:held'),
    kind: 'agent',
    orgId: s.orgId,
    userId: a.userId,
    input: { kind: 'call_update', callSessionId: s.sessionId, held: hold },
  });
}

function onTransfer(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'transfer' }>['value'], now: number) {
  const current = connectedAgent(s);
  const busy = s.agents.some((a) => a.transfer && !a.dropped && live(a.leg) && a.role !== s.agent);
  if (s.phase !== 'connected' || !current || busy || !live(s.caller) || !s.caller.callControlId) {
    // Not possible now: the target's ringing state is withdrawn at once.
    o.effect({ key: key(s, 'agent:xfer_cancel'), kind: 'agent', orgId: s.orgId, userId: v.toUserId, input: { kind: 'offer_cancelled', offerId: v.offerId } });
    return;
  }
  const role = `agent${++s.agentSeq}`;
  s.agents.push({ role, offerId: v.offerId, userId: v.toUserId, leg: newLeg(null, null), accepted: false, dropped: false, whispered: false, transfer: true });
  const ringSecs = Math.min(600, Math.max(5, Math.round((v.leaseUntil - now) / 1000)));
  o.command({ key: `dial:${role}`, leg: role, action: 'dial', to: v.mobile, from: s.to, timeoutSecs: ringSecs, linkTo: s.caller.callControlId });
  o.timer(`ring:${role}`, Math.max(v.leaseUntil, now) + AGENT_RING_GRACE_MS);
}

/**
 * The transfer target heard the whisper: the caller is bridged to the target first. Telnyx then
 * ends the caller's bridge with the first agent and hangs up the first agent's leg (bridged without
 * park_after_unbridge); the caller, bridged to park, is never hung up with it. Hanging up the first
 * agent before this bridge would hang up a caller bridged without park_after_unbridge.
 */
function completeTransfer(o: StepOut, s: QueueCallState, target: AgentLeg) {
  if (!live(s.caller) || !live(target.leg) || !s.caller.callControlId || !target.leg.callControlId) return;
  if (s.held && s.info?.holdAudioUrl) o.command({ key: key(s, 'hold_stop'), leg: 'caller', action: 'playback_stop', callControlId: s.caller.callControlId });
  else stopHold(o, s);
  s.held = false;
  s.holdPlaying = false;
  o.command({
    key: `bridge:${target.role}`,
    leg: 'caller',
    action: 'bridge',
    callControlId: s.caller.callControlId,
    otherCallControlId: target.leg.callControlId,
    parkAfterUnbridge: true,
  });
}

/**
 * The target is bridged with the caller: from now on the call is theirs (the record names them).
 * The first agent's leg left the bridge, so the carrier hangs it up; they are told their call ended.
 * Supervisors were listening to the first agent's leg: their calls end with it.
 */
function transferred(o: StepOut, s: QueueCallState, target: AgentLeg, now: number) {
  const previous = connectedAgent(s);
  s.agent = target.role;
  if (previous && previous !== target) {
    previous.dropped = true;
    o.timer(`ring:${previous.role}`, null);
    o.hangupPeer(previous.role, true, now);
    o.effect({
      key: `agent:ended:${previous.role}`,
      kind: 'agent',
      orgId: s.orgId,
      userId: previous.userId,
      input: { kind: 'call_ended', callSessionId: s.sessionId },
    });
  }
  for (const x of s.supervisors) if (live(x.leg)) o.hangup(x.role, key(s, `hangup:${x.role}`));
}

function onSupervise(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'supervise' }>['value']) {
  const a = connectedAgent(s);
  if (s.phase !== 'connected' || !a?.leg.callControlId || !live(a.leg)) return;
  for (const x of s.supervisors) if (x.userId === v.supervisorUserId && live(x.leg)) o.hangup(x.role, key(s, `hangup:${x.role}`));
  const role = `sup${s.supervisors.length + 1}`;
  s.supervisors.push({ role, userId: v.supervisorUserId, leg: newLeg(null, null), mode: v.role });
  o.command({
    key: `dial:${role}`,
    leg: role,
    action: 'dial',
    to: v.mobile,
    from: s.to,
    timeoutSecs: 30,
    ...(s.caller.callControlId ? { linkTo: s.caller.callControlId } : {}),
    supervise: { callControlId: a.leg.callControlId, role: v.role },
  });
}

function onSuperviseStop(o: StepOut, s: QueueCallState, userId: string) {
  for (const x of s.supervisors) if (x.userId === userId && live(x.leg)) o.hangup(x.role, key(s, `hangup:${x.role}`));
}

// ── the caller's leg ─────────────────────────────────────────────────────────────────────────
function noteHangup(s: QueueCallState, leg: string, e: CallEvent) {
  if (!s.firstHangup || e.at < s.firstHangup.at) s.firstHangup = { leg, at: e.at, cause: e.hangupCause, source: e.hangupSource };
}

function onCallerEvent(o: StepOut, s: QueueCallState, e: CallEvent, now: number) {
  identify(s.caller, e);
  switch (e.type) {
    case 'answered':
      if (markAnswered(s.caller, e)) greet(o, s);
      return;
    case 'speak_ended':
      onCallerSpeakEnded(o, s);
      return;
    case 'dtmf':
      if (e.digit === CALLBACK_KEY && s.phase === 'waiting' && s.joinedAt !== null) requestCallback(o, s, false);
      return;
    case 'gather_ended':
      if (s.phase !== 'overflow_ask') return;
      if (e.digits === CALLBACK_KEY) requestCallback(o, s, true);
      else {
        s.phase = 'closing';
        if (!o.speak('caller', 'speak:caller:closing', QUEUE_TEXTS.closing)) o.hangup('caller');
      }
      return;
    case 'bridged':
      onBridged(o, s, s.caller, e.at);
      return;
    case 'recording_saved':
      if (e.recording && !s.recording) s.recording = { ...e.recording };
      return;
    case 'hangup': {
      if (!markEnded(s.caller, e.at)) return;
      noteHangup(s, 'caller', e);
      s.holdPlaying = false;
      const inLine = ['greeting', 'waiting', 'callback_pending'].includes(s.phase) && s.outcome !== 'callback';
      if (inLine) {
        s.outcome = 'abandoned';
        // joinedAt is the Queue's instant (this worker's clock, like `now`), not the carrier's
        // occurred_at: mixing the two clocks made the wait 0 (or days) when they disagree.
        if (s.joinedAt !== null) s.waitMs = Math.max(0, now - s.joinedAt);
        o.effect({ key: 'queue:leave', kind: 'queue', op: 'leave', orgId: s.orgId, queueId: s.queueId, callSessionId: s.sessionId });
      }
      if (s.phase === 'answering') s.outcome = 'abandoned';
      if (s.phase === 'connecting' && s.outcome === null) s.outcome = 'connected';
      for (const a of s.agents) {
        if (!live(a.leg)) continue;
        // The agent bridged with the caller (a call.bridged came): the carrier hangs their leg up with the bridge.
        if (a.role === s.agent && s.connectedAt !== null) {
          a.dropped = true;
          o.hangupPeer(a.role, true, now);
        } else dropAgent(o, s, a);
      }
      for (const x of s.supervisors) if (live(x.leg)) o.hangup(x.role, `hangup:${x.role}:end`);
      if (s.phase !== 'voicemail') s.phase = 'ending';
      return;
    }
  }
}

function roleOf(s: QueueCallState, e: CallEvent): LegRole | null {
  if (e.role) return e.role;
  if (isLeg(s.caller, e)) return 'caller';
  for (const a of s.agents) if (isLeg(a.leg, e)) return a.role;
  for (const x of s.supervisors) if (isLeg(x.leg, e)) return x.role;
  return e.direction === 'incoming' ? 'caller' : null;
}

function onSignal(o: StepOut, s: QueueCallState, name: string, value: unknown, now: number) {
  const sig = { name, value } as CcSignal;
  switch (sig.name) {
    case 'offer':
      offer(o, s, sig.value, now);
      return;
    case 'offer_cancelled':
    case 'answer_refused': {
      const a = s.agents.find((x) => x.offerId === sig.value.offerId);
      if (a && s.agent !== a.role) dropAgent(o, s, a);
      if (!a && s.phase === 'callback_pending') s.deferred = s.deferred.filter((d) => d.offerId !== sig.value.offerId);
      return;
    }
    case 'answer_accepted':
      onAccepted(o, s, sig.value);
      return;
    case 'overflow':
      onOverflow(o, s, sig.value);
      return;
    case 'announce':
      if (s.phase === 'waiting' && live(s.caller) && !s.agents.some((a) => !a.dropped && live(a.leg) && reached(a.leg, 'answered')))
        sayWhileWaiting(o, s, positionText(sig.value.position, sig.value.estimatedWaitSeconds));
      return;
    case 'hold':
    case 'unhold':
      if (connectedAgent(s)?.userId === sig.value.userId) onHold(o, s, sig.name === 'hold');
      return;
    case 'hangup': {
      const a = connectedAgent(s);
      if (a && a.userId === sig.value.userId && live(a.leg)) o.hangup(a.role, key(s, `hangup:${a.role}`));
      return;
    }
    case 'transfer':
      onTransfer(o, s, sig.value, now);
      return;
    case 'supervise':
      onSupervise(o, s, sig.value);
      return;
    case 'supervise_stop':
      onSuperviseStop(o, s, sig.value.supervisorUserId);
      return;
  }
}

function onEffect(o: StepOut, s: QueueCallState, input: Extract<FlowInput, { kind: 'effect' }>, now: number) {
  if (input.key === 'queue:info') {
    const v = input.ok ? (input.value as QueueCallInfo | null) : null;
    s.info = v ?? { name: '', greeting: null, holdAudioUrl: null, ringTimeoutSeconds: 20, overflow: 'none', voicemailOwner: null };
    greet(o, s);
  } else if (input.key === 'queue:join') {
    const at = input.ok && input.value && typeof input.value === 'object' ? (input.value as { joinedAt?: unknown }).joinedAt : null;
    s.joinedAt = typeof at === 'number' ? at : now;
  } else if (input.key.startsWith('queue:callback')) {
    onCallbackStored(o, s, input.ok, input.value, now);
  } else if (input.key.startsWith('record:')) {
    if (input.ok && !s.recorded) {
      s.recorded = true;
      releaseAgent(o, s);
    } else if (!input.ok && s.recordAttempts < RECORD_ATTEMPTS) o.timer('record', now + RECORD_RETRY_MS);
    else if (!input.ok) releaseAgent(o, s);
  } else if (input.key.startsWith('copy:')) {
    if (input.ok || s.copy.attempts >= COPY_ATTEMPTS) s.copy.done = true;
    else o.timer('copy', now + copyRetryMs(s.copy.attempts));
  }
}

/** After the record: the agent who took the call is told it ended (their ACW finds the row). */
function releaseAgent(o: StepOut, s: QueueCallState) {
  const a = connectedAgent(s);
  if (s.agentReleased || !a || !a.accepted) return;
  s.agentReleased = true;
  o.effect({ key: `agent:ended:${a.role}`, kind: 'agent', orgId: s.orgId, userId: a.userId, input: { kind: 'call_ended', callSessionId: s.sessionId } });
}

function writeRecord(o: StepOut, s: QueueCallState) {
  if (!s.orgId) {
    s.recorded = true;
    return;
  }
  const endedAt = s.endedAt ?? s.startedAt;
  const a = connectedAgent(s);
  const answeredAt = a?.accepted ? s.answeredAt : null;
  s.recordAttempts++;
  o.effect({
    key: `record:${s.recordAttempts}`,
    kind: 'write_call',
    orgId: s.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'inbound',
      kind: 'queue',
      numberId: s.numberId || null,
      fromNumber: s.from,
      toNumber: s.to,
      ownerUserId: a?.userId ?? null,
      agentUserId: a?.accepted ? a.userId : null,
      queueId: s.queueId || null,
      callerPriority: 0,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      hangupCause: s.firstHangup?.cause ?? null,
      hangupSource: s.firstHangup ? `${s.firstHangup.leg}:${s.firstHangup.source ?? 'unknown'}` : null,
      waitMs: s.waitMs,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: [
        {
          rule: 'queue',
          matched: true,
          detail: { queueId: s.queueId, agents: s.agents.map((x) => ({ userId: x.userId, answered: x.leg.answeredAt !== null, transfer: x.transfer })) },
        },
      ],
    },
  });
}

function copyRecording(o: StepOut, s: QueueCallState, retry = false) {
  if (!s.recording || !s.recorded || s.copy.done || (!retry && s.copy.attempts > 0)) return;
  s.copy.attempts++;
  o.effect({
    key: `copy:${s.copy.attempts}`,
    kind: 'copy_recording',
    orgId: s.orgId,
    callSessionId: s.sessionId,
    callStartedAt: s.startedAt,
    ownerUserId: connectedAgent(s)?.userId ?? null,
    recordingKind: 'call',
    url: s.recording.url,
    channels: s.recording.channels,
    startedAt: s.recording.startedAt,
    endedAt: s.recording.endedAt,
    minAudioMs: null,
    attach: true,
  });
}

function onTimer(o: StepOut, s: QueueCallState, name: string, now: number): boolean {
  if (o.goneTimer(name)) return false;
  if (name.startsWith('ring:')) {
    const a = agentOf(s, name.slice(5));
    if (a && !a.leg.answeredAt) dropAgent(o, s, a);
  } else if (name === 'silence' && !s.finished) {
    for (const a of s.agents) if (live(a.leg)) dropAgent(o, s, a);
    for (const x of s.supervisors) if (live(x.leg)) o.hangup(x.role, `hangup:${x.role}:cleanup`);
    o.hangup('caller', 'hangup:caller:cleanup');
    const ended = (leg: Leg) => markEnded(leg, now);
    ended(s.caller);
    for (const a of s.agents) ended(a.leg);
    for (const x of s.supervisors) ended(x.leg);
    s.outcome ??= s.connectedAt !== null ? 'connected' : 'failed';
    s.phase = 'ending';
  } else if (name === 'record') {
    writeRecord(o, s);
  } else if (name === 'copy') {
    copyRecording(o, s, true);
  } else if (name === 'linger') {
    const awaiting = s.recordingStarted && !s.recording && s.lingers < RECORDING_LINGERS;
    const copySettled = !s.recording || s.copy.done;
    if ((s.recorded || s.recordAttempts >= RECORD_ATTEMPTS) && !awaiting && copySettled) return true;
    s.lingers++;
    o.timer('linger', now + LINGER_MS);
  }
  return false;
}

function voicemailParams(s: QueueCallState): VoicemailParams {
  const owner = s.info?.voicemailOwner ?? null;
  return {
    reason: 'no_answer',
    decision: {
      action: 'announce',
      outcome: 'unavailable',
      announcement: '',
      orgId: s.orgId,
      numberId: s.numberId,
      ownerUserId: owner,
      dialled: s.to,
      caller: s.from,
      at: s.startedAt,
      decidedBy: null,
      texts: { waiting: '', connect: '', unavailable: '', error: QUEUE_TEXTS.error, recordingNotice: null },
      trace: [],
      voicemail: { afterHours: false, noAnswer: true },
    },
    caller: s.caller,
    from: s.from,
    to: s.to,
    startedAt: s.startedAt,
    fallbackOutcome: 'overflow',
    intro: QUEUE_TEXTS.closing.split('.')[0] + '.',
    firstHangup: s.firstHangup,
    queue: { queueId: s.queueId, waitMs: s.waitMs },
  };
}

function finish(s: QueueCallState, o: StepOut, now: number, input: FlowInput | null): FlowStep<QueueCallState> {
  let retire = false;
  if (input?.kind === 'timer') retire = onTimer(o, s, input.name, now);
  if (s.phase === 'voicemail' && live(s.caller)) {
    o.timer('silence', null);
    return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, handoff: { flow: 'voicemail', params: voicemailParams(s) } };
  }
  if (s.recording && s.recorded && s.copy.attempts === 0) copyRecording(o, s);
  // The agent's leg is gone and no transfer target is coming: the caller (parked by the carrier) is hung up.
  const agent = connectedAgent(s);
  if (s.phase === 'connected' && live(s.caller) && agent && !live(agent.leg) && !pendingTransfer(s)) {
    s.phase = 'ending';
    o.hangup('caller');
  }
  const legsDone =
    s.agents.every((a) => !live(a.leg) || a.leg.callControlId === null) && s.supervisors.every((x) => !live(x.leg) || x.leg.callControlId === null);
  if (!s.finished && s.caller.status === 'ended' && legsDone) {
    s.finished = true;
    s.phase = 'done';
    const ends = [s.caller.endedAt, ...s.agents.map((a) => a.leg.endedAt)].filter((t): t is number => typeof t === 'number');
    s.endedAt = ends.length ? Math.max(...ends) : now;
    if (s.outcome === null || (s.outcome === 'overflow' && s.connectedAt !== null)) s.outcome = s.connectedAt !== null ? 'connected' : 'abandoned';
    for (const a of s.agents) o.timer(`ring:${a.role}`, null);
    o.timer('silence', null);
    o.timer('linger', now + LINGER_MS);
    writeRecord(o, s);
  } else if (!s.finished && input?.kind !== 'timer' && !o.timers.some((t) => t.name === 'silence')) {
    o.timer('silence', now + (s.phase === 'connected' ? CONNECTED_SILENCE_MS : SILENCE_MS));
  }
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, ...(retire ? { retire } : {}) };
}

function reduce(prev: QueueCallState, input: FlowInput, now: number): FlowStep<QueueCallState> {
  const s = structuredClone(prev);
  const o = out(s);
  switch (input.kind) {
    case 'event': {
      const role = roleOf(s, input.event);
      if (role === 'caller') onCallerEvent(o, s, input.event, now);
      else {
        const a = agentOf(s, role);
        if (a) onAgentEvent(o, s, a, input.event, now);
        const x = s.supervisors.find((v) => v.role === role);
        if (x) {
          identify(x.leg, input.event);
          if (input.event.type === 'answered') markAnswered(x.leg, input.event);
          else if (input.event.type === 'bridged') advance(x.leg, 'bridged');
          else if (input.event.type === 'hangup') markEnded(x.leg, input.event.at);
        }
      }
      break;
    }
    case 'dialled': {
      const leg = s.agents.find((a) => a.role === input.leg)?.leg ?? s.supervisors.find((x) => x.role === input.leg)?.leg;
      if (leg) {
        leg.callControlId ??= input.callControlId;
        leg.callLegId ??= input.callLegId;
      }
      break;
    }
    case 'command_failed': {
      const a = agentOf(s, input.leg);
      if (input.action === 'dial' && a) {
        // The agent's phone could not be dialled: the lease expires by itself (the agent goes to break).
        markEnded(a.leg, now);
        a.dropped = true;
      } else if (input.action === 'dial') {
        const x = s.supervisors.find((v) => v.role === input.leg);
        if (x) markEnded(x.leg, now);
      } else if (input.leg === 'caller' && input.action === 'bridge' && transferBridgeFailed(o, s, input.key)) {
        // The caller stays with the agent who had the call (or is hung up above when that agent left).
      } else if (input.leg === 'caller' && ['answer', 'bridge'].includes(input.action)) {
        // Without an answered caller or a bridge nothing can go on: end the call cleanly.
        o.hangup('caller', 'hangup:caller:fail');
        for (const ag of s.agents) if (live(ag.leg)) dropAgent(o, s, ag);
        if (live(s.caller) && s.phase !== 'connected') s.outcome ??= 'failed';
      }
      break;
    }
    case 'signal':
      onSignal(o, s, input.name, input.value, now);
      break;
    case 'effect':
      onEffect(o, s, input, now);
      break;
    case 'timer':
      break;
  }
  return finish(s, o, now, input);
}

/** The bridge to a transfer target failed: the target's leg and console call end; true when it was one. */
function transferBridgeFailed(o: StepOut, s: QueueCallState, commandKey: string): boolean {
  const target = s.agents.find((a) => a.transfer && a.role !== s.agent && commandKey === `bridge:${a.role}`);
  if (!target || !live(s.caller)) return false;
  dropAgent(o, s, target);
  o.effect({
    key: `agent:ended:${target.role}`,
    kind: 'agent',
    orgId: s.orgId,
    userId: target.userId,
    input: { kind: 'call_ended', callSessionId: s.sessionId },
  });
  return true;
}

export const queueFlow: Flow<QueueCallState, never> = {
  name: QUEUE_FLOW,
  version: 1,
  start,
  reduce,
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.outcome, phase: s.phase }),
};
