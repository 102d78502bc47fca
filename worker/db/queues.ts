// Contact-center queues of an organisation, as the org admin sees them (P2): the list numbers can be
// assigned to. Queues themselves are created by the operator CLI (worker/provision), not here.
import { asc, eq } from 'drizzle-orm';
import { queues } from './schema';
import type { OrgDb } from './scope';

export type QueueSummary = { id: string; name: string };

/** The org's queues by name, for choosing which one a number rings. */
export async function listQueues(scope: OrgDb): Promise<QueueSummary[]> {
  return scope.db.select({ id: queues.id, name: queues.name }).from(queues).where(scope.where(queues)).orderBy(asc(queues.name), asc(queues.id)).all();
}

/** Whether the queue exists in this organisation (numbers may only point at the org's own queues). */
export async function queueInOrg(scope: OrgDb, queueId: string): Promise<boolean> {
  const row = await scope.db
    .select({ id: queues.id })
    .from(queues)
    .where(scope.where(queues, eq(queues.id, queueId)))
    .get();
  return row !== undefined;
}
