// Sockets end with the authority that opened them (issue 19 §6): logout closes the sockets opened
// with that session, a password change those of the person's other sessions, and disabling or a
// role change all of the person's sockets — the popup's on their Agent object and the dashboards'
// on every Queue object of the organisation. A closed client reconnects and is checked afresh.
import type { Bindings } from '../env';
import { listQueues } from '../db/queues';
import { dbFor } from '../db/scope';
import { OBJECT_PLACEMENT } from '../placement';

/** Set by the routes that forward a socket upgrade (after they checked the session) to the object. */
export const SOCKET_USER_HEADER = 'x-socket-user';
export const SOCKET_SESSION_HEADER = 'x-socket-session';
/** The close code a revoked socket gets (4000–4999 is the application's range). */
export const REVOKED_CLOSE_CODE = 4001;

/** Which of a person's sockets to close: all of them, one session's, or all but one session's. */
export type Revocation = { session?: string; exceptSession?: string };

/** What a socket remembers of who opened it (its serialized attachment). */
export type SocketOwner = { userId: string; session?: string };

function matches(owner: SocketOwner | null, userId: string, r: Revocation): boolean {
  if (!owner || owner.userId !== userId) return false;
  if (r.session !== undefined && owner.session !== r.session) return false;
  if (r.exceptSession !== undefined && owner.session === r.exceptSession) return false;
  return true;
}

/** Closes the sockets (of an object) that the revocation names; answers how many. */
export function closeRevoked(sockets: WebSocket[], userId: string, r: Revocation): number {
  let closed = 0;
  for (const ws of sockets) {
    if (!matches(ws.deserializeAttachment() as SocketOwner | null, userId, r)) continue;
    try {
      ws.close(REVOKED_CLOSE_CODE, 'revoked');
      closed++;
    } catch {
      // already closed
    }
  }
  return closed;
}

/**
 * Closes a person's sockets everywhere they may be open. A failure is logged, not thrown: the change
 * that revoked them (logout, a new password) has happened and must still answer.
 */
export async function revokeSockets(env: Bindings, orgId: string, userId: string, r: Revocation = {}): Promise<void> {
  try {
    const queues = await listQueues(dbFor(env, orgId));
    const results = await Promise.allSettled([
      env.AGENT.get(env.AGENT.idFromName(userId), OBJECT_PLACEMENT).revokeSockets(userId, r),
      ...queues.map((q) => env.QUEUE.get(env.QUEUE.idFromName(q.id), OBJECT_PLACEMENT).revokeSockets(userId, r)),
    ]);
    const failed = results.filter((x) => x.status === 'rejected').length;
    if (failed) console.error(JSON.stringify({ msg: 'socket revocation failed', userId, failed }));
  } catch (err) {
    console.error(JSON.stringify({ msg: 'socket revocation failed', userId, error: String((err as Error)?.name) }));
  }
}
