// The queue call flow's offers (C5): the agent's phone dialled for the Queue's offer, the whisper,
// the Queue's confirmation, the bridge with the caller (recorded when the org records), and every
// event of an agent's leg. Pure.
import { noteFirstHangup } from '../ending';
import { lateOfferEffects, offerRingSecs } from '../offer-ring';
import { advance, identify, live, markAnswered, markEnded, newLeg, type Leg, type StepOut } from '../legs';
import type { CallEvent } from '../vocabulary';
import type { CcSignal } from './effects';
import { completeTransfer, dialWaitingSupervisors, transferred } from './in-call';
import { connectedAgent, dropAgent, pendingTransfer, speaking } from './legs';
import { AGENT_RING_GRACE_MS, type AgentLeg, type QueueCallState } from './state';
import { QUEUE_TEXTS, whisperText } from './texts';
import { startHold, stopHold } from './waiting';

type OfferValue = Extract<CcSignal, { name: 'offer' }>['value'];

export function offer(o: StepOut, s: QueueCallState, v: OfferValue, now: number) {
  if (s.agents.some((a) => a.offerId === v.offerId)) return;
  if (s.phase === 'callback_pending') {
    s.deferred.push(v);
    return;
  }
  // Only a caller still in line can be offered; otherwise the Queue's lease ends the offer.
  if (!['greeting', 'waiting'].includes(s.phase) || !live(s.caller) || !s.caller.callControlId) return;
  // The agent's phone rings only within the offer's lease (offer-ring.ts); too little left: not at all.
  const ringSecs = offerRingSecs(v.leaseUntil, now);
  if (ringSecs === null) {
    for (const e of lateOfferEffects(`offer:late:${v.offerId}`, s.orgId, s.queueId, v.agentUserId, v.offerId)) o.effect(e);
    return;
  }
  const role = `agent${++s.agentSeq}`;
  s.agents.push({
    role,
    offerId: v.offerId,
    userId: v.agentUserId,
    leg: newLeg(null, null),
    accepted: false,
    dropped: false,
    whispered: false,
    transfer: false,
  });
  o.command({ key: `dial:${role}`, leg: role, action: 'dial', to: v.mobile, from: s.to, timeoutSecs: ringSecs, linkTo: s.caller.callControlId });
  o.timer(`ring:${role}`, now + ringSecs * 1000 + AGENT_RING_GRACE_MS);
}

/** The agent answered and was confirmed, and heard the whisper: connect them to the caller. */
export function maybeBridge(o: StepOut, s: QueueCallState) {
  const a = connectedAgent(s);
  if (!a || !a.whispered || !a.accepted || s.phase !== 'connecting') return;
  if (!live(s.caller) || !live(a.leg) || !s.caller.callControlId || !a.leg.callControlId) return;
  stopHold(o, s);
  o.command({
    key: `bridge:${a.role}`,
    leg: 'caller',
    action: 'bridge',
    callControlId: s.caller.callControlId,
    otherCallControlId: a.leg.callControlId,
    parkAfterUnbridge: true,
  });
}

export function onAccepted(o: StepOut, s: QueueCallState, v: Extract<CcSignal, { name: 'answer_accepted' }>['value']) {
  const a = s.agents.find((x) => x.offerId === v.offerId);
  if (!a || a.accepted) return;
  if (a.dropped || !live(a.leg) || !live(s.caller)) {
    // Confirmed too late to use (the agent hung up, the caller left): the agent's call ends at once.
    a.accepted = true;
    return;
  }
  a.accepted = true;
  s.waitMs = v.waitMs;
  s.agent = a.role;
  s.answeredAt = a.leg.answeredAt;
  s.phase = 'connecting';
  s.deferred = [];
  o.timer(`ring:${a.role}`, null);
  // Every other agent leg still ringing for this caller (ring-all) stops.
  for (const other of s.agents) if (other !== a && !other.accepted) dropAgent(o, s, other);
  tellAgentAnswered(o, s, a, 'queue', a.leg.answeredAt ?? 0);
  maybeBridge(o, s);
}

