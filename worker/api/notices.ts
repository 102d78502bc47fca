// Customer-center notices (S19): everyone signed in reads the platform's and their org's, urgent
// first; operators post platform-wide, org admins for their org. Text is stored exactly as typed.
import { Hono } from 'hono';
import { assertCanManage, authorOrgId, contentScope } from '../auth/content-scope';
import { requireRole, requireUser } from '../auth/session';
import { deleteVisibleNotice, findVisibleNotice, insertNotice, listVisibleNotices, type Notice } from '../db/notices';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { audit } from '../http/audit';
import { validate, validateId } from '../http/validate';
import { NoticeBody } from '../../contract/requests/common';

function view(n: Notice) {
  return { id: n.id, urgent: n.urgent, title: n.title, body: n.body, createdAt: n.createdAt, scope: contentScope(n.orgId) };
}

/** Mounted at /api/notices. */
export const noticeRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const notices = await listVisibleNotices(c.get('scope'));
    return c.json({ notices: notices.map(view) });
  })
  .post('/', requireRole('org_admin', 'operator'), validate('json', NoticeBody), async (c) => {
    const me = c.get('user');
    const notice = await insertNotice(c.get('scope'), { ...c.req.valid('json'), orgId: authorOrgId(me), createdBy: me.id });
    await audit(c, 'notice.created', { targetType: 'notice', targetId: notice.id, detail: { scope: contentScope(notice.orgId) } });
    return c.json({ notice: view(notice) }, 201);
  })
  .delete('/:id', requireRole('org_admin', 'operator'), validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const notice = await findVisibleNotice(scope, id);
    if (!notice) throw notFound('No such notice.');
    assertCanManage(c.get('user'), notice.orgId);
    if (!(await deleteVisibleNotice(scope, id))) throw notFound('No such notice.');
    await audit(c, 'notice.deleted', { targetType: 'notice', targetId: id });
    return c.json({ ok: true });
  });
