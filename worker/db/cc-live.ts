// What the live contact center reads and writes in D1 (issue 11): an agent's profile and queues, a
// queue's caller-facing settings and its service number, callback requests taken from the line,
// wrap-ups saved with a state change, the org's contact-center users, and whether the org records
// its calls (the outbound flow's parameter). Always through the scope.
import { publicHttpsUrl } from '../http/public-url';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { callbacks, calls, consultCategories, orgs, queueMembers, queues, users, virtualNumbers, wrapUps } from './schema';
import type { OrgDb } from './scope';
import { d1Batch, rebuildCallHour } from './stats-rollups';

/** Whether the organisation records its calls (orgs.recording_enabled); false when the org is gone. */
export async function orgRecordsCalls(scope: OrgDb): Promise<boolean> {
  const row = await scope.db.select({ on: orgs.recordingEnabled }).from(orgs).where(eq(orgs.id, scope.orgId)).get();
  return row?.on ?? false;
}

/** Roles that work in the contact center (take calls, or supervise them). */
export const CC_ROLES = ['agent', 'supervisor', 'org_admin'] as const;
export const CC_MANAGERS = ['supervisor', 'org_admin'] as const;

export type AgentProfile = {
  userId: string;
  name: string;
  /** E.164 of the phone offers ring; null = not set (offers are refused). */
  mobile: string | null;
  timezone: string;
  queues: { queueId: string; name: string }[];
};

/** The agent's phone, name, org time zone and queues (what the Agent object keeps beside its reducer). */
export async function agentProfile(scope: OrgDb, userId: string): Promise<AgentProfile | null> {
  const [userRows, orgRows, queueRows] = await scope.db.batch([
    scope.db
      .select({ id: users.id, name: users.name, mobile: users.mobile, disabled: users.disabled })
      .from(users)
      .where(scope.where(users, eq(users.id, userId))),
    scope.db.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, scope.orgId)),
    scope.db
      .select({ queueId: queues.id, name: queues.name })
      .from(queueMembers)
      .innerJoin(queues, and(eq(queues.id, queueMembers.queueId), eq(queues.orgId, scope.orgId)))
      .where(scope.where(queueMembers, eq(queueMembers.userId, userId)))
      .orderBy(asc(queues.name)),
  ]);
  const user = userRows[0];
  if (!user) return null;
  return { userId, name: user.name, mobile: user.disabled ? null : user.mobile, timezone: orgRows[0]?.timezone ?? 'Asia/Seoul', queues: queueRows };
}

export type QueueInfo = {
  queueId: string;
  name: string;
  greeting: string | null;
  holdAudioUrl: string | null;
  overflow: 'callback' | 'voicemail' | 'none';
  /** The service number that leads to this queue (the caller ID agents and customers see). */
  serviceNumber: string | null;
  members: { userId: string; name: string; role: string }[];
  /** Pending callback requests of this queue with their numbers (they keep their place in line). */
  callbacks: { id: string; number: string; requestedAt: number }[];
};

/** A queue's caller-facing settings, members' names and pending callbacks; null when not this org's. */
export async function queueInfo(scope: OrgDb, queueId: string): Promise<QueueInfo | null> {
  const [qRows, numRows, memberRows, cbRows] = await scope.db.batch([
    scope.db
      .select()
      .from(queues)
      .where(scope.where(queues, eq(queues.id, queueId))),
    scope.db
      .select({ e164: virtualNumbers.e164 })
      .from(virtualNumbers)
      .where(scope.where(virtualNumbers, eq(virtualNumbers.queueId, queueId), eq(virtualNumbers.kind, 'service')))
      .orderBy(asc(virtualNumbers.e164))
      .limit(1),
    scope.db
      .select({ userId: users.id, name: users.name, role: users.role })
      .from(queueMembers)
      .innerJoin(users, and(eq(users.id, queueMembers.userId), eq(users.orgId, scope.orgId)))
      .where(scope.where(queueMembers, eq(queueMembers.queueId, queueId)))
      // A stable order: the voicemail owner is the first supervisor, else the first member, of it.
      .orderBy(asc(queueMembers.level), asc(users.name), asc(users.id)),
    scope.db
      .select({ id: callbacks.id, number: callbacks.number, requestedAt: callbacks.requestedAt })
      .from(callbacks)
      .where(scope.where(callbacks, eq(callbacks.queueId, queueId), eq(callbacks.status, 'pending')))
      .orderBy(asc(callbacks.requestedAt))
      .limit(500),
  ]);
  const q = qRows[0];
  if (!q) return null;
  return {
    queueId,
    name: q.name,
    greeting: q.greetingText,
    // An address stored before the public-host rule (worker/http/public-url.ts) is not handed to the carrier.
    holdAudioUrl: q.holdMusicUrl && publicHttpsUrl(q.holdMusicUrl) === 'ok' ? q.holdMusicUrl : null,
    overflow: q.overflow,
    serviceNumber: numRows[0]?.e164 ?? null,
    members: memberRows,
    callbacks: cbRows,
  };
}

