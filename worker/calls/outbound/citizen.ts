// The masked outbound call's citizen side: the staff member told whom they call, the citizen's leg
// dialled showing the outbound caller ID, the bridge, and recording from the bridge when the org records. Pure.
import { advance, live, newLeg, type Leg, type StepOut } from '../legs';
import { decide, GRACE_MS, RING_SECS, trace, type MaskedState } from './state';
import { callingText } from './texts';

/** Tells the staff member whom they are calling; the citizen is dialled when it has been said. */
export function announce(o: StepOut, s: MaskedState, now: number) {
  if (!s.target) return;
  s.phase = 'announcing';
  if (!o.speak('staff', `speak:staff:calling:${++s.n}`, callingText(s.target))) dialCitizen(o, s, now);
}

export function dialCitizen(o: StepOut, s: MaskedState, now: number) {
  if (s.citizen || !s.target || !s.callerId || !live(s.staff) || !s.staff.callControlId) return;
  s.phase = 'citizen_ringing';
  s.citizen = newLeg(null, null);
  trace(s, 'citizen_dialled', now, { number: s.target });
  o.timer('ring', now + RING_SECS * 1000 + GRACE_MS);
  o.command({
    key: 'dial:citizen',
    leg: 'citizen',
    action: 'dial',
    to: s.target,
    from: s.callerId,
    timeoutSecs: RING_SECS,
    linkTo: s.staff.callControlId,
  });
}

export function bridge(o: StepOut, s: MaskedState) {
  if (!live(s.staff) || !s.staff.callControlId || !live(s.citizen) || !s.citizen.callControlId) return;
  o.command({ key: 'bridge', leg: 'staff', action: 'bridge', callControlId: s.staff.callControlId, otherCallControlId: s.citizen.callControlId });
}

export const bridged = (s: MaskedState) => s.connectedAt !== null;

export function onBridged(o: StepOut, s: MaskedState, leg: Leg, at: number) {
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  if (s.connectedAt !== null) return;
  s.connectedAt = at;
  s.phase = 'connected';
  trace(s, 'connected', at);
  decide(s, 'connected');
  if (s.recording && !s.recordingStarted && live(s.staff) && s.staff.callControlId) {
    s.recordingStarted = true;
    o.command({ key: 'record:staff', leg: 'staff', action: 'record_start', callControlId: s.staff.callControlId, channels: 'dual' });
  }
}
