// The D1 call record of a finished safe-number session (S13, B1: the decision's trace included).
import { hangupFields } from '../ending';
import type { CallRecordInput } from '../vocabulary';
import type { FlowState } from './state';

/** Null when the number was unknown (no organisation to file it under). */
export function callRecordOf(s: FlowState): { orgId: string; record: CallRecordInput } | null {
  const d = s.decision;
  if (!d || !s.finished || s.startedAt === null) return null;
  const endedAt = s.endedAt ?? s.startedAt;
  // "Answered" is when the staff member picked up (the callee's call.answered, which every later
  // callee event depends on), not the bridge: a late-delivered call.bridged cannot move it.
  const answeredAt = s.connectedAt !== null ? (s.callee?.answeredAt ?? s.connectedAt) : null;
  return {
    orgId: d.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'inbound',
      kind: 'safe_number',
      numberId: d.numberId,
      // Stored in E.164 when the caller's number parsed (the carrier may send another form).
      fromNumber: d.caller || (s.from ?? ''),
      toNumber: s.to ?? d.dialled,
      ownerUserId: d.ownerUserId,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      ...hangupFields(s.firstHangup),
      waitMs: answeredAt !== null ? answeredAt - s.startedAt : null,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: d.trace,
    },
  };
}
