// Consult history (상담이력, C9) and wrap-up editing (C7): my calls, unanswered calls and (supervisors,
// org admins) every call of the org, filtered by period, queue, agent, category and outcome, paged
// newest first; a call's details with its wrap-up, recording and callback; the wrap-up rewritten later
// by the agent who took the call or a supervisor. Mounted at /api/cc/calls.
import { Hono } from 'hono';
import { findArchivedCcCall, withArchivedCcHistory } from '../../archive/history';
import { CC_USER_ROLES, isCcManager } from '../../auth/cc-roles';
import { requireRole, requireUser } from '../../auth/session';
import { agentMaySee, findCallDetail, listCallHistory, saveWrapUp, type CallDetail, type CallRow } from '../../db/cc-calls';
import { findCategory } from '../../db/consult-categories';
import { findPlayableRecording } from '../../db/recordings';
import type { OrgDb } from '../../db/scope';
import type { AppEnv, SessionUser } from '../../env';
import { conflict, forbidden, invalidField, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { formatNational } from '../../phone';
import { checkFilters, resolveRange } from './query';
import { CallDetailQuery, CallHistoryQuery, WrapUpBody } from '../../../contract/requests/cc';

/** Numbers as stored (E.164) and as people read them. */
function withDisplay<T extends Pick<CallRow, 'customer' | 'serviceNumber'>>(row: T) {
  return { ...row, customerDisplay: formatNational(row.customer), serviceNumberDisplay: formatNational(row.serviceNumber) };
}

/** Who may open a call: managers any contact-center call of the org, agents theirs and the unanswered. */
function mayOpen(user: SessionUser, call: CallDetail): boolean {
  return isCcManager(user.role) || agentMaySee(call, user.id);
}

/** Who may rewrite a wrap-up: the agent who took the call, and supervisors / org admins. */
function mayEditWrapUp(user: SessionUser, call: CallDetail): boolean {
  return call.agentUserId !== null && (call.agentUserId === user.id || isCcManager(user.role));
}

/**
 * The detail with what the viewer may do. `canListen` asks the recordings API's own rule
 * (findPlayableRecording: the agent of the call, supervisors of its queue, org admins where the org
 * allows), so the detail never offers a recording the stream would refuse.
 */
async function detailView(scope: OrgDb, user: SessionUser, call: CallDetail) {
  const playable = call.recording ? await findPlayableRecording(scope, call.recording.id, user) : undefined;
  return {
    call: withDisplay(call),
    canEditWrapUp: mayEditWrapUp(user, call),
    canListen: playable !== undefined,
  };
}

/** Mounted at /api/cc/calls. */
export const ccCallRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole(...CC_USER_ROLES))
  .get('/', validate('query', CallHistoryQuery), async (c) => {
    const scope = c.get('scope');
    const user = c.get('user');
    const q = c.req.valid('query');
    const manager = isCcManager(user.role);
    // Agents see their own calls and the unanswered ones (to call back), not colleagues' calls.
    if (!manager && (q.view === 'all' || q.agentId !== undefined)) throw forbidden('Only supervisors see every agent’s calls.');
    await checkFilters(scope, q);
    const range = await resolveRange(scope, q, Date.now(), 'last_30_days');
    const filter = {
      view: q.view,
      userId: user.id,
      from: range.from,
      to: range.to,
      queueId: q.queueId,
      agentId: q.agentId,
      categoryId: q.categoryId,
      outcome: q.outcome,
      before: q.before ? { startedAt: q.before.at, id: q.before.id } : undefined,
      limit: q.limit,
    };
    // Months past the org's retention window are read from their archive (issue 20 §3).
    const rows = await withArchivedCcHistory(c.env, scope, filter, await listCallHistory(scope, filter));
    const last = rows.at(-1);
    return c.json({
      calls: rows.map(withDisplay),
      nextBefore: rows.length === q.limit && last ? `${last.startedAt}:${last.id}` : null,
      range,
    });
  })
  .get('/:id', validateId(), validate('query', CallDetailQuery), async (c) => {
    const user = c.get('user');
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const { at } = c.req.valid('query');
    const live = await findCallDetail(scope, id);
    // A call of a month past the retention window, found in its archive by the start its history row gave (issue 20 §3).
    const call = live ?? (at === undefined ? undefined : await findArchivedCcCall(c.env, scope, id, at));
    // A call the user may not open reads like one that does not exist.
    if (!call || !mayOpen(user, call)) throw notFound('No such call.');
    const view = await detailView(scope, user, call);
    // An archived call is read-only: its wrap-up is no longer in D1 to rewrite.
    return c.json(live ? view : { ...view, canEditWrapUp: false });
  })
  .put('/:id/wrap-up', validateId(), validate('json', WrapUpBody), async (c) => {
    const scope = c.get('scope');
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const call = await findCallDetail(scope, id);
    if (!call || !mayOpen(user, call)) throw notFound('No such call.');
    if (call.agentUserId === null) throw conflict('Nobody took this call, so it has no wrap-up.');
    if (!mayEditWrapUp(user, call)) throw forbidden('Only the agent who took the call or a supervisor edits its wrap-up.');
    if (input.categoryId !== null) {
      const category = await findCategory(scope, input.categoryId);
      if (!category) throw invalidField('categoryId', 'not_in_org', 'No such category in your organisation.');
      // A category switched off stays on the calls filed under it, but is not chosen anew.
      if (category.disabled && category.id !== call.wrapUp?.categoryId) throw invalidField('categoryId', 'disabled', 'This category is switched off.');
    }
    await saveWrapUp(scope, { callId: id, agentUserId: call.agentUserId, categoryId: input.categoryId, notes: input.notes, by: user.id, now: Date.now() });
    const saved = await findCallDetail(scope, id);
    if (!saved) throw notFound('No such call.');
    await audit(c, 'wrap_up.updated', {
      targetType: 'call',
      targetId: id,
      detail: {
        changed: [
          ...(input.categoryId !== (call.wrapUp?.categoryId ?? null) ? ['categoryId'] : []),
          ...(input.notes !== (call.wrapUp?.notes ?? '') ? ['notes'] : []),
        ],
      },
    });
    return c.json(await detailView(scope, user, saved));
  });
