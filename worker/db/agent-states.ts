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

/**
 * Records the after-call work of a call (calls.acw_ms) once its ACW ended, and rebuilds its
 * queue-hour's rollup in the same batch; `rollup: false` for a call no rollup counts (one the agent
 * made), where the rebuild would change nothing: the update alone.
 */
export async function setCallAcw(scope: OrgDb, callSessionId: string, acwMs: number, o: { rollup: boolean } = { rollup: true }): Promise<void> {
  const update = scope.db
    .update(calls)
    .set({ acwMs })
    .where(scope.where(calls, and(eq(calls.callSessionId, callSessionId), isNull(calls.acwMs))));
  if (o.rollup) await d1Batch(scope, [update, ...rebuildCallHour(scope, { callSessionId })]);
  else await update;
}
