// The D1 call record of a finished safe-number session (S13, B1: the decision's trace included).
import { snapshotOf, type FlowState } from './state';

/** Null when the number was unknown (no organisation to file it under). */
export function callRecordOf(s: FlowState) {
  const snap = snapshotOf(s);
  if (!snap || !s.finished || s.startedAt === null) return null;
  const endedAt = s.endedAt ?? s.startedAt;
  // "Answered" is when the staff member picked up (the callee's call.answered, which every later
  // callee event depends on), not the bridge: a late-delivered call.bridged cannot move it.
  const answeredAt = s.connectedAt !== null ? (s.callee?.answeredAt ?? s.connectedAt) : null;
  return {
    orgId: snap.orgId,
    record: {
      callSessionId: s.sessionId,
      direction: 'inbound' as const,
      kind: 'safe_number' as const,
      numberId: snap.numberId,
      fromNumber: s.from ?? '',
      toNumber: s.to ?? snap.e164,
      ownerUserId: snap.owner?.userId ?? null,
      startedAt: s.startedAt,
      answeredAt,
      endedAt,
      outcome: s.outcome ?? 'failed',
      hangupCause: s.firstHangup?.cause ?? null,
      hangupSource: s.firstHangup ? `${s.firstHangup.leg}:${s.firstHangup.source ?? 'unknown'}` : null,
      waitMs: answeredAt !== null ? answeredAt - s.startedAt : null,
      durationMs: answeredAt !== null ? Math.max(0, endedAt - answeredAt) : null,
      trace: s.decision?.trace ?? [],
    },
  };
}