/** The agent's object hears that its offer was answered, with the call its console shows. */
export function tellAgentAnswered(o: StepOut, s: QueueCallState, a: AgentLeg, kind: 'queue' | 'transfer', startedAt: number) {
  o.effect({
    key: `agent:answered:${a.role}`,
    kind: 'agent',
    orgId: s.orgId,
    userId: a.userId,
    input: { kind: 'offer_answered', offerId: a.offerId, callSessionId: s.sessionId },
    context: { kind, direction: 'inbound', queueId: s.queueId, queueName: s.info?.name ?? null, customer: s.from, startedAt, held: false },
  });
}

export function onAgentEvent(o: StepOut, s: QueueCallState, a: AgentLeg, e: CallEvent, now: number) {
  const leg = identify(a.leg, e);
  switch (e.type) {
    case 'answered': {
      if (!markAnswered(leg, e)) return;
      if (a.dropped || !live(s.caller)) {
        dropAgent(o, s, a);
        return;
      }
      o.timer(`ring:${a.role}`, null);
      if (a.transfer) {
        tellAgentAnswered(o, s, a, 'transfer', e.at);
        a.accepted = true;
        if (!o.speak(a.role, `speak:${a.role}:whisper`, QUEUE_TEXTS.transferWhisper)) completeTransfer(o, s, a);
        return;
      }
      o.effect({ key: `queue:answered:${a.role}`, kind: 'queue', op: 'answered', orgId: s.orgId, queueId: s.queueId, offerId: a.offerId });
      if (!o.speak(a.role, `speak:${a.role}:whisper`, whisperText(s.info?.name ?? ''))) a.whispered = true;
      maybeBridge(o, s);
      return;
    }
    case 'speak_ended':
      leg.speaksEnded++;
      if (speaking(leg) || a.whispered) return;
      a.whispered = true;
      if (a.transfer) completeTransfer(o, s, a);
      else maybeBridge(o, s);
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      if (a.transfer && a.accepted && s.agent !== a.role && live(s.caller)) transferred(o, s, a, now);
      return;
    case 'hangup': {
      const wasAnswered = leg.answeredAt !== null;
      if (!o.left(a.role, leg, e.at)) return;
      o.timer(`ring:${a.role}`, null);
      const target = pendingTransfer(s);
      if (s.agent === a.role && !a.dropped && target && live(s.caller)) {
        // The agent left while transferring (or the carrier dropped their leg as the caller was
        // bridged to the target): the caller, bridged to park, waits for the target on hold audio.
        a.dropped = true;
        if (!target.whispered) startHold(o, s);
        return;
      }
      if (s.agent === a.role && !a.dropped) {
        // The agent on the call hung up: the call is over (the caller was parked, not hung up).
        noteFirstHangup(s, a.role, e);
        if (live(s.caller)) {
          s.phase = 'ending';
          o.hangup('caller');
        }
        return;
      }
      if (!wasAnswered && !a.dropped && (e.hangupCause === 'user_busy' || e.hangupCause === 'call_rejected')) {
        // Declined on the phone: the agent goes to break at once (no need to wait for the lease).
        o.effect({ key: `agent:declined:${a.role}`, kind: 'agent', orgId: s.orgId, userId: a.userId, input: { kind: 'offer_declined', offerId: a.offerId } });
      }
      a.dropped = true;
      return;
    }
    default:
      return;
  }
}

export function onBridged(o: StepOut, s: QueueCallState, leg: Leg, at: number) {
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  if (s.connectedAt === null) s.connectedAt = at;
  if (s.phase === 'connecting') {
    s.phase = 'connected';
    dialWaitingSupervisors(o, s);
  }
  if (s.recordingNotice && !s.recordingStarted && live(s.caller) && s.caller.callControlId && s.agent) {
    s.recordingStarted = true;
    o.command({ key: 'record:caller', leg: 'caller', action: 'record_start', callControlId: s.caller.callControlId, channels: 'dual' });
  }
}
