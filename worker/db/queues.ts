// Contact-center queues of an organisation (C3, C11, C13): their settings, members with levels,
// and the numbers that ring them; read by the numbers screen (names only) and managed by
// supervisors and org admins. The Queue DO reads the same rows through contact-center-config.ts.
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { callbacks, calls, queueMembers, queues, users, virtualNumbers, type Role } from './schema';
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

/** Every setting of a queue a supervisor edits; null overrides fall back to the org's. */
export type QueueSettings = {
  name: string;
  greetingText: string | null;
  holdMusicUrl: string | null;
  maxWaitSeconds: number;
  ringTimeoutSeconds: number;
  tierWidenSeconds: number;
  overflow: 'callback' | 'voicemail' | 'none';
  strategy: 'longest_idle' | 'ring_all' | 'round_robin' | 'fewest_calls';
  serviceLevelSeconds: number | null;
  serviceLevelTargetPercent: number | null;
  announceIntervalSeconds: number;
  agentStateAfterCall: 'ready' | 'break' | 'acw' | null;
  acwLimitSeconds: number | null;
};

export type QueueMemberView = { userId: string; name: string; loginId: string; role: Role; level: number; disabled: boolean };
export type QueueDetail = QueueSettings & { id: string; members: QueueMemberView[]; numbers: string[] };

const settingsColumns = {
  id: queues.id,
  name: queues.name,
  greetingText: queues.greetingText,
  holdMusicUrl: queues.holdMusicUrl,
  maxWaitSeconds: queues.maxWaitSeconds,
  ringTimeoutSeconds: queues.ringTimeoutSeconds,
  tierWidenSeconds: queues.tierWidenSeconds,
  overflow: queues.overflow,
  strategy: queues.strategy,
  serviceLevelSeconds: queues.serviceLevelSeconds,
  serviceLevelTargetPercent: queues.serviceLevelTargetPercent,
  announceIntervalSeconds: queues.announceIntervalSeconds,
  agentStateAfterCall: queues.agentStateAfterCall,
  acwLimitSeconds: queues.acwLimitSeconds,
};

/** Queues with their members (by level, then name) and service numbers; one queue when `queueId` is given. */
export async function listQueueDetails(scope: OrgDb, queueId?: string): Promise<QueueDetail[]> {
  const rows = await scope.db
    .select(settingsColumns)
    .from(queues)
    .where(scope.where(queues, queueId ? eq(queues.id, queueId) : undefined))
    .orderBy(asc(queues.name), asc(queues.id))
    .all();
  if (rows.length === 0) return [];
  const [members, numbers] = await Promise.all([
    scope.db
      .select({
        queueId: queueMembers.queueId,
        userId: queueMembers.userId,
        level: queueMembers.level,
        name: users.name,
        loginId: users.loginId,
        role: users.role,
        disabled: users.disabled,
      })
      .from(queueMembers)
      .innerJoin(users, and(eq(users.id, queueMembers.userId), eq(users.orgId, scope.orgId)))
      .where(scope.where(queueMembers, queueId ? eq(queueMembers.queueId, queueId) : undefined))
      .orderBy(asc(queueMembers.level), asc(users.name), asc(users.id))
      .all(),
    scope.db
      .select({ queueId: virtualNumbers.queueId, e164: virtualNumbers.e164 })
      .from(virtualNumbers)
      .where(scope.where(virtualNumbers, queueId ? eq(virtualNumbers.queueId, queueId) : isNotNull(virtualNumbers.queueId)))
      .orderBy(asc(virtualNumbers.e164))
      .all(),
  ]);
  return rows.map((r) => ({
    ...r,
    members: members.filter((m) => m.queueId === r.id).map(({ queueId: _q, ...m }) => m),
    numbers: numbers.filter((n) => n.queueId === r.id).map((n) => n.e164),
  }));
}

export async function findQueueDetail(scope: OrgDb, queueId: string): Promise<QueueDetail | undefined> {
  return (await listQueueDetails(scope, queueId))[0];
}

