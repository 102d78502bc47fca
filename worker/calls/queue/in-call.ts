// The queue call flow once connected (C5, C12): hold from the console, transfer to another agent
// (the caller bridged to the target first), and supervisors listening, whispering or barging. Pure.
import { live, markEnded, newLeg, type StepOut } from '../legs';
import { offerRingSecs } from '../offer-ring';
import type { CcSignal } from './effects';
import { connectedAgent, dropAgent, key } from './legs';
import { AGENT_RING_GRACE_MS, type AgentLeg, type QueueCallState, type SupervisorLeg } from './state';
import { stopHold } from './waiting';

export function onHold(o: StepOut, s: QueueCallState, hold: boolean) {
  const a = connectedAgent(s);
  if (s.phase !== 'connected' || !a || !live(s.caller) || !s.caller.callControlId || s.held === hold) return;
  s.held = hold;
  const url = s.info?.holdAudioUrl;
  if (hold && url)
    o.command({ key: key(s, 'hold'), leg: 'caller', action: 'playback_start', callControlId: s.caller.callControlId, audioUrl: url, loop: 'infinity' });
  if (!hold && url) o.command({ key: key(s, 'hold_stop'), leg: 'caller', action: 'playback_stop', callControlId: s.caller.callControlId });
  o.effect({
    key: key(s, 'agent:held'),
    kind: 'agent',
    orgId: s.orgId,
    userId: a.userId,
    input: { kind: 'call_update', callSessionId: s.sessionId, held: hold },
  });
}

export function onTransfer(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'transfer' }>['value'], now: number) {
  const current = connectedAgent(s);
  const busy = s.agents.some((a) => a.transfer && !a.dropped && live(a.leg) && a.role !== s.agent);
  // The target's phone rings only within the offer's lease (../offer-ring.ts).
  const ringSecs = offerRingSecs(v.leaseUntil, now);
  if (s.phase !== 'connected' || !current || busy || !live(s.caller) || !s.caller.callControlId || ringSecs === null) {
    // Not possible now (or too late to ring): the target's ringing state is withdrawn at once.
    o.effect({ key: key(s, 'agent:xfer_cancel'), kind: 'agent', orgId: s.orgId, userId: v.toUserId, input: { kind: 'offer_cancelled', offerId: v.offerId } });
    return;
  }
  const role = `agent${++s.agentSeq}`;
  s.agents.push({ role, offerId: v.offerId, userId: v.toUserId, leg: newLeg(null, null), accepted: false, dropped: false, whispered: false, transfer: true });
  o.command({ key: `dial:${role}`, leg: role, action: 'dial', to: v.mobile, from: s.to, timeoutSecs: ringSecs, linkTo: s.caller.callControlId });
  o.timer(`ring:${role}`, now + ringSecs * 1000 + AGENT_RING_GRACE_MS);
}

/**
 * The transfer target heard the whisper: the caller is bridged to the target first. Telnyx then
 * ends the caller's bridge with the first agent and hangs up the first agent's leg (bridged without
 * park_after_unbridge); the caller, bridged to park, is never hung up with it. Hanging up the first
 * agent before this bridge would hang up a caller bridged without park_after_unbridge.
 */
export function completeTransfer(o: StepOut, s: QueueCallState, target: AgentLeg) {
  if (!live(s.caller) || !live(target.leg) || !s.caller.callControlId || !target.leg.callControlId) return;
  if (s.held && s.info?.holdAudioUrl) o.command({ key: key(s, 'hold_stop'), leg: 'caller', action: 'playback_stop', callControlId: s.caller.callControlId });
  else stopHold(o, s);
  s.held = false;
  s.holdPlaying = false;
  o.command({
    key: `bridge:${target.role}`,
    leg: 'caller',
    action: 'bridge',
    callControlId: s.caller.callControlId,
    otherCallControlId: target.leg.callControlId,
    parkAfterUnbridge: true,
  });
}

