// Recordings and voicemail (S13, S20, P5): rows beside their call, who may play them, the unheard
// voicemail count, and the retention sweep's batches. The audio itself lives in the RECORDINGS bucket.
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { RecordingFacts } from '../calls/media-effects';
import { newId } from '../ids';
import type { Db } from './client';
import { CC_CALL_KINDS } from './cc-calls';
import { calls, orgs, queueMembers, recordings } from './schema';
import type { OrgDb } from './scope';

export type Recording = typeof recordings.$inferSelect;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The org's retention period in days (P2), or undefined for no such org. */
export async function retentionDays(scope: OrgDb): Promise<number | undefined> {
  const row = await scope.db.select({ days: orgs.recordingRetentionDays }).from(orgs).where(eq(orgs.id, scope.orgId)).get();
  return row?.days;
}

export const deleteAfterFor = (days: number, now: number) => now + Math.max(1, days) * DAY_MS;

/**
 * Stores a copied recording's row for the call of this session. Idempotent by R2 key (a retried copy
 * finds its row). Undefined when the call has no record yet (the flow writes it first; retried).
 */
export async function insertRecordingForCall(scope: OrgDb, callSessionId: string, facts: RecordingFacts): Promise<string | undefined> {
  const call = await scope.db
    .select({ id: calls.id })
    .from(calls)
    .where(scope.where(calls, eq(calls.callSessionId, callSessionId)))
    .get();
  if (!call) return undefined;
  await scope.db
    .insert(recordings)
    .values({
      id: newId('rec'),
      orgId: scope.orgId,
      callId: call.id,
      kind: facts.kind,
      r2Key: facts.r2Key,
      contentType: facts.contentType,
      sizeBytes: facts.sizeBytes,
      durationMs: facts.durationMs,
      deleteAfter: facts.deleteAfter,
      ownerUserId: facts.ownerUserId,
      channels: facts.channels,
      startedAt: facts.startedAt,
    })
    .onConflictDoNothing({ target: recordings.r2Key });
  const row = await scope.db
    .select({ id: recordings.id })
    .from(recordings)
    .where(scope.where(recordings, eq(recordings.r2Key, facts.r2Key)))
    .get();
  return row?.id;
}

export type Viewer = { id: string; role: string };

/** What decides whether a viewer may play a recording: read in one query (recordingAccessFacts). */
export type RecordingAccessFacts = {
  ownerUserId: string | null;
  /** The org lets org admins play every recording (orgs.recording_admin_access). */
  adminAccess: boolean;
  /** The recorded call: its kind, the agent who took or made it, and its queue (contact-center calls). */
  callKind: string | null;
  callAgentUserId: string | null;
  /** Whether the viewer is a member (agent or supervisor) of the call's queue. */
  viewerInCallQueue: boolean;
};

const CC_KINDS: readonly string[] = CC_CALL_KINDS;

/**
 * The one rule of who plays a recording (S13, C9, P5). Every answer about it, the stream and the
 * contact-center detail's `canListen`, comes from here:
 * - the owner (the staff member of a safe-number call, the agent connected to a queue call);
 * - a contact-center call: the agent who took or made it, and supervisors of the call's queue;
 * - an org admin when the org allows admins (orgs.recording_admin_access).
 * Anyone else is refused, exactly like a recording that does not exist.
 */
export function mayPlayRecording(viewer: Viewer, f: RecordingAccessFacts): boolean {
  if (f.ownerUserId !== null && f.ownerUserId === viewer.id) return true;
  if (viewer.role === 'org_admin' && f.adminAccess) return true;
  if (f.callKind === null || !CC_KINDS.includes(f.callKind)) return false;
  if (f.callAgentUserId !== null && f.callAgentUserId === viewer.id) return true;
  return viewer.role === 'supervisor' && f.viewerInCallQueue;
}

/** A recording with the facts the rule needs, in one statement; undefined when not this org's. */
async function recordingWithAccessFacts(scope: OrgDb, id: string, viewer: Viewer) {
  const inQueue = sql<number>`exists (select 1 from ${queueMembers} where ${queueMembers.orgId} = ${scope.orgId} and ${queueMembers.queueId} = ${calls.queueId} and ${queueMembers.userId} = ${viewer.id})`;
  const row = await scope.db
    .select({
      recording: recordings,
      adminAccess: orgs.recordingAdminAccess,
      callKind: calls.kind,
      callAgentUserId: calls.agentUserId,
      inQueue: inQueue.mapWith(Number),
    })
    .from(recordings)
    .innerJoin(orgs, eq(orgs.id, recordings.orgId))
    .leftJoin(calls, and(eq(calls.id, recordings.callId), eq(calls.orgId, scope.orgId)))
    .where(scope.where(recordings, eq(recordings.id, id)))
    .get();
  if (!row) return undefined;
  const facts: RecordingAccessFacts = {
    ownerUserId: row.recording.ownerUserId,
    adminAccess: row.adminAccess,
    callKind: row.callKind,
    callAgentUserId: row.callAgentUserId,
    viewerInCallQueue: row.inQueue === 1,
  };
  return { recording: row.recording, facts };
}