export async function findQueueByName(scope: OrgDb, name: string): Promise<{ id: string } | undefined> {
  return scope.db
    .select({ id: queues.id })
    .from(queues)
    .where(scope.where(queues, eq(queues.name, name)))
    .get();
}

/** Settings left out take the column defaults (worker/db/schema.ts). */
export async function insertQueue(scope: OrgDb, settings: Pick<QueueSettings, 'name'> & Partial<QueueSettings>): Promise<string> {
  const id = newId('que');
  await scope.db.insert(queues).values({ id, orgId: scope.orgId, ...settings });
  return id;
}

/** Writes every setting; false when the queue is not this organisation's. */
export async function updateQueue(scope: OrgDb, queueId: string, settings: QueueSettings): Promise<boolean> {
  const row = await scope.db
    .update(queues)
    .set(settings)
    .where(scope.where(queues, eq(queues.id, queueId)))
    .returning({ id: queues.id })
    .get();
  return row !== undefined;
}

/** What still points at a queue: numbers ring it, calls and callbacks name it in history. */
export async function queueReferences(scope: OrgDb, queueId: string): Promise<{ numbers: number; calls: number; callbacks: number }> {
  const count = sql<number>`count(*)`;
  const [n, c, b] = await Promise.all([
    scope.db
      .select({ count })
      .from(virtualNumbers)
      .where(scope.where(virtualNumbers, eq(virtualNumbers.queueId, queueId)))
      .get(),
    scope.db
      .select({ count })
      .from(calls)
      .where(scope.where(calls, eq(calls.queueId, queueId)))
      .get(),
    scope.db
      .select({ count })
      .from(callbacks)
      .where(scope.where(callbacks, eq(callbacks.queueId, queueId)))
      .get(),
  ]);
  return { numbers: Number(n?.count ?? 0), calls: Number(c?.count ?? 0), callbacks: Number(b?.count ?? 0) };
}

/** Removes a queue and its memberships in one batch. Callers check `queueReferences` first. */
export async function deleteQueue(scope: OrgDb, queueId: string): Promise<void> {
  await scope.db.batch([
    scope.db.delete(queueMembers).where(scope.where(queueMembers, eq(queueMembers.queueId, queueId))),
    scope.db.delete(queues).where(scope.where(queues, eq(queues.id, queueId))),
  ]);
}

/** Agents and supervisors of the org (disabled ones flagged): who may be a queue member, whose calls a filter picks. */
export async function listQueueCandidates(scope: OrgDb): Promise<{ id: string; name: string; loginId: string; role: Role; disabled: boolean }[]> {
  return scope.db
    .select({ id: users.id, name: users.name, loginId: users.loginId, role: users.role, disabled: users.disabled })
    .from(users)
    .where(scope.where(users, inArray(users.role, ['agent', 'supervisor'])))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/** D1 binds at most 100 parameters per statement. */
const CHUNK = 20;
function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The users of this org among `userIds`, with what decides whether they may join a queue. */
export async function usersForMembership(scope: OrgDb, userIds: string[]): Promise<Map<string, { role: Role }>> {
  const out = new Map<string, { role: Role }>();
  for (const part of chunks(userIds, 90)) {
    const rows = await scope.db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(scope.where(users, inArray(users.id, part)))
      .all();
    for (const r of rows) out.set(r.id, { role: r.role });
  }
  return out;
}

/** Replaces the queue's whole membership (the screen edits the list as one), atomically. */
export async function replaceQueueMembers(scope: OrgDb, queueId: string, members: { userId: string; level: number }[]): Promise<void> {
  const remove = scope.db.delete(queueMembers).where(scope.where(queueMembers, eq(queueMembers.queueId, queueId)));
  const inserts = chunks(members).map((part) =>
    scope.db.insert(queueMembers).values(part.map((m) => ({ orgId: scope.orgId, queueId, userId: m.userId, level: m.level }))),
  );
  await scope.db.batch([remove, ...inserts]);
}
