// The contact center's outbound flow, its legs: the agent's phone answered (confirmed by the Queue
// for a callback offer, with a whisper), the customer dialled with the service number and bridged
// (recorded when the org records), and either side hanging up. Pure.
import { noteFirstHangup } from '../../ending';
import { advance, identify, live, markAnswered, markEnded, newLeg, type Leg, type StepOut } from '../../legs';
import type { CallEvent } from '../../vocabulary';
import { QUEUE_TEXTS, whisperText } from '../../queue/texts';
import { GRACE_MS, RING_SECS, type OutboundState } from './state';

export function context(s: OutboundState, at: number) {
  return {
    kind: s.p.callbackId ? ('callback' as const) : ('agent_outbound' as const),
    direction: 'outbound' as const,
    queueId: s.p.queueId,
    queueName: s.p.queueName,
    customer: s.p.customer,
    startedAt: at,
    held: false,
  };
}

export function dialCustomer(o: StepOut, s: OutboundState, now: number) {
  if (s.customer || !live(s.agent) || !s.agent.callControlId) return;
  s.phase = 'customer_ringing';
  s.customer = newLeg(null, null);
  o.timer('ring', now + RING_SECS * 1000 + GRACE_MS);
  o.command({
    key: 'dial:customer',
    leg: 'customer',
    action: 'dial',
    to: s.p.customer,
    from: s.p.serviceNumber,
    timeoutSecs: RING_SECS,
    linkTo: s.agent.callControlId,
  });
}

export function agentOnCall(o: StepOut, s: OutboundState, at: number) {
  if (s.agentOnCall) return;
  s.agentOnCall = true;
  const input =
    s.p.mode === 'callback_offer' && s.p.offerId
      ? { kind: 'offer_answered' as const, offerId: s.p.offerId, callSessionId: s.sessionId }
      : { kind: 'call_started' as const, callSessionId: s.sessionId, direction: 'outbound' as const, queueId: s.p.queueId };
  o.effect({ key: 'agent:on_call', kind: 'agent', orgId: s.p.orgId, userId: s.p.agentUserId, input, context: context(s, at) });
}

export function onAgent(o: StepOut, s: OutboundState, e: CallEvent, now: number) {
  const leg = identify(s.agent, e);
  switch (e.type) {
    case 'answered':
      if (!markAnswered(leg, e)) return;
      s.agentAnsweredAt = e.at;
      o.timer('ring', null);
      if (s.p.mode === 'callback_offer' && s.p.offerId && s.p.queueId) {
        s.phase = 'confirming';
        o.speak('agent', 'speak:agent:whisper', `${whisperText(s.p.queueName ?? '')} 콜백 요청입니다.`);
        o.effect({ key: 'queue:answered', kind: 'queue', op: 'answered', orgId: s.p.orgId, queueId: s.p.queueId, offerId: s.p.offerId });
        return;
      }
      agentOnCall(o, s, e.at);
      dialCustomer(o, s, now);
      return;
    case 'speak_ended':
      leg.speaksEnded++;
      if (s.phase === 'ending' && leg.speaksEnded >= leg.speaks) o.hangup('agent');
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      return;
    case 'hangup':
      if (!o.left('agent', leg, e.at)) return;
      noteFirstHangup(s, 'agent', e);
      o.timer('ring', null);
      if (s.agentAnsweredAt === null) s.outcome ??= 'agent_missed';
      else if (s.connectedAt === null) s.outcome ??= 'cancelled';
      o.hangupPeer('customer', bridged(s), now);
      s.phase = 'ending';
      return;
  }
}

/** Agent and customer were bridged: when one side ends, the carrier hangs up the other (no park_after_unbridge). */
export const bridged = (s: OutboundState) => s.connectedAt !== null;

export function onCustomer(o: StepOut, s: OutboundState, e: CallEvent, now: number) {
  const leg = identify((s.customer ??= newLeg(null, null)), e);
  switch (e.type) {
    case 'answered':
      if (!markAnswered(leg, e)) return;
      o.timer('ring', null);
      if (!live(s.agent) || !s.agent.callControlId || !leg.callControlId) {
        o.hangup('customer');
        return;
      }
      o.command({ key: 'bridge', leg: 'agent', action: 'bridge', callControlId: s.agent.callControlId, otherCallControlId: leg.callControlId });
      return;
    case 'bridged':
      onBridged(o, s, leg, e.at);
      return;
    case 'hangup': {
      if (!o.left('customer', leg, e.at)) return;
      noteFirstHangup(s, 'customer', e);
      o.timer('ring', null);
      if (leg.answeredAt === null) {
        s.outcome ??= 'no_answer';
        if (live(s.agent)) {
          s.phase = 'ending';
          if (!o.speak('agent', 'speak:agent:no_answer', QUEUE_TEXTS.customerNoAnswer)) o.hangup('agent');
        }
      } else {
        s.phase = 'ending';
        o.hangupPeer('agent', bridged(s), now);
      }
      return;
    }
  }
}

export function onBridged(o: StepOut, s: OutboundState, leg: Leg, at: number) {
  if (leg.status === 'ended') return;
  advance(leg, 'bridged');
  if (s.connectedAt === null) s.connectedAt = at;
  s.phase = 'connected';
  s.outcome = 'connected';
  if (s.p.recording && !s.recordingStarted && s.agent.callControlId && live(s.agent)) {
    s.recordingStarted = true;
    o.command({ key: 'record:agent', leg: 'agent', action: 'record_start', callControlId: s.agent.callControlId, channels: 'dual' });
  }
}
