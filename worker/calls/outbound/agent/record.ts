// The contact center's outbound flow, its ending: the call record (kind 'agent_outbound' or
// 'callback'), then the agent's call ended and the callback request marked done, or put back in line
// when the customer was not reached. Pure.
import { hangupFields } from '../../ending';
import type { StepOut } from '../../legs';
import type { OutboundState } from './state';

export function writeRecord(o: StepOut, s: OutboundState) {
  s.recordAttempts++;
  const endedAt = s.endedAt ?? s.startedAt;
  const answeredAt = s.customer?.answeredAt ?? null;
  o.effect({
    key: `record:${s.recordAttempts}`,
    kind: 'write_call',
    orgId: s.p.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'outbound',
      kind: s.p.callbackId ? 'callback' : 'agent_outbound',
      numberId: null,
      fromNumber: s.p.serviceNumber,
      toNumber: s.p.customer,
      ownerUserId: s.p.agentUserId,
      agentUserId: s.p.agentUserId,
      queueId: s.p.queueId,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      ...hangupFields(s.firstHangup),
      waitMs: null,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: [{ rule: 'outbound', matched: true, detail: { mode: s.p.mode, callbackId: s.p.callbackId } }],
    },
  });
}

export function afterRecord(o: StepOut, s: OutboundState) {
  if (s.agentOnCall)
    o.effect({ key: 'agent:ended', kind: 'agent', orgId: s.p.orgId, userId: s.p.agentUserId, input: { kind: 'call_ended', callSessionId: s.sessionId } });
  if (!s.p.callbackId) return;
  if (s.customer?.answeredAt != null)
    o.effect({
      key: 'callback:done',
      kind: 'callback_done',
      orgId: s.p.orgId,
      callbackId: s.p.callbackId,
      userId: s.p.agentUserId,
      callSessionId: s.sessionId,
    });
  else if (s.agentOnCall && s.p.queueId)
    // Accepted from the line but the customer was not reached: the request goes back to its place.
    readdRequest(o, s, s.p.queueId, s.p.callbackId, 'queue:readd');
}

/** The callback request taken from the line goes back to its place in it. */
export function readdRequest(o: StepOut, s: OutboundState, queueId: string, callbackId: string, key: string) {
  o.effect({ key, kind: 'queue', op: 'readd', orgId: s.p.orgId, queueId, callbackId, queuedAt: s.p.queuedAt ?? s.startedAt });
}
