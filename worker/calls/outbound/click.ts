// Click-to-call (S11 a): the staff member's registered mobile rings first showing the org's access
// number; when they answer they hear whom they are calling, then the citizen is dialled showing
// their outbound caller ID and the two are bridged (worker/calls/outbound/core.ts). Started by
// POST /api/me/outbound-calls. Pure.
import type { Flow, FlowStart, FlowStep } from '../flow';
import { reduceMasked } from './core';
import { GRACE_MS, newState, out, RING_SECS, SILENCE_MS, trace, type MaskedState } from './state';

export const CLICK_TO_CALL_FLOW = 'masked-click';

export type ClickToCallParams = {
  orgId: string;
  userId: string;
  /** The staff member's registered mobile (a Korean mobile: the destination policy's 'person'). */
  staffMobile: string;
  /** The org's access number, shown on the staff member's mobile. */
  accessNumber: string;
  /** The citizen (E.164, allowed by the destination policy's 'outbound'). */
  citizen: string;
  /** What the citizen sees: the outbound caller ID, else the safe number. */
  callerId: string;
  recording: boolean;
  notice: string | null;
};

function start(st: FlowStart<ClickToCallParams>, now: number): FlowStep<MaskedState> {
  if (st.kind !== 'outbound') throw new Error('click-to-call starts only from its API route');
  const p = st.params;
  const s = newState(st.sessionId, 'click', now, {
    orgId: p.orgId,
    userId: p.userId,
    accessNumber: p.accessNumber,
    callerId: p.callerId,
    target: p.citizen,
    recording: p.recording,
    notice: p.notice,
  });
  const o = out(s);
  trace(s, 'started', now, { way: 'click', number: p.citizen });
  o.command({ key: 'dial:staff', leg: 'staff', action: 'dial', to: p.staffMobile, from: p.accessNumber, timeoutSecs: RING_SECS });
  o.timer('ring', now + RING_SECS * 1000 + GRACE_MS);
  o.timer('silence', now + SILENCE_MS);
  return { state: s, commands: o.commands, timers: o.timers, effects: o.effects };
}

export const clickToCallFlow: Flow<MaskedState, ClickToCallParams> = {
  name: CLICK_TO_CALL_FLOW,
  version: 1,
  start,
  reduce: reduceMasked,
  status: (s) => ({ finished: s.finished, recorded: s.recorded, outcome: s.outcome, phase: s.phase }),
};
