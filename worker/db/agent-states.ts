// Writes the contact-center reducers ask for (C2, C7, C10): the agent state history rows behind the
// statistics, and the after-call work of a call. Idempotent, so a host may replay an effect.
import { and, eq, isNull } from 'drizzle-orm';
import type { AgentEffect } from '../contact-center/agent';
import { agentStateHistory, calls } from './schema';
import type { OrgDb } from './scope';
import { d1Batch, rebuildCallHour } from './stats-rollups';

type HistoryEffect = Extract<AgentEffect, { kind: 'history' }>;

/** Appends the new state's row and closes the row it follows (ended_at = the new row's start), in one batch. */
export async function recordAgentState(scope: OrgDb, e: HistoryEffect): Promise<void> {
  const insert = scope.db
    .insert(agentStateHistory)
    .values({
      id: e.entryId,
      orgId: scope.orgId,
      userId: e.userId,
      state: e.state,
      startedAt: e.startedAt,
      reason: e.reason,
      changedBy: e.changedBy,
      note: e.note,
    })
    .onConflictDoNothing({ target: agentStateHistory.id });
  if (e.closes === null) {
    await insert;
    return;
  }
  const close = scope.db
    .update(agentStateHistory)
    .set({ endedAt: e.startedAt })
    .where(scope.where(agentStateHistory, eq(agentStateHistory.id, e.closes), eq(agentStateHistory.userId, e.userId), isNull(agentStateHistory.endedAt)));
  await scope.db.batch([close, insert]);
}

/** Records the after-call work of a queue call (calls.acw_ms) once its ACW ended. */
export async function setCallAcw(scope: OrgDb, callSessionId: string, acwMs: number): Promise<void> {
  await d1Batch(scope, [
    scope.db
      .update(calls)
      .set({ acwMs })
      .where(scope.where(calls, and(eq(calls.callSessionId, callSessionId), isNull(calls.acwMs)))),
    ...rebuildCallHour(scope, { callSessionId }),
  ]);
}
