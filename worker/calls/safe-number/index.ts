// The safe-number flow (S1–S6 on the call path): the routing decision for the dialled number and
// the caller, then reject, announce-and-end, or connect through the staff member's mobile. A pure
// reducer on the CallSession host; the call record is written once, as an effect, when it is over.
import { klona } from 'klona/json';
import type { Decision } from '../../routing/decision';
import { route, shieldPolicyFor, type CallRouting, type RouteInput } from '../../routing/route';
import type { ShieldVerdict } from '../../routing/shield';
import { onCopied, RECORD_ATTEMPTS, retryRecord } from '../ending';
import type { Flow, FlowStart, FlowStep } from '../flow';
import { identify, isLeg, live, markEnded, newLeg, StepOut } from '../legs';
import type { CallEvent, FlowInput } from '../vocabulary';
import { callerCanHear, onCallee, onCaller } from './legs';
import { callRecordOf } from './record';
import { CONNECTED_SILENCE_MS, HANGUP_RETRY_MS, initialState, LINGER_MS, RECORDING_LINGERS, SILENCE_MS, textsOf, type FlowState, type SafeRole } from './state';
import { unavailable } from './legs';
import { closeWithNotice, copyRecording, endsWithNotice, popup, VOICEMAIL_FLOW } from './media';

export { callRecordOf } from './record';
export { initialState, type FlowState } from './state';

const out = (s: FlowState) => new StepOut((role) => (role === 'caller' ? s.caller : role === 'callee' ? s.callee : null));

function start(st: FlowStart, now: number): FlowStep<FlowState> {
  const s = initialState(st.sessionId);
  if (st.kind !== 'inbound') return { state: s, commands: [], timers: [], effects: [] };
  return finishStep(s, { kind: 'inbound', event: st.event, routing: st.route.routing }, now);
}

type Inbound = { kind: 'inbound'; event: CallEvent; routing: CallRouting | null };

const routeInput = (r: CallRouting, at: number): Omit<RouteInput, 'shield'> => ({ snapshot: r.snapshot, caller: r.caller ?? '', now: at, lists: r.entries });

function onInbound(o: StepOut, s: FlowState, input: Inbound) {
  const e = input.event;
  s.caller ??= newLeg(e.callControlId, e.callLegId);
  s.caller.callControlId ??= e.callControlId;
  if (s.phase !== 'new') return;
  s.from = e.from;
  s.to = e.to;
  s.startedAt = e.at;
  const r = input.routing;
  const ccid = s.caller.callControlId;
  if (!r) {
    // Not one of our numbers: turned away unanswered, with no record (no organisation to file it under).
    s.outcome = 'unknown_number';
    s.recorded = true;
    if (live(s.caller) && ccid) {
      s.phase = 'rejected';
      o.command({ key: 'reject:caller', leg: 'caller', action: 'reject', callControlId: ccid, cause: 'CALL_REJECTED' });
    } else s.phase = 'ending';
    return;
  }
  // Decided at the call's own instant (the carrier's occurred_at): replays decide the same.
  const policy = r.caller && r.snapshot.owner ? shieldPolicyFor(routeInput(r, e.at)) : null;
  if (policy && r.caller && r.snapshot.owner) {
    s.phase = 'screening';
    s.screening = r;
    o.effect({ key: 'shield', kind: 'shield', userId: r.snapshot.owner.userId, numberId: r.snapshot.numberId, caller: r.caller, policy, at: e.at });
    return;
  }
  act(o, s, route({ ...routeInput(r, e.at), shield: null }));
}

/** The decision is made: turn the caller away, announce and end, or start connecting. */
function act(o: StepOut, s: FlowState, decision: Decision) {
  s.decision = decision;
  s.screening = null;
  const ccid = s.caller?.callControlId;
  if (!live(s.caller) || !ccid) {
    // The caller's hangup overtook the decision: nothing to do but record it.
    s.phase = 'ending';
    s.outcome = decision.action === 'connect' ? 'abandoned' : decision.outcome;
    return;
  }
  switch (decision.action) {
    case 'reject':
      s.phase = 'rejected';
      s.outcome = decision.outcome;
      o.command({ key: 'reject:caller', leg: 'caller', action: 'reject', callControlId: ccid, cause: decision.cause });
      return;
    case 'announce':
      s.phase = 'announcing';
      s.outcome = decision.outcome;
      o.command({ key: 'answer:caller', leg: 'caller', action: 'answer', callControlId: ccid });
      return;
    case 'connect':
      s.phase = 'answering';
      o.command({ key: 'answer:caller', leg: 'caller', action: 'answer', callControlId: ccid });
  }
}

/** The shield answered (or could not: then the call is decided as if not counted). */
function onShield(o: StepOut, s: FlowState, ok: boolean, verdict: unknown) {
  if (s.phase !== 'screening' || !s.screening || s.startedAt === null) return;
  act(o, s, route({ ...routeInput(s.screening, s.startedAt), shield: ok ? (verdict as ShieldVerdict) : null }));
}

function roleOf(s: FlowState, e: CallEvent): SafeRole | null {
  if (e.role === 'caller' || e.role === 'callee') return e.role;
  if (isLeg(s.caller, e)) return 'caller';
  if (isLeg(s.callee, e)) return 'callee';
  if (e.direction === 'incoming') return 'caller';
  return null;
}

