// Callback requests (콜백, C4): the unprocessed and processed lists, newest first with the caller's
// wait and queue; marking one done and deleting one (soft: status 'deleted', kept for statistics).
import type { CallbackRow as ContractCallbackRow } from '../../contract/contact-center';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { callbacks, calls, queues, users } from './schema';
import type { OrgDb } from './scope';

import { CALLBACK_LISTS } from '../../contract/requests/cc';

export { CALLBACK_LISTS };
export type CallbackList = (typeof CALLBACK_LISTS)[number];
export type CallbackCursor = { requestedAt: number; id: string };

/** A callback request as stored (contract/contact-center.ts CallbackRow without the national format the API adds). */
export type CallbackRow = Omit<ContractCallbackRow, 'numberDisplay'>;

function select(scope: OrgDb) {
  return scope.db
    .select({
      id: callbacks.id,
      queueId: callbacks.queueId,
      queueName: queues.name,
      number: callbacks.number,
      requestedAt: callbacks.requestedAt,
      status: callbacks.status,
      waitMs: calls.waitMs,
      callId: callbacks.callId,
      handledBy: callbacks.handledBy,
      handledByName: users.name,
      handledAt: callbacks.handledAt,
    })
    .from(callbacks)
    .leftJoin(queues, and(eq(queues.id, callbacks.queueId), eq(queues.orgId, scope.orgId)))
    .leftJoin(calls, and(eq(calls.id, callbacks.callId), eq(calls.orgId, scope.orgId)))
    .leftJoin(users, and(eq(users.id, callbacks.handledBy), eq(users.orgId, scope.orgId)));
}

export async function listCallbacks(
  scope: OrgDb,
  f: { status: CallbackList; queueId?: string; before?: CallbackCursor; limit: number },
): Promise<CallbackRow[]> {
  return select(scope)
    .where(
      scope.where(
        callbacks,
        eq(callbacks.status, f.status),
        f.queueId ? eq(callbacks.queueId, f.queueId) : undefined,
        f.before
          ? or(lt(callbacks.requestedAt, f.before.requestedAt), and(eq(callbacks.requestedAt, f.before.requestedAt), lt(callbacks.id, f.before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(callbacks.requestedAt), desc(callbacks.id))
    .limit(f.limit)
    .all();
}

/** A callback that has not been deleted, or undefined (deleted ones are gone for the app). */
export async function findCallback(scope: OrgDb, id: string): Promise<CallbackRow | undefined> {
  const row = await select(scope)
    .where(scope.where(callbacks, eq(callbacks.id, id)))
    .get();
  return row && row.status !== 'deleted' ? row : undefined;
}

/** pending → done, by whom and when; false if it was not pending (done already, or deleted). */
export async function markCallbackDone(scope: OrgDb, id: string, by: string, now: number): Promise<boolean> {
  const row = await scope.db
    .update(callbacks)
    .set({ status: 'done', handledBy: by, handledAt: now })
    .where(scope.where(callbacks, eq(callbacks.id, id), eq(callbacks.status, 'pending')))
    .returning({ id: callbacks.id })
    .get();
  return row !== undefined;
}

/** Soft delete: the row stays (statistics and the call's history may name it), the lists drop it. */
export async function deleteCallback(scope: OrgDb, id: string, by: string, now: number): Promise<boolean> {
  const current = await findCallback(scope, id);
  if (!current) return false;
  await scope.db
    .update(callbacks)
    .set({ status: 'deleted', handledBy: by, handledAt: now })
    .where(scope.where(callbacks, eq(callbacks.id, id)));
  return true;
}
