// The routing decision: PURE (snapshot + caller + instant -> decision with a trace). No I/O.
// Today it knows unknown / paused / connect; hours, lunch, holidays, block windows and the
// spam/free-pass lists plug in here as further rules, each adding a trace step.
import type { NumberSnapshot } from './snapshot';

export type TraceStep = { rule: string; result: string };

export type Decision =
  | { action: 'reject'; outcome: 'unknown_number'; trace: TraceStep[] }
  | { action: 'announce'; outcome: 'paused' | 'unavailable'; text: string; snapshot: NumberSnapshot; trace: TraceStep[] }
  | { action: 'connect'; snapshot: NumberSnapshot; to: string; trace: TraceStep[] };

/** `now` is epoch ms; unused until the time-based rules land, but part of the contract. */
export function decide(snapshot: NumberSnapshot | null, _caller: string, _now: number): Decision {
  const trace: TraceStep[] = [];
  if (!snapshot) {
    trace.push({ rule: 'number', result: 'unknown' });
    return { action: 'reject', outcome: 'unknown_number', trace };
  }
  trace.push({ rule: 'number', result: 'known' });
  if (snapshot.paused) {
    trace.push({ rule: 'paused', result: 'yes' });
    return { action: 'announce', outcome: 'paused', text: snapshot.announcements.suspended, snapshot, trace };
  }
  trace.push({ rule: 'paused', result: 'no' });
  const mobile = snapshot.owner && !snapshot.owner.disabled ? snapshot.owner.mobile : null;
  if (!mobile) {
    trace.push({ rule: 'owner_mobile', result: 'missing' });
    return { action: 'announce', outcome: 'unavailable', text: snapshot.announcements.unavailable, snapshot, trace };
  }
  trace.push({ rule: 'owner_mobile', result: 'present' });
  trace.push({ rule: 'decision', result: 'connect' });
  return { action: 'connect', snapshot, to: mobile, trace };
}
