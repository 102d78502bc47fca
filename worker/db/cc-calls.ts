// Consult history (상담이력, C9) and wrap-ups (C7): the contact center's calls with their queue, agent,
// wrap-up and recording, filtered and paged newest first; and the wrap-up writers (the history
// screen's edit, and the Agent DO's save_wrap_up effect). Tenant-scoped like every query.
import type { CallDetail as ContractCallDetail, CallRow as ContractCallRow } from '../../contract/contact-center';
import { HISTORY_VIEWS, OUTCOME_FILTERS, type HistoryView, type OutcomeFilter } from '../../contract/vocabularies';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { calls, callbacks, consultCategories, queues, recordings, users, wrapUps } from './schema';
import type { OrgDb } from './scope';
import { d1Batch, rebuildCallHour } from './stats-rollups';

/** The call kinds of the contact center: queue calls in, agents' calls out, callbacks out. */
export const CC_CALL_KINDS = ['queue', 'agent_outbound', 'callback'] as const;

export { HISTORY_VIEWS, type HistoryView };
/**
 * Outcome filters. Queue calls are written by the live side with outcome connected | abandoned |
 * callback | overflow | voicemail | failed; "answered" is what statistics count (an agent answered).
 */
export { OUTCOME_FILTERS, type OutcomeFilter };

export type HistoryCursor = { startedAt: number; id: string };

export type CallHistoryFilter = {
  view: HistoryView;
  /** The caller of the API: "mine" means the calls this user took or made. */
  userId: string;
  from: number;
  /** Exclusive. */
  to: number;
  queueId?: string;
  agentId?: string;
  /** A category id, or 'none' for calls without a wrap-up category. */
  categoryId?: string;
  outcome?: OutcomeFilter;
  before?: HistoryCursor;
  limit: number;
};

/**
 * A history row as stored (contract/contact-center.ts CallRow without the national formats the API
 * adds): `customer` is the citizen's number (inbound: the caller; outbound: the dialled), E.164;
 * `serviceNumber` our side (the service number called, or the caller ID shown on an outbound call).
 */
export type CallRow = Omit<ContractCallRow, 'customerDisplay' | 'serviceNumberDisplay'>;
export type CallDetail = Omit<ContractCallDetail, 'customerDisplay' | 'serviceNumberDisplay'>;

const isCcCall = () => inArray(calls.kind, [...CC_CALL_KINDS]);
const isUnanswered = () => and(eq(calls.kind, 'queue'), eq(calls.direction, 'inbound'), isNull(calls.answeredAt));

function outcomeCondition(o: OutcomeFilter): SQL | undefined {
  switch (o) {
    case 'answered':
      return isNotNull(calls.answeredAt);
    case 'unanswered':
      return isNull(calls.answeredAt);
    case 'abandoned':
      return eq(calls.outcome, 'abandoned');
    case 'callback':
      return eq(calls.outcome, 'callback');
    case 'overflow':
      return inArray(calls.outcome, ['overflow', 'voicemail']);
  }
}

