// The queue call flow's ending: the D1 call record (naming the agent last bridged with the caller),
// the agent told the call ended only after it, and the recording's copy into R2. Pure.
import { copyCallRecording, hangupFields } from '../ending';
import type { StepOut } from '../legs';
import { connectedAgent } from './legs';
import type { QueueCallState } from './state';

/** After the record: the agent who took the call is told it ended (their ACW finds the row). */
export function releaseAgent(o: StepOut, s: QueueCallState) {
  const a = connectedAgent(s);
  if (s.agentReleased || !a || !a.accepted) return;
  s.agentReleased = true;
  o.effect({ key: `agent:ended:${a.role}`, kind: 'agent', orgId: s.orgId, userId: a.userId, input: { kind: 'call_ended', callSessionId: s.sessionId } });
}

export function writeRecord(o: StepOut, s: QueueCallState) {
  if (!s.orgId) {
    s.recorded = true;
    return;
  }
  const endedAt = s.endedAt ?? s.startedAt;
  const a = connectedAgent(s);
  const answeredAt = a?.accepted ? s.answeredAt : null;
  s.recordAttempts++;
  o.effect({
    key: `record:${s.recordAttempts}`,
    kind: 'write_call',
    orgId: s.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'inbound',
      kind: 'queue',
      numberId: s.numberId || null,
      fromNumber: s.from,
      toNumber: s.to,
      ownerUserId: a?.userId ?? null,
      agentUserId: a?.accepted ? a.userId : null,
      queueId: s.queueId || null,
      callerPriority: 0,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      ...hangupFields(s.firstHangup),
      waitMs: s.waitMs,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: [
        {
          rule: 'queue',
          matched: true,
          detail: { queueId: s.queueId, agents: s.agents.map((x) => ({ userId: x.userId, answered: x.leg.answeredAt !== null, transfer: x.transfer })) },
        },
      ],
    },
  });
}

export function copyRecording(o: StepOut, s: QueueCallState, retry = false) {
  if (!s.recording || !s.recorded || s.copy.done || (!retry && s.copy.attempts > 0)) return;
  const call = { orgId: s.orgId, callSessionId: s.sessionId, callStartedAt: s.startedAt, ownerUserId: connectedAgent(s)?.userId ?? null };
  copyCallRecording(o, s.copy, call, s.recording);
}
