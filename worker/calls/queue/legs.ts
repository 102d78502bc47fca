// The queue call flow's shared lookups over its legs: which leg an event or a role names, the agent
// on the call, the one way an agent leg is dropped, and the first hangup the record keeps. Pure.
import { isLeg, live, StepOut, type Leg } from '../legs';
import type { CallEvent, LegRole } from '../vocabulary';
import type { AgentLeg, QueueCallState } from './state';

export function out(s: QueueCallState): StepOut {
  return new StepOut((role) => {
    if (role === 'caller') return s.caller;
    return s.agents.find((a) => a.role === role)?.leg ?? s.supervisors.find((x) => x.role === role)?.leg ?? null;
  });
}

export const agentOf = (s: QueueCallState, role: string | null) => (role ? (s.agents.find((a) => a.role === role) ?? null) : null);
export const connectedAgent = (s: QueueCallState) => agentOf(s, s.agent);
export const key = (s: QueueCallState, what: string) => `${what}:${++s.n}`;

export const speaking = (leg: Leg) => leg.speaksEnded < leg.speaks;

export function dropAgent(o: StepOut, s: QueueCallState, a: AgentLeg) {
  if (a.dropped) return;
  a.dropped = true;
  o.timer(`ring:${a.role}`, null);
  o.hangup(a.role, `hangup:${a.role}`);
}

/** A transfer target dialled and not yet bridged with the caller (ringing, hearing the whisper, or being bridged). */
export const pendingTransfer = (s: QueueCallState) => s.agents.find((a) => a.transfer && !a.dropped && live(a.leg) && a.role !== s.agent) ?? null;

export function roleOf(s: QueueCallState, e: CallEvent): LegRole | null {
  if (e.role) return e.role;
  if (isLeg(s.caller, e)) return 'caller';
  for (const a of s.agents) if (isLeg(a.leg, e)) return a.role;
  for (const x of s.supervisors) if (isLeg(x.leg, e)) return x.role;
  return e.direction === 'incoming' ? 'caller' : null;
}
