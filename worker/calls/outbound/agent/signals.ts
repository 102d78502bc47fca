// The contact center's outbound flow, its signals: the Queue's answer to a callback offer (accepted,
// refused, cancelled) and the console's hangup, hold and unhold. Pure.
import type { StepOut } from '../../legs';
import type { CcSignal } from '../../queue/effects';
import { agentOnCall, bridged, dialCustomer } from './legs';
import { readdRequest } from './record';
import type { OutboundState } from './state';

export function onSignal(o: StepOut, s: OutboundState, name: string, value: unknown, now: number) {
  const sig = { name, value } as CcSignal;
  switch (sig.name) {
    case 'answer_accepted':
      if (sig.value.offerId !== s.p.offerId) return;
      if (s.phase !== 'confirming' && !s.agentOnCall && s.p.callbackId && s.p.queueId && !s.lateAccept) {
        // The Queue took the agent's answer (the request left the line) but the agent had already
        // put the phone down: the request goes back to its place, the agent back to ready.
        s.lateAccept = true;
        o.effect({
          key: 'agent:late_accept',
          kind: 'agent',
          orgId: s.p.orgId,
          userId: s.p.agentUserId,
          input: { kind: 'offer_cancelled', offerId: sig.value.offerId },
        });
        readdRequest(o, s, s.p.queueId, s.p.callbackId, 'queue:readd:late_accept');
        return;
      }
      if (s.phase !== 'confirming') return;
      agentOnCall(o, s, s.agentAnsweredAt ?? now);
      dialCustomer(o, s, now);
      return;
    case 'answer_refused':
    case 'offer_cancelled':
      if (sig.value.offerId !== s.p.offerId || s.agentOnCall || s.finished) return;
      s.outcome ??= 'cancelled';
      s.phase = 'ending';
      o.hangup('agent');
      return;
    case 'hangup':
      if (sig.value.userId === s.p.agentUserId) {
        o.hangup('agent', `hangup:agent:${++s.n}`);
        // Bridged, the customer's leg goes with the agent's (the carrier hangs it up).
        if (s.customer && bridged(s)) o.hangupPeer('customer', true, now);
        else if (s.customer) o.hangup('customer', `hangup:customer:${s.n}`);
      }
      return;
    case 'hold':
    case 'unhold':
      // The customer hears the built-in hold tone only where the carrier plays one; the state is kept for the console.
      if (s.phase === 'connected' && sig.value.userId === s.p.agentUserId && s.held !== (sig.name === 'hold')) {
        s.held = sig.name === 'hold';
        o.effect({
          key: `agent:held:${++s.n}`,
          kind: 'agent',
          orgId: s.p.orgId,
          userId: s.p.agentUserId,
          input: { kind: 'call_update', callSessionId: s.sessionId, held: s.held },
        });
      }
      return;
  }
}
