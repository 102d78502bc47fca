// COMPATIBILITY SHIM for the pre-issue-9 call flow (durable-objects/call-session.ts and
// worker/calls/safe-number.ts read this shape): unknown → reject, paused → suspended announcement,
// nobody to ring → unavailable, else connect, with its old trace. It deliberately applies none of
// the new rules, so calls behave as before until the flow takes `route()` (./route.ts) and its
// Decision (./decision.ts); then this file goes.
import type { NumberSnapshot } from './snapshot';

export type TraceStep = { rule: string; result: string };

export type Decision =
  | { action: 'reject'; outcome: 'unknown_number'; trace: TraceStep[] }
  | { action: 'announce'; outcome: 'paused' | 'unavailable'; text: string; snapshot: NumberSnapshot; trace: TraceStep[] }
  | { action: 'connect'; snapshot: NumberSnapshot; to: string; trace: TraceStep[] };

/** Only what the old flow reads, so its persisted state stays as small as before. */
function view(s: NumberSnapshot): NumberSnapshot {
  const { waiting, connect, unavailable, suspended, error } = s.announcements;
  return {
    version: s.version,
    numberId: s.numberId,
    orgId: s.orgId,
    e164: s.e164,
    kind: s.kind,
    paused: s.paused,
    owner: s.owner,
    forwardCallerId: s.forwardCallerId,
    ringTimeoutSeconds: s.ringTimeoutSeconds,
    timezone: s.timezone,
    recordingEnabled: s.recordingEnabled,
    announcements: { waiting, connect, unavailable, suspended, error },
  };
}

/** @deprecated use `route()`; `now` is unused here. */
export function decide(full: NumberSnapshot | null, _caller: string, _now: number): Decision {
  const trace: TraceStep[] = [];
  const snapshot = full && view(full);
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