/** A recording the viewer may play (mayPlayRecording); anything else is undefined, like a missing one. */
export async function findPlayableRecording(scope: OrgDb, id: string, viewer: Viewer): Promise<Recording | undefined> {
  const row = await recordingWithAccessFacts(scope, id, viewer);
  return row && mayPlayRecording(viewer, row.facts) ? row.recording : undefined;
}

/** The owner played a voicemail: it is no longer unheard. */
export async function markHeard(scope: OrgDb, id: string, now: number): Promise<void> {
  await scope.db
    .update(recordings)
    .set({ heardAt: now })
    .where(scope.where(recordings, eq(recordings.id, id), isNull(recordings.heardAt)));
}

/** The owner's voicemails, newest first, with the call they were left on. */
export async function listVoicemails(scope: OrgDb, userId: string, limit: number) {
  return scope.db
    .select({
      id: recordings.id,
      callId: recordings.callId,
      durationMs: recordings.durationMs,
      createdAt: recordings.createdAt,
      heardAt: recordings.heardAt,
      caller: calls.fromNumber,
      startedAt: calls.startedAt,
    })
    .from(recordings)
    .innerJoin(calls, and(eq(calls.id, recordings.callId), eq(calls.orgId, scope.orgId)))
    .where(scope.where(recordings, eq(recordings.ownerUserId, userId), eq(recordings.kind, 'voicemail')))
    .orderBy(desc(recordings.createdAt), desc(recordings.id))
    .limit(limit)
    .all();
}

/** How many of the owner's voicemails are unheard (the home card, S20). */
export async function unheardVoicemails(scope: OrgDb, userId: string): Promise<number> {
  const row = await scope.db
    .select({ n: count() })
    .from(recordings)
    .where(scope.where(recordings, eq(recordings.ownerUserId, userId), eq(recordings.kind, 'voicemail'), isNull(recordings.heardAt)))
    .get();
  return row?.n ?? 0;
}

/**
 * The player field of call rows (history, S13): each call's recording and voicemail, for the calls
 * given. Rows of calls the viewer may not play are left out by the caller of this (owner check).
 */
export async function recordingsForCalls(scope: OrgDb, callIds: string[]) {
  if (!callIds.length) return [];
  return scope.db
    .select({
      id: recordings.id,
      callId: recordings.callId,
      kind: recordings.kind,
      durationMs: recordings.durationMs,
      heardAt: recordings.heardAt,
      ownerUserId: recordings.ownerUserId,
    })
    .from(recordings)
    .where(scope.where(recordings, inArray(recordings.callId, callIds)))
    .all();
}

export type CallMediaField = {
  /** The call's recording, for the row's player (S13); null when none or not the viewer's to play. */
  recording: { id: string; durationMs: number | null } | null;
  /** A voicemail left on the call (S20), with the unheard marker. */
  voicemail: { id: string; durationMs: number | null; heard: boolean } | null;
};

/**
 * The media fields of history rows (the call list adds them to each row): only what the viewer may
 * play, by the same rule as playing (owner; org admins where the org allows).
 */
export async function callMediaFields(scope: OrgDb, viewer: Viewer, callIds: string[]): Promise<Map<string, CallMediaField>> {
  const out = new Map<string, CallMediaField>(callIds.map((id) => [id, { recording: null, voicemail: null }]));
  if (!callIds.length) return out;
  const [rows, org] = await Promise.all([
    recordingsForCalls(scope, callIds),
    scope.db.select({ adminAccess: orgs.recordingAdminAccess }).from(orgs).where(eq(orgs.id, scope.orgId)).get(),
  ]);
  const adminAccess = org?.adminAccess ?? false;
  for (const r of rows) {
    // Safe-number history: the same rule, with no contact-center call to widen it.
    const facts = { ownerUserId: r.ownerUserId, adminAccess, callKind: null, callAgentUserId: null, viewerInCallQueue: false };
    if (!mayPlayRecording(viewer, facts)) continue;
    const field = out.get(r.callId);
    if (!field) continue;
    if (r.kind === 'voicemail') field.voicemail = { id: r.id, durationMs: r.durationMs, heard: r.heardAt !== null };
    else field.recording = { id: r.id, durationMs: r.durationMs };
  }
  return out;
}

/** The org changed its retention period: every recording it keeps follows the new one. */
export async function applyRetention(scope: OrgDb, days: number): Promise<void> {
  await scope.db
    .update(recordings)
    .set({ deleteAfter: sql`${recordings.createdAt} + ${Math.max(1, days) * DAY_MS}` })
    .where(scope.where(recordings));
}

/** The retention sweep's next batch, across organisations (the cron tick), oldest deadline first. */
export async function expiredRecordings(db: Db, now: number, limit: number) {
  return db
    .select({ id: recordings.id, orgId: recordings.orgId, r2Key: recordings.r2Key, kind: recordings.kind })
    .from(recordings)
    .where(lte(recordings.deleteAfter, now))
    .orderBy(asc(recordings.deleteAfter))
    .limit(limit)
    .all();
}

/** Deletes rows of one org (after their objects are gone). */
export async function deleteRecordingRows(scope: OrgDb, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await scope.db.delete(recordings).where(scope.where(recordings, inArray(recordings.id, ids)));
}