/** What an agent's outbound call needs of D1 (C6): the agent, the service number to show, whether the org records. */
export type OutboundContext = { self: CcUser | undefined; service: { e164: string; queueId: string } | null; recording: boolean };

/**
 * The agent (a contact-center user of the org, not disabled), the service number to call from and
 * the org's recording setting, in one D1 batch (one round trip). The service number: the queue's
 * (a callback's), else the first of the agent's queues' (by number), else, for an agent in no
 * queue, the org's first service number if it belongs to a queue.
 */
export async function outboundContext(scope: OrgDb, userId: string, queueId: string | null): Promise<OutboundContext> {
  const mine = scope.db
    .select({ id: queueMembers.queueId })
    .from(queueMembers)
    .where(scope.where(queueMembers, eq(queueMembers.userId, userId)));
  const [selfRows, serviceRows, orgRows] = await scope.db.batch([
    ccUserQuery(scope, userId),
    scope.db
      .select({ e164: virtualNumbers.e164, queueId: virtualNumbers.queueId })
      .from(virtualNumbers)
      .where(scope.where(virtualNumbers, eq(virtualNumbers.kind, 'service'), ...(queueId ? [eq(virtualNumbers.queueId, queueId)] : [])))
      // The agent's own queues' numbers first (a number in no queue is not theirs: coalesce, not NULL).
      .orderBy(...(queueId ? [] : [desc(sql`coalesce(${inArray(virtualNumbers.queueId, mine)}, 0)`)]), asc(virtualNumbers.e164))
      .limit(1),
    scope.db.select({ on: orgs.recordingEnabled }).from(orgs).where(eq(orgs.id, scope.orgId)),
  ]);
  const r = serviceRows[0];
  return { self: selfRows[0], service: r?.queueId ? { e164: r.e164, queueId: r.queueId } : null, recording: orgRows[0]?.on ?? false };
}

/** Stores a callback request (idempotent by id): the caller's number, when they joined the line. */
export async function insertCallback(scope: OrgDb, c: { id: string; queueId: string; number: string; requestedAt: number }): Promise<void> {
  await scope.db
    .insert(callbacks)
    .values({ id: c.id, orgId: scope.orgId, queueId: c.queueId, number: c.number, requestedAt: c.requestedAt, status: 'pending' })
    .onConflictDoNothing({ target: callbacks.id });
}

/** Withdraws a request the line no longer holds (the caller was answered while it was being stored). */
export async function withdrawCallback(scope: OrgDb, id: string, now: number): Promise<void> {
  await scope.db
    .update(callbacks)
    .set({ status: 'deleted', handledAt: now })
    .where(scope.where(callbacks, eq(callbacks.id, id), eq(callbacks.status, 'pending')));
}

export async function pendingCallback(scope: OrgDb, id: string): Promise<{ id: string; queueId: string; number: string; requestedAt: number } | undefined> {
  return scope.db
    .select({ id: callbacks.id, queueId: callbacks.queueId, number: callbacks.number, requestedAt: callbacks.requestedAt })
    .from(callbacks)
    .where(scope.where(callbacks, eq(callbacks.id, id), eq(callbacks.status, 'pending')))
    .get();
}

