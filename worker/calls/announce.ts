// The announce flow: answer, speak one text, hang up, record the call. What a number hears when it
// routes to something not offered yet (a service number before its queue, an access number), and
// the smallest flow on the shared host. Pure.
import { klona } from 'klona/json';
import type { Flow, FlowStart, FlowStep } from './flow';
import { identify, markAnswered, markEnded, newLeg, StepOut, type Leg } from './legs';
import type { CallEvent, FlowInput } from './vocabulary';

export type AnnounceParams = { text: string; orgId: string | null; numberId: string | null; kind: 'queue' | 'number_check' };

export type AnnounceState = {
  sessionId: string;
  phase: 'answering' | 'speaking' | 'ending' | 'done';
  params: AnnounceParams;
  caller: Leg;
  from: string | null;
  to: string | null;
  startedAt: number;
  endedAt: number | null;
  finished: boolean;
  recorded: boolean;
};

const SILENCE_MS = 5 * 60_000;
const LINGER_MS = 5_000;

function paramsFor(st: FlowStart<AnnounceParams>): AnnounceParams {
  if (st.kind !== 'inbound') return st.params;
  const snap = st.route.routing?.snapshot;
  return { text: snap?.announcements.unavailable ?? '', orgId: snap?.orgId ?? null, numberId: snap?.numberId ?? null, kind: 'queue' };
}

function step(s: AnnounceState, o: StepOut, retire = false): FlowStep<AnnounceState> {
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects, ...(retire ? { retire } : {}) };
}

function start(st: FlowStart<AnnounceParams>, now: number): FlowStep<AnnounceState> {
  const e: CallEvent | null = st.kind === 'inbound' ? st.event : null;
  const s: AnnounceState = {
    sessionId: st.sessionId,
    phase: 'answering',
    params: paramsFor(st),
    caller: newLeg(e?.callControlId ?? null, e?.callLegId ?? null),
    from: e?.from ?? null,
    to: e?.to ?? null,
    startedAt: e?.at ?? now,
    endedAt: null,
    finished: false,
    recorded: false,
  };
  const o = new StepOut(() => s.caller);
  if (s.caller.callControlId) o.command({ key: 'answer:caller', leg: 'caller', action: 'answer', callControlId: s.caller.callControlId });
  o.timer('silence', now + SILENCE_MS);
  return step(s, o);
}

function reduce(prev: AnnounceState, input: FlowInput, now: number): FlowStep<AnnounceState> {
  const s = klona(prev);
  const o = new StepOut(() => s.caller);
  if (input.kind === 'event') {
    const e = input.event;
    identify(s.caller, e);
    if (e.type === 'answered' && markAnswered(s.caller, e)) {
      s.phase = 'speaking';
      if (!o.speak('caller', 'speak:caller:announce', s.params.text)) o.hangup('caller');
    } else if (e.type === 'speak_ended' && ++s.caller.speaksEnded >= s.caller.speaks && s.phase === 'speaking') {
      s.phase = 'ending';
      o.hangup('caller');
    } else if (e.type === 'hangup') {
      markEnded(s.caller, e.at);
    }
  } else if (input.kind === 'command_failed' || (input.kind === 'timer' && input.name === 'silence')) {
    o.hangup('caller', 'hangup:caller:cleanup');
    markEnded(s.caller, now);
  } else if (input.kind === 'timer' && input.name === 'linger') {
    return step(s, o, true);
  } else if (input.kind === 'effect' && input.ok) {
    s.recorded = true;
  }
  if (!s.finished && s.caller.status === 'ended') {
    s.finished = true;
    s.phase = 'done';
    s.endedAt = s.caller.endedAt ?? now;
    o.timer('silence', null);
    o.timer('linger', now + LINGER_MS);
    if (s.params.orgId) {
      o.effect({
        key: 'record',
        kind: 'write_call',
        orgId: s.params.orgId,
        record: {
          callSessionId: s.sessionId,
          direction: 'inbound',
          kind: s.params.kind,
          numberId: s.params.numberId,
          fromNumber: s.from ?? '',
          toNumber: s.to ?? '',
          ownerUserId: null,
          startedAt: s.startedAt,
          answeredAt: null,
          endedAt: s.endedAt,
          outcome: 'unavailable',
          hangupCause: null,
          hangupSource: null,
          waitMs: null,
          durationMs: null,
          trace: [{ rule: 'flow', result: 'announce' }],
        },
      });
    } else s.recorded = true;
  }
  return step(s, o);
}

export const announceFlow: Flow<AnnounceState, AnnounceParams> = {
  name: 'announce',
  version: 1,
  start,
  reduce,
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.finished ? 'unavailable' : null, phase: s.phase }),
};
