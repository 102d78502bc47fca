// Telling the live Queue and Agent objects that what they loaded from D1 changed (management
// screens, callback lists), so the very next offer follows it instead of waiting for their own
// five-minute reload. The contract: docs/contact-center-live.md, "For the other parts".
import type { Bindings } from '../worker/env';
import { OBJECT_PLACEMENT } from '../worker/placement';

const queueObject = (env: Bindings, queueId: string) => env.QUEUE.get(env.QUEUE.idFromName(queueId), OBJECT_PLACEMENT);
const agentObject = (env: Bindings, userId: string) => env.AGENT.get(env.AGENT.idFromName(userId), OBJECT_PLACEMENT);

/** A queue's settings or members changed; `userIds` are the agents whose membership changed. */
export async function refreshQueue(env: Bindings, orgId: string, queueId: string, userIds: readonly string[] = []): Promise<void> {
  await Promise.all([queueObject(env, queueId).refresh(orgId, queueId), ...userIds.map((u) => agentObject(env, u).refreshPresence(orgId, u))]);
}

/** A pending callback was marked done or deleted from the list: it leaves the line. */
export async function callbackLeftLine(env: Bindings, orgId: string, queueId: string, callbackId: string): Promise<void> {
  await queueObject(env, queueId).callbackRemoved(orgId, queueId, callbackId);
}