/**
 * The target is bridged with the caller: from now on the call is theirs (the record names them).
 * The first agent's leg left the bridge, so the carrier hangs it up; they are told their call ended.
 * Supervisors were listening to the first agent's leg: their calls end with it.
 */
export function transferred(o: StepOut, s: QueueCallState, target: AgentLeg, now: number) {
  const previous = connectedAgent(s);
  s.agent = target.role;
  if (previous && previous !== target) {
    previous.dropped = true;
    o.timer(`ring:${previous.role}`, null);
    o.hangupPeer(previous.role, true, now);
    o.effect({
      key: `agent:ended:${previous.role}`,
      kind: 'agent',
      orgId: s.orgId,
      userId: previous.userId,
      input: { kind: 'call_ended', callSessionId: s.sessionId },
    });
  }
  for (const x of s.supervisors) if (live(x.leg)) o.hangup(x.role, key(s, `hangup:${x.role}`));
}

export function onSupervise(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'supervise' }>['value'], now: number) {
  const a = connectedAgent(s);
  if (!a?.leg.callControlId || !live(a.leg) || !live(s.caller)) return;
  // The agent's console shows the call from the agent's answer, while the whisper still plays and
  // before the bridge: a supervisor who asks then is dialled once the caller is bridged.
  if (s.phase !== 'connected' && s.phase !== 'connecting') return;
  for (const x of s.supervisors) if (x.userId === v.supervisorUserId && live(x.leg)) leaveSupervision(o, s, x, now);
  const x: SupervisorLeg = { role: `sup${s.supervisors.length + 1}`, userId: v.supervisorUserId, leg: newLeg(null, null), mode: v.role };
  s.supervisors.push(x);
  if (s.phase === 'connected') dialSupervisor(o, s, x, v.mobile);
  else x.dialOnBridge = v.mobile;
}

/** The caller is bridged to the agent: supervisors who asked before are dialled now. */
export function dialWaitingSupervisors(o: StepOut, s: QueueCallState) {
  for (const x of s.supervisors) {
    if (x.dialOnBridge === undefined || !live(x.leg)) continue;
    const mobile = x.dialOnBridge;
    delete x.dialOnBridge;
    dialSupervisor(o, s, x, mobile);
  }
}

function dialSupervisor(o: StepOut, s: QueueCallState, x: SupervisorLeg, mobile: string) {
  const a = connectedAgent(s);
  if (!a?.leg.callControlId || !live(a.leg)) return;
  o.command({
    key: `dial:${x.role}`,
    leg: x.role,
    action: 'dial',
    to: mobile,
    from: s.to,
    timeoutSecs: 30,
    ...(s.caller.callControlId ? { linkTo: s.caller.callControlId } : {}),
    supervise: { callControlId: a.leg.callControlId, role: x.mode },
  });
}

/** A supervisor leaves: their phone is hung up, or, not dialled yet, never will be. */
function leaveSupervision(o: StepOut, s: QueueCallState, x: SupervisorLeg, now: number) {
  if (x.dialOnBridge !== undefined) {
    delete x.dialOnBridge;
    markEnded(x.leg, now);
    return;
  }
  o.hangup(x.role, key(s, `hangup:${x.role}`));
}

export function onSuperviseStop(o: StepOut, s: QueueCallState, userId: string, now: number) {
  for (const x of s.supervisors) if (x.userId === userId && live(x.leg)) leaveSupervision(o, s, x, now);
}

/** The bridge to a transfer target failed: the target's leg and console call end; true when it was one. */
export function transferBridgeFailed(o: StepOut, s: QueueCallState, commandKey: string): boolean {
  const target = s.agents.find((a) => a.transfer && a.role !== s.agent && commandKey === `bridge:${a.role}`);
  if (!target || !live(s.caller)) return false;
  dropAgent(o, s, target);
  o.effect({
    key: `agent:ended:${target.role}`,
    kind: 'agent',
    orgId: s.orgId,
    userId: target.userId,
    input: { kind: 'call_ended', callSessionId: s.sessionId },
  });
  return true;
}
