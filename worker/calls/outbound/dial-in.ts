// Dial-in (S11 b): a staff member calls the org's access number from their registered mobile. The
// call is answered at once while the caller is looked up among the org's staff by number (anyone
// else hears a refusal and is hung up); they key in the citizen's number (`#` ends, `*` starts
// over, silence re-prompts twice and then ends politely), hear it read back, and are connected
// showing their outbound caller ID (worker/calls/outbound/core.ts). Entered by an inbound call to a
// number of kind 'access' (worker/calls/registry.ts). Pure.
import type { Flow, FlowStart, FlowStep } from '../flow';
import { newLeg } from '../legs';
import { reduceMasked } from './core';
import { newState, out, SILENCE_MS, trace, type MaskedState } from './state';

export const DIAL_IN_FLOW = 'masked-dial-in';

function start(st: FlowStart, now: number): FlowStep<MaskedState> {
  if (st.kind !== 'inbound') throw new Error('dial-in starts only from an inbound call');
  const e = st.event;
  const snap = st.route.routing?.snapshot;
  const caller = st.route.routing?.caller ?? null;
  const s = newState(st.sessionId, 'dial_in', now, {
    orgId: snap?.orgId ?? '',
    accessNumber: snap?.e164 ?? e.to ?? '',
    recording: snap?.recordingEnabled ?? false,
    notice: snap?.recordingEnabled ? snap.announcements.recording_notice || null : null,
  });
  s.staff = newLeg(e.callControlId, e.callLegId);
  s.startedAt = e.at;
  const o = out(s);
  if (!snap || snap.kind !== 'access' || snap.paused || !e.callControlId) {
    // Not an access number in service (a disabled org): refused before answering.
    s.identified = null;
    s.outcome = 'refused';
    s.phase = 'ending';
    trace(s, 'refused', e.at, { way: 'dial_in' }, true);
    if (e.callControlId) o.command({ key: 'reject:staff', leg: 'staff', action: 'reject', callControlId: e.callControlId, cause: 'CALL_REJECTED' });
    o.timer('silence', now + SILENCE_MS);
    return { state: s, commands: o.commands, timers: o.timers, effects: o.effects };
  }
  trace(s, 'started', e.at, { way: 'dial_in' });
  o.command({ key: 'answer:staff', leg: 'staff', action: 'answer', callControlId: e.callControlId });
  // Anonymous callers are nobody's mobile: no lookup, the refusal follows the answer.
  if (caller) o.effect({ key: 'dial_in_caller', kind: 'dial_in_caller', orgId: snap.orgId, caller });
  else s.identified = null;
  o.timer('silence', now + SILENCE_MS);
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects };
}

export const dialInFlow: Flow<MaskedState> = {
  name: DIAL_IN_FLOW,
  version: 1,
  start,
  reduce: reduceMasked,
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.outcome, phase: s.phase }),
};