/** The callback was called back: done, by whom, and the call that did it. */
export async function completeCallback(scope: OrgDb, id: string, by: string, callSessionId: string, now: number): Promise<void> {
  const call = scope.db
    .select({ id: calls.id })
    .from(calls)
    .where(scope.where(calls, eq(calls.callSessionId, callSessionId)));
  await scope.db
    .update(callbacks)
    .set({ status: 'done', handledBy: by, handledAt: now, callId: sql`(${call})` })
    .where(scope.where(callbacks, eq(callbacks.id, id), eq(callbacks.status, 'pending')));
}

/** Links a callback request to the record of the call it came from (written after the request). */
export async function linkCallbackToCall(scope: OrgDb, id: string, callSessionId: string): Promise<void> {
  const call = scope.db
    .select({ id: calls.id })
    .from(calls)
    .where(scope.where(calls, eq(calls.callSessionId, callSessionId)));
  await scope.db
    .update(callbacks)
    .set({ callId: sql`(${call})` })
    .where(scope.where(callbacks, eq(callbacks.id, id)));
}

/** Whether the category is one of the org's enabled consult categories. */
export async function categoryUsable(scope: OrgDb, categoryId: string): Promise<boolean> {
  const row = await scope.db
    .select({ id: consultCategories.id })
    .from(consultCategories)
    .where(scope.where(consultCategories, eq(consultCategories.id, categoryId), eq(consultCategories.disabled, false)))
    .get();
  return row !== undefined;
}

/** C7: the wrap-up of a call the agent handled, saved with the state change (replaces an earlier one). */
export async function saveWrapUp(
  scope: OrgDb,
  w: { callSessionId: string; agentUserId: string; categoryId: string | null; notes: string; now: number },
): Promise<boolean> {
  const call = await scope.db
    .select({ id: calls.id })
    .from(calls)
    .where(scope.where(calls, eq(calls.callSessionId, w.callSessionId)))
    .get();
  if (!call) return false;
  await d1Batch(scope, [
    scope.db
      .insert(wrapUps)
      .values({ callId: call.id, orgId: scope.orgId, agentUserId: w.agentUserId, categoryId: w.categoryId, notes: w.notes })
      .onConflictDoUpdate({ target: wrapUps.callId, set: { categoryId: w.categoryId, notes: w.notes, updatedAt: w.now } }),
    ...rebuildCallHour(scope, { callId: call.id }),
  ]);
  return true;
}

export type CcUser = { id: string; name: string; role: string; mobile: string | null };

/** The org's contact-center users (agents, supervisors, org admins), by name. */
export async function ccUsers(scope: OrgDb): Promise<CcUser[]> {
  return scope.db
    .select({ id: users.id, name: users.name, role: users.role, mobile: users.mobile })
    .from(users)
    .where(scope.where(users, inArray(users.role, [...CC_ROLES]), eq(users.disabled, false)))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

const ccUserQuery = (scope: OrgDb, userId: string) =>
  scope.db
    .select({ id: users.id, name: users.name, role: users.role, mobile: users.mobile })
    .from(users)
    .where(scope.where(users, eq(users.id, userId), inArray(users.role, [...CC_ROLES]), eq(users.disabled, false)))
    .limit(1);

export async function ccUser(scope: OrgDb, userId: string): Promise<CcUser | undefined> {
  return ccUserQuery(scope, userId).get();
}

/** The org's queue ids (managers), or the user's own queues. */
export async function visibleQueues(scope: OrgDb, userId: string, all: boolean): Promise<{ queueId: string; name: string }[]> {
  if (all) return scope.db.select({ queueId: queues.id, name: queues.name }).from(queues).where(scope.where(queues)).orderBy(asc(queues.name)).all();
  return scope.db
    .select({ queueId: queues.id, name: queues.name })
    .from(queueMembers)
    .innerJoin(queues, and(eq(queues.id, queueMembers.queueId), eq(queues.orgId, scope.orgId)))
    .where(scope.where(queueMembers, eq(queueMembers.userId, userId)))
    .orderBy(asc(queues.name))
    .all();
}

export const newCallbackId = () => newId('cb');
