// Callback lists (콜백, C4): the unprocessed and processed requests, newest first with the caller's
// wait and queue; marking one done and deleting one (kept as status 'deleted'). Calling back goes
// through POST /api/cc/outbound (worker/api/cc/live.ts). Mounted at /api/cc/callbacks.
import { Hono } from 'hono';
import { CC_USER_ROLES } from '../../auth/cc-roles';
import { requireRole, requireUser } from '../../auth/session';
import { callbackLeftLine } from '../../../durable-objects/live-objects';
import { deleteCallback, findCallback, listCallbacks, markCallbackDone, type CallbackRow } from '../../db/callbacks';
import type { AppEnv } from '../../env';
import { conflict, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { formatNational } from '../../phone';
import { checkFilters } from './query';
import { CallbackListQuery } from '../../../contract/requests/cc';

const view = (r: CallbackRow) => ({ ...r, numberDisplay: formatNational(r.number) });

// The live Queue object keeps pending callbacks in line (B5): marking one done or deleting it here
// also takes it out of that line, so no agent is offered it afterwards.

/** Mounted at /api/cc/callbacks. */
export const ccCallbackRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole(...CC_USER_ROLES))
  .get('/', validate('query', CallbackListQuery), async (c) => {
    const scope = c.get('scope');
    const q = c.req.valid('query');
    await checkFilters(scope, q);
    const rows = await listCallbacks(scope, {
      status: q.status,
      queueId: q.queueId,
      before: q.before ? { requestedAt: q.before.at, id: q.before.id } : undefined,
      limit: q.limit,
    });
    const last = rows.at(-1);
    return c.json({ callbacks: rows.map(view), nextBefore: rows.length === q.limit && last ? `${last.requestedAt}:${last.id}` : null });
  })
  .post('/:id/done', validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const before = await findCallback(scope, id);
    if (!before) throw notFound('No such callback request.');
    if (!(await markCallbackDone(scope, id, c.get('user').id, Date.now()))) throw conflict('This callback request is already done.');
    const callback = await findCallback(scope, id);
    if (!callback) throw notFound('No such callback request.');
    await callbackLeftLine(c.env, scope.orgId, before.queueId, id);
    await audit(c, 'callback.done', { targetType: 'callback', targetId: id });
    return c.json({ callback: view(callback) });
  })
  .delete('/:id', validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const before = await findCallback(scope, id);
    if (!before || !(await deleteCallback(scope, id, c.get('user').id, Date.now()))) throw notFound('No such callback request.');
    if (before.status === 'pending') await callbackLeftLine(c.env, scope.orgId, before.queueId, id);
    await audit(c, 'callback.deleted', { targetType: 'callback', targetId: id });
    return c.json({ ok: true });
  });