function select(scope: OrgDb) {
  const editor = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${wrapUps.updatedBy} and ${users.orgId} = ${scope.orgId})`;
  // The newest call recording of the call, if any (voicemails belong to the safe-number side).
  const recording = (column: SQL) =>
    sql`(select ${column} from ${recordings} where ${recordings.callId} = ${calls.id} and ${recordings.orgId} = ${scope.orgId} and ${recordings.kind} = 'call' order by ${recordings.createdAt} desc limit 1)`;
  return scope.db
    .select({
      id: calls.id,
      direction: calls.direction,
      kind: calls.kind,
      queueId: calls.queueId,
      queueName: queues.name,
      agentUserId: calls.agentUserId,
      agentName: users.name,
      fromNumber: calls.fromNumber,
      toNumber: calls.toNumber,
      startedAt: calls.startedAt,
      answeredAt: calls.answeredAt,
      endedAt: calls.endedAt,
      outcome: calls.outcome,
      waitMs: calls.waitMs,
      durationMs: calls.durationMs,
      acwMs: calls.acwMs,
      wrapUpCallId: wrapUps.callId,
      categoryId: wrapUps.categoryId,
      categoryName: consultCategories.name,
      notes: wrapUps.notes,
      wrapUpUpdatedAt: wrapUps.updatedAt,
      wrapUpCreatedAt: wrapUps.createdAt,
      wrapUpEditor: editor,
      recordingId: recording(sql`${recordings.id}`).mapWith(String),
      recordingDurationMs: recording(sql`${recordings.durationMs}`).mapWith(Number),
    })
    .from(calls)
    .leftJoin(queues, and(eq(queues.id, calls.queueId), eq(queues.orgId, scope.orgId)))
    .leftJoin(users, and(eq(users.id, calls.agentUserId), eq(users.orgId, scope.orgId)))
    .leftJoin(wrapUps, and(eq(wrapUps.callId, calls.id), eq(wrapUps.orgId, scope.orgId)))
    .leftJoin(consultCategories, and(eq(consultCategories.id, wrapUps.categoryId), eq(consultCategories.orgId, scope.orgId)));
}

type Selected = Awaited<ReturnType<ReturnType<typeof select>['all']>>[number];

function toRow(r: Selected): CallRow {
  return {
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    queueId: r.queueId,
    queueName: r.queueName,
    agentUserId: r.agentUserId,
    agentName: r.agentName,
    customer: r.direction === 'inbound' ? r.fromNumber : r.toNumber,
    serviceNumber: r.direction === 'inbound' ? r.toNumber : r.fromNumber,
    startedAt: r.startedAt,
    answeredAt: r.answeredAt,
    endedAt: r.endedAt,
    outcome: r.outcome,
    waitMs: r.waitMs,
    durationMs: r.durationMs,
    acwMs: r.acwMs,
    wrapUp: r.wrapUpCallId === null ? null : { categoryId: r.categoryId, categoryName: r.categoryName, hasNotes: (r.notes ?? '') !== '' },
    recording: r.recordingId === null ? null : { id: r.recordingId, durationMs: r.recordingDurationMs ?? null },
  };
}

/** A page of history, newest first (ties by id), `limit` rows after the cursor. */
export async function listCallHistory(scope: OrgDb, f: CallHistoryFilter): Promise<CallRow[]> {
  const conditions: (SQL | undefined)[] = [isCcCall(), gte(calls.startedAt, f.from), lt(calls.startedAt, f.to)];
  if (f.view === 'mine') conditions.push(eq(calls.agentUserId, f.userId));
  if (f.view === 'unanswered') conditions.push(isUnanswered());
  if (f.queueId) conditions.push(eq(calls.queueId, f.queueId));
  if (f.agentId) conditions.push(eq(calls.agentUserId, f.agentId));
  if (f.categoryId === 'none') conditions.push(isNull(wrapUps.categoryId));
  else if (f.categoryId) conditions.push(eq(wrapUps.categoryId, f.categoryId));
  if (f.outcome) conditions.push(outcomeCondition(f.outcome));
  if (f.before) conditions.push(or(lt(calls.startedAt, f.before.startedAt), and(eq(calls.startedAt, f.before.startedAt), lt(calls.id, f.before.id))));
  const rows = await select(scope)
    .where(scope.where(calls, ...conditions))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(f.limit)
    .all();
  return rows.map(toRow);
}

/** One contact-center call with its whole wrap-up and its callback request, or undefined. */
export async function findCallDetail(scope: OrgDb, callId: string): Promise<CallDetail | undefined> {
  const r = await select(scope)
    .where(scope.where(calls, isCcCall(), eq(calls.id, callId)))
    .get();
  if (!r) return undefined;
  const cb = await scope.db
    .select({ id: callbacks.id, status: callbacks.status })
    .from(callbacks)
    .where(scope.where(callbacks, eq(callbacks.callId, callId)))
    .get();
  const row = toRow(r);
  return {
    ...row,
    wrapUp:
      r.wrapUpCallId === null
        ? null
        : {
            categoryId: r.categoryId,
            categoryName: r.categoryName,
            notes: r.notes ?? '',
            updatedAt: r.wrapUpUpdatedAt ?? r.wrapUpCreatedAt,
            updatedByName: r.wrapUpEditor,
          },
    callback: cb ?? null,
  };
}

/** Whether the call is one an agent may open: one they took or made, or an unanswered queue call. */
export function agentMaySee(call: Pick<CallRow, 'agentUserId' | 'kind' | 'direction' | 'answeredAt'>, userId: string): boolean {
  if (call.agentUserId === userId) return true;
  return call.kind === 'queue' && call.direction === 'inbound' && call.answeredAt === null;
}

export type WrapUpInput = { categoryId: string | null; notes: string };

/** Writes (or rewrites) a call's wrap-up; the agent of record stays the agent who took the call. */
export async function saveWrapUp(scope: OrgDb, w: WrapUpInput & { callId: string; agentUserId: string; by: string | null; now: number }): Promise<void> {
  // The wrap-up's category moves the call between the rollup's category rows: rebuilt in the same batch.
  await d1Batch(scope, [
    scope.db
      .insert(wrapUps)
      .values({ callId: w.callId, orgId: scope.orgId, agentUserId: w.agentUserId, categoryId: w.categoryId, notes: w.notes, updatedAt: w.now, updatedBy: w.by })
      .onConflictDoUpdate({
        target: wrapUps.callId,
        set: { categoryId: w.categoryId, notes: w.notes, updatedAt: w.now, updatedBy: w.by },
        setWhere: eq(wrapUps.orgId, scope.orgId),
      }),
    ...rebuildCallHour(scope, { callId: w.callId }),
  ]);
}

/**
 * The Agent DO's `save_wrap_up` effect (worker/contact-center/agent.ts): the wrap-up of the call the
 * agent just finished, by its call session. False when no call record of this org has that session
 * (the CallSession writes the record before it tells the agent the call ended, so this is rare).
 */
export async function saveWrapUpForSession(scope: OrgDb, w: WrapUpInput & { callSessionId: string; agentUserId: string; now: number }): Promise<boolean> {
  const call = await scope.db
    .select({ id: calls.id })
    .from(calls)
    .where(scope.where(calls, eq(calls.callSessionId, w.callSessionId)))
    .get();
  if (!call) return false;
  await saveWrapUp(scope, { callId: call.id, agentUserId: w.agentUserId, categoryId: w.categoryId, notes: w.notes, by: null, now: w.now });
  return true;
}
