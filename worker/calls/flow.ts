// The contract every call flow implements, so all of them run on the one CallSession host: a pure
// `start` (an inbound call routed to it, or whoever starts an outbound call) and a pure `reduce`,
// each returning the new state, carrier commands, timers and effects. State is plain data and
// carries its flow's name and version in the session (worker/calls/session.ts).
import type { CallRouting } from '../routing/route';
import type { CallEvent, Command, Effect, FlowInput, TimerChange } from './vocabulary';

export type FlowStep<S> = {
  state: S;
  commands: Command[];
  timers: TimerChange[];
  effects: Effect[];
  /** The session's work is over (recorded, nothing late to wait for): the host forgets it. */
  retire?: boolean;
  /**
   * Hand the call to another flow from here on (e.g. safe-number → voicemail): the session starts
   * `flow` with these params and delegates to it. The handing flow clears its own timers first.
   */
  handoff?: { flow: string; params: unknown };
};

/** What the inbound path learned about the dialled number and the caller (one D1 round trip); null = no such number. */
export type RouteResult = { routing: CallRouting | null };

export type FlowStart<P = unknown> =
  | { kind: 'inbound'; sessionId: string; event: CallEvent; route: RouteResult }
  | { kind: 'outbound'; sessionId: string; params: P }
  /** Another flow of the same session handed the call over (its legs, what it decided: in params). */
  | { kind: 'handoff'; sessionId: string; from: string; params: P };

/** What the host and its observers (tests, the simulator page) may know of any flow's state. */
export type FlowStatus = { finished: boolean; recorded: boolean; outcome: string | null; phase: string };

export interface Flow<S = unknown, P = unknown> {
  readonly name: string;
  /** Bumped when the shape of S changes incompatibly. */
  readonly version: number;
  start(start: FlowStart<P>, now: number): FlowStep<S>;
  reduce(state: S, input: FlowInput, now: number): FlowStep<S>;
  status(state: S): FlowStatus;
}

export function emptyStep<S>(state: S): FlowStep<S> {
  return { state, commands: [], timers: [], effects: [] };
}