function onCommandFailed(o: StepOut, s: FlowState, input: Extract<FlowInput, { kind: 'command_failed' }>, now: number) {
  if (input.action === 'hangup') {
    // Never leave a leg up: the cleanup path hangs up every live leg again, soon.
    o.timer('silence', now + HANGUP_RETRY_MS);
    return;
  }
  if (s.phase === 'failing' || s.phase === 'ending' || s.phase === 'done') {
    o.hangup('caller', 'hangup:caller:fail');
    o.hangup('callee', 'hangup:callee:fail');
    return;
  }
  s.outcome = s.connectedAt !== null ? 'connected' : 'failed';
  o.timer('ring', null);
  o.hangup('callee', 'hangup:callee:fail');
  const canSpeak = callerCanHear(s) && !(input.action === 'speak' && input.leg === 'caller');
  s.phase = 'failing';
  if (!canSpeak || !o.speak('caller', 'speak:caller:error', textsOf(s)?.error ?? '')) o.hangup('caller', 'hangup:caller:fail');
}

function onTimer(o: StepOut, s: FlowState, name: string, now: number): boolean {
  if (o.goneTimer(name)) return false;
  if (name === 'ring') {
    if (s.phase === 'ringing' && s.callee && s.callee.answeredAt === null) unavailable(o, s);
  } else if (name === 'silence' && !s.finished) {
    o.hangup('caller', 'hangup:caller:cleanup');
    o.hangup('callee', 'hangup:callee:cleanup');
    for (const leg of [s.caller, s.callee]) if (leg) markEnded(leg, now);
    s.outcome = s.connectedAt !== null ? 'connected' : (s.outcome ?? 'failed');
    s.phase = 'ending';
  } else if (name === 'record') {
    writeRecord(o, s);
  } else if (name === 'copy') {
    copyRecording(o, s);
  } else if (name === 'linger') {
    const recordSettled = s.recorded || s.recordAttempts >= RECORD_ATTEMPTS;
    // A started recording usually arrives after the hangup; its copy must be done or given up.
    const awaitingRecording = s.recordingStarted && !s.recording && s.lingers < RECORDING_LINGERS;
    const copySettled = !s.recording || s.copy.done || !s.recorded;
    if (recordSettled && !awaitingRecording && copySettled) return true;
    s.lingers++;
    o.timer('linger', now + LINGER_MS);
  }
  return false;
}

/** Asks the host to write the call record (once; again after a failure). */
function writeRecord(o: StepOut, s: FlowState) {
  const rec = callRecordOf(s);
  if (!rec) {
    s.recorded = true; // unknown number: there is no organisation to file it under
    return;
  }
  s.recordAttempts++;
  o.effect({ key: `record:${s.recordAttempts}`, kind: 'write_call', orgId: rec.orgId, record: rec.record });
}

function reduce(prev: FlowState, input: FlowInput | Inbound, now: number): FlowStep<FlowState> {
  return finishStep(klona(prev), input, now);
}

function finishStep(s: FlowState, input: FlowInput | Inbound, now: number): FlowStep<FlowState> {
  const o = out(s);
  let retire = false;
  switch (input.kind) {
    case 'inbound':
      onInbound(o, s, input);
      break;
    case 'event': {
      const role = roleOf(s, input.event);
      if (role === 'caller') onCaller(o, s, input.event, now);
      else if (role === 'callee') onCallee(o, s, input.event, now);
      break;
    }
    case 'dialled':
      if (s.callee) identify(s.callee, input);
      break;
    case 'command_failed':
      onCommandFailed(o, s, input, now);
      break;
    case 'timer':
      retire = onTimer(o, s, input.name, now);
      break;
    case 'effect':
      if (input.key === 'shield') onShield(o, s, input.ok, input.value);
      else if (input.key.startsWith('record:')) {
        if (input.ok && !s.recorded) {
          s.recorded = true;
          closeWithNotice(o, s, true);
        }
        // Tried again a few times; given up, the popup still closes, without a push (it counts recorded calls).
        else if (!input.ok && !retryRecord(o, s.recordAttempts, now) && !s.recorded) closeWithNotice(o, s, false);
      } else if (input.key.startsWith('copy:')) onCopied(o, s.copy, input.ok, now);
      break;
  }
  // The recording is copied once the record it belongs to exists (whichever came last).
  if (s.recording && s.recorded && s.copy.attempts === 0) copyRecording(o, s);
  // S20: hand the caller to the voicemail flow; this flow's timers go with it.
  if (s.voicemail && s.phase === 'voicemail') {
    const params = s.voicemail;
    s.voicemail = null;
    o.timer('ring', null);
    o.timer('silence', null);
    return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, handoff: { flow: VOICEMAIL_FLOW, params } };
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
    o.timer('ring', null);
    o.timer('silence', null);
    o.timer('linger', now + LINGER_MS);
    // The popup closes where one was shown; a call the owner is told of as missed closes with its
    // notice once the record is written (one message to the Agent, closeWithNotice).
    if (s.callee && !endsWithNotice(s)) popup(o, s, 'ended');
    writeRecord(o, s);
  } else if (!s.finished && input.kind !== 'timer' && !o.timers.some((t) => t.name === 'silence')) {
    o.timer('silence', now + (s.phase === 'connected' ? CONNECTED_SILENCE_MS : SILENCE_MS));
  }
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, ...(retire ? { retire } : {}) };
}

export const safeNumberFlow: Flow<FlowState> = {
  name: 'safe-number',
  version: 3,
  start,
  reduce: (state, input, now) => reduce(state, input, now),
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.outcome, phase: s.phase }),
};
