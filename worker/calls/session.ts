// The call session around its flow (pure): a new inbound call is routed (one effect: the number's
// snapshot) and handed to the flow its number calls for; an outbound one starts with the flow its
// starter names. Events that arrive before the flow is chosen are kept and replayed to it.
import type { Flow, FlowStatus, FlowStep, RouteResult } from './flow';
import { FLOWS, flowForRoute } from './registry';
import { StepOut } from './legs';
import type { CallEvent, FlowInput } from './vocabulary';
import { defined } from '../defined';

export type SessionState = {
  sessionId: string;
  flow: string | null;
  /** The version of `flow` the state was made by. */
  version: number;
  state: unknown;
  /** The inbound call.initiated being routed. */
  initiating: CallEvent | null;
  /** Events seen before a flow was chosen. */
  early: CallEvent[];
  routeAttempts: number;
};

export type SessionInput = FlowInput | { kind: 'start'; flow: string; params: unknown };

/** With no flow after this long (strays only, or a route that never answered), the session retires. */
export const UNROUTED_SILENCE_MS = 10 * 60_000;
const EARLY_MAX = 50;
const ROUTE_ATTEMPTS = 3;
const ROUTE_RETRY_MS = 500;

export function newSession(sessionId: string): SessionState {
  return { sessionId, flow: null, version: 0, state: null, initiating: null, early: [], routeAttempts: 0 };
}

export type FlowRegistry = Readonly<Record<string, Flow<never, never>>>;

const flowIn = (flows: FlowRegistry, name: string): Flow<unknown, unknown> | undefined => flows[name] as Flow<unknown, unknown> | undefined;

export function sessionStatus(s: SessionState, flows: FlowRegistry = FLOWS): FlowStatus | null {
  const flow = s.flow ? flowIn(flows, s.flow) : undefined;
  return flow ? flow.status(s.state) : null;
}

/** Adds a flow's step to the session's, following a handoff to the next flow when there is one. */
function merge(into: FlowStep<SessionState>, from: FlowStep<unknown>, s: SessionState, flows: FlowRegistry, now: number) {
  s.state = from.state;
  into.commands.push(...from.commands);
  into.timers.push(...from.timers);
  into.effects.push(...from.effects);
  if (from.retire) into.retire = true;
  if (from.handoff && !from.retire) {
    const next = flowIn(flows, from.handoff.flow);
    if (!next) throw new Error(`unknown flow ${from.handoff.flow}`);
    const fromFlow = s.flow ?? '';
    s.flow = next.name;
    s.version = next.version;
    merge(into, next.start({ kind: 'handoff', sessionId: s.sessionId, from: fromFlow, params: from.handoff.params }, now), s, flows, now);
  }
}

function route(o: StepOut, s: SessionState) {
  const e = defined(s.initiating, 'initiating');
  s.routeAttempts++;
  o.effect({ key: `route:${s.routeAttempts}`, kind: 'route', dialled: e.to ?? '', caller: e.from ?? '', at: e.at });
}

/** Starts `flow` for this session and replays what arrived early (to whichever flow then holds the call). */
function begin(
  s: SessionState,
  flows: FlowRegistry,
  flow: Flow<unknown, unknown>,
  start: (f: Flow<unknown, unknown>) => FlowStep<unknown>,
  now: number,
): FlowStep<SessionState> {
  const step: FlowStep<SessionState> = { state: s, commands: [], timers: [{ name: 'session:unrouted', at: null }], effects: [] };
  s.flow = flow.name;
  s.version = flow.version;
  merge(step, start(flow), s, flows, now);
  for (const e of s.early.splice(0)) {
    const current = flowIn(flows, s.flow);
    if (current) merge(step, current.reduce(s.state, { kind: 'event', event: e }, now), s, flows, now);
  }
  s.initiating = null;
  return step;
}

export function reduceSession(prev: SessionState, input: SessionInput, now: number, flows: FlowRegistry = FLOWS): FlowStep<SessionState> {
  // Shallow: the flow copies its own state; the early list is copied before it changes.
  const s: SessionState = { ...prev, early: [...prev.early] };
  if (s.flow) {
    const flow = flowIn(flows, s.flow);
    const step: FlowStep<SessionState> = { state: s, commands: [], timers: [], effects: [] };
    if (flow && input.kind !== 'start') merge(step, flow.reduce(s.state, input, now), s, flows, now);
    return step;
  }
  const o = new StepOut(() => null);
  const step = (): FlowStep<SessionState> => ({ state: s, commands: o.commands, timers: o.timers, effects: o.effects });
  switch (input.kind) {
    case 'start': {
      const flow = flowIn(flows, input.flow);
      if (!flow) throw new Error(`unknown flow ${input.flow}`);
      return begin(s, flows, flow, (f) => f.start({ kind: 'outbound', sessionId: s.sessionId, params: input.params }, now), now);
    }
    case 'event': {
      const e = input.event;
      if (e.type === 'initiated' && e.direction === 'incoming' && e.role === null && !s.initiating) {
        s.initiating = e;
        route(o, s);
      } else if (s.early.length < EARLY_MAX) {
        s.early.push(e);
      }
      o.timer('session:unrouted', now + UNROUTED_SILENCE_MS);
      return step();
    }
    case 'effect': {
      if (!input.key.startsWith('route:') || !s.initiating) return step();
      if (!input.ok) {
        // D1 did not answer: try again shortly; after that, the number is treated as unknown.
        if (s.routeAttempts < ROUTE_ATTEMPTS) o.timer('session:route', now + ROUTE_RETRY_MS);
        else return startInbound(s, flows, { routing: null }, now);
        return step();
      }
      return startInbound(s, flows, input.value as RouteResult, now);
    }
    case 'timer':
      if (input.name === 'session:route' && s.initiating) route(o, s);
      else if (input.name === 'session:unrouted') return { ...step(), retire: true };
      return step();
    default:
      return step();
  }
}

function startInbound(s: SessionState, flows: FlowRegistry, result: RouteResult, now: number): FlowStep<SessionState> {
  const flow = defined(flowIn(flows, flowForRoute(result)), 'flowIn(flows, flowForRoute(result))');
  const event = defined(s.initiating, 'initiating');
  return begin(s, flows, flow, (f) => f.start({ kind: 'inbound', sessionId: s.sessionId, event, route: result }, now), now);
}
