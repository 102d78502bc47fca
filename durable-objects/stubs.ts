// Where every Durable Object stub comes from (issue 18): one function per namespace, addressed by the
// name the object is known by (a call session's id, a user's id, a queue's id), through getByName;
// every object is created near Korea (OBJECT_PLACEMENT, docs/placement.md) unless told otherwise.
import type { Bindings } from '../worker/env';
import { OBJECT_PLACEMENT } from '../worker/placement';

type Options = DurableObjectNamespaceGetDurableObjectOptions;

/** The CallSession object of one call (worker/calls runs in it). */
export const callSession = (env: Pick<Bindings, 'CALL_SESSION'>, sessionId: string, options?: Options) =>
  env.CALL_SESSION.getByName(sessionId, options ?? OBJECT_PLACEMENT);
/** The Agent object of one user: presence, the console and popup sockets, push, the abuse shield's counters. */
export const agentObject = (env: Pick<Bindings, 'AGENT'>, userId: string) => env.AGENT.getByName(userId, OBJECT_PLACEMENT);
/** The Queue object of one contact-center queue. */
export const queueObject = (env: Pick<Bindings, 'QUEUE'>, queueId: string) => env.QUEUE.getByName(queueId, OBJECT_PLACEMENT);
