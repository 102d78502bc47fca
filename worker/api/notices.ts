// Customer-center notices (S19): everyone signed in reads the platform's and their org's, urgent
// first; operators post platform-wide, org admins for their org. Text is stored exactly as typed.
import { Hono } from 'hono';
import * as v from 'valibot';
import { assertCanManage, authorOrgId, contentScope } from '../auth/content-scope';
import { clientIp, requireRole, requireUser } from '../auth/session';
import { writeAudit } from '../db/audit';
import { deleteVisibleNotice, findVisibleNotice, insertNotice, listVisibleNotices, type Notice } from '../db/notices';
import { dbFor } from '../db/scope';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { validate } from '../http/validate';

const NoticeSchema = v.object({
  title: v.pipe(v.string('Enter a title.'), v.trim(), v.minLength(1, 'Enter a title.'), v.maxLength(200, 'At most 200 characters.')),
  body: v.pipe(v.string('Enter the text.'), v.minLength(1, 'Enter the text.'), v.maxLength(20_000, 'At most 20,000 characters.')),
  urgent: v.optional(v.boolean('Choose urgent or not.'), false),
});
const IdParamSchema = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

function view(n: Notice) {
  return { id: n.id, urgent: n.urgent, title: n.title, body: n.body, createdAt: n.createdAt, scope: contentScope(n.orgId) };
}

/** Mounted at /api/notices. */
export const noticeRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const notices = await listVisibleNotices(dbFor(c.env, c.get('user').orgId));
    return c.json({ notices: notices.map(view) });
  })
  .post('/', requireRole('org_admin', 'operator'), validate('json', NoticeSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const notice = await insertNotice(scope, { ...c.req.valid('json'), orgId: authorOrgId(me), createdBy: me.id });
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'notice.created',
      targetType: 'notice',
      targetId: notice.id,
      detail: { scope: contentScope(notice.orgId) },
      ip: clientIp(c),
    });
    return c.json({ notice: view(notice) }, 201);
  })
  .delete('/:id', requireRole('org_admin', 'operator'), validate('param', IdParamSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { id } = c.req.valid('param');
    const notice = await findVisibleNotice(scope, id);
    if (!notice) throw notFound('No such notice.');
    assertCanManage(me, notice.orgId);
    if (!(await deleteVisibleNotice(scope, id))) throw notFound('No such notice.');
    await writeAudit(scope, { actorUserId: me.id, action: 'notice.deleted', targetType: 'notice', targetId: id, ip: clientIp(c) });
    return c.json({ ok: true });
  });
