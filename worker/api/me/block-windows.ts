// My block windows (S4, 전화차단시간): name, days, start, end (crossing midnight allowed; start = end
// is the whole day) and the announcement callers hear, else the `block` situation's text.
// Mounted at /api/me/block-windows.
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import { countBlockWindows, deleteBlockWindow, insertBlockWindow, listBlockWindows, updateBlockWindow, type BlockWindowInput } from '../../db/block-windows';
import type { OrgDb } from '../../db/scope';
import { findUser } from '../../db/users';
import type { AppEnv } from '../../env';
import { ApiError, fieldError, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { usableAnnouncement } from './announcements';
import { routingChanged } from '../routing-freshness';
import { blockWindowView } from '../safe-number-views';
import { BlockWindowBody } from '../../../contract/requests/me';

export const BLOCK_WINDOWS_MAX = 20;

/** The window as saved, its announcement checked to be one the user may use for blocked calls. */
async function checked(scope: OrgDb, userId: string, input: BlockWindowInput): Promise<BlockWindowInput> {
  if (input.announcementId !== null) {
    const user = await findUser(scope, userId);
    if (!user) throw notFound();
    await usableAnnouncement(scope, user, input.announcementId, 'block', 'announcementId');
  }
  return input;
}

export const meBlockWindowRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const rows = await listBlockWindows(c.get('scope'), c.get('user').id);
    return c.json({ blockWindows: rows.map(blockWindowView) });
  })
  .post('/', validate('json', BlockWindowBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const input = await checked(scope, me.id, c.req.valid('json'));
    if ((await countBlockWindows(scope, me.id)) >= BLOCK_WINDOWS_MAX) {
      const max = BLOCK_WINDOWS_MAX;
      throw new ApiError(400, 'invalid', `At most ${max} block windows.`, [fieldError('(body)', 'list_full', `At most ${max}.`, { max })]);
    }
    const row = await insertBlockWindow(scope, me.id, input);
    await routingChanged(c, { userId: me.id });
    await audit(c, 'block_window.created', { targetType: 'block_window', targetId: row.id });
    return c.json({ blockWindow: blockWindowView(row) }, 201);
  })
  .put('/:id', validateId(), validate('json', BlockWindowBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { id } = c.req.valid('param');
    const input = await checked(scope, me.id, c.req.valid('json'));
    const row = await updateBlockWindow(scope, me.id, id, input);
    if (!row) throw notFound('No such block window.');
    await routingChanged(c, { userId: me.id });
    await audit(c, 'block_window.updated', { targetType: 'block_window', targetId: id });
    return c.json({ blockWindow: blockWindowView(row) });
  })
  .delete('/:id', validateId(), async (c) => {
    const me = c.get('user');
    const { id } = c.req.valid('param');
    if (!(await deleteBlockWindow(c.get('scope'), me.id, id))) throw notFound('No such block window.');
    await routingChanged(c, { userId: me.id });
    await audit(c, 'block_window.deleted', { targetType: 'block_window', targetId: id });
    return c.json({ ok: true });
  });
