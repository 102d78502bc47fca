// The queue call flow (C3–C6, C12, B5): a caller to a service number hears the greeting, joins the
// queue's line and waits with hold audio (position and estimated wait spoken when the Queue says),
// may press 1 for a callback, and is connected to the agent the Queue offers the call to: the
// agent's phone is dialled, hears a whisper naming the queue, the Queue confirms the answer, the two
// are bridged (recorded when the org records). Hold, transfer and supervision arrive as signals.
// The caller is always bridged with `park_after_unbridge: "self"`: when an agent's leg ends, Telnyx
// parks the caller instead of hanging it up, and this flow decides (a transfer bridges the caller to
// the target first, which drops agent 1's leg at the carrier). The record names the agent who was
// last bridged with the caller, and is written before that agent is told the call ended. Pure.
//
// This file is the flow itself: start, the one reducer and the ending; each concept lives beside it
// (waiting.ts, callback.ts, offers.ts, in-call.ts, caller.ts, record.ts; legs.ts the shared lookups).
import { klona } from 'klona/json';
import { onCopied, RECORD_ATTEMPTS, retryRecord } from '../ending';
import type { Flow, FlowStart, FlowStep } from '../flow';
import { advance, identify, live, markAnswered, markEnded, newLeg, reached, StepOut, type Leg } from '../legs';
import type { FlowInput } from '../vocabulary';
import { onCallbackStored, onOverflow, voicemailParams } from './callback';
import { onCallerEvent } from './caller';
import type { CcSignal, QueueCallInfo } from './effects';
import { onHold, onSupervise, onSuperviseStop, onTransfer, transferBridgeFailed } from './in-call';
import { agentOf, connectedAgent, dropAgent, key, out, pendingTransfer, roleOf } from './legs';
import { offer, onAccepted, onAgentEvent } from './offers';
import { copyRecording, releaseAgent, writeRecord } from './record';
import { CONNECTED_SILENCE_MS, LINGER_MS, RECORDING_LINGERS, SILENCE_MS, type QueueCallState } from './state';
import { positionText } from './texts';
import { greet, sayWhileWaiting } from './waiting';

export const QUEUE_FLOW = 'queue';
export type { QueueCallState } from './state';

/** What a queue call starts from: the service number's snapshot (inbound). */
type QueueStart = FlowStart<never>;

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
      onSupervise(o, s, sig.value, now);
      return;
    case 'supervise_stop':
      onSuperviseStop(o, s, sig.value.supervisorUserId, now);
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
    }
    // Tried again a few times; given up, the agent is still released.
    else if (!input.ok && !retryRecord(o, s.recordAttempts, now)) releaseAgent(o, s);
  } else if (input.key.startsWith('copy:')) onCopied(o, s.copy, input.ok, now);
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
  const s = klona(prev);
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
      if (leg) identify(leg, input);
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

export const queueFlow: Flow<QueueCallState, never> = {
  name: QUEUE_FLOW,
  version: 1,
  start,
  reduce,
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.outcome, phase: s.phase }),
};
