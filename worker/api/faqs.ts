// Customer-center FAQ (S19): everyone signed in reads the platform's and their org's entries in
// their sort order; operators write platform-wide entries, org admins their org's.
import { Hono } from 'hono';
import * as v from 'valibot';
import { assertCanManage, authorOrgId, contentScope } from '../auth/content-scope';
import { clientIp, requireRole, requireUser } from '../auth/session';
import { writeAudit } from '../db/audit';
import { deleteVisibleFaq, findVisibleFaq, insertFaq, listVisibleFaqs, type Faq } from '../db/faqs';
import { dbFor } from '../db/scope';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { validate } from '../http/validate';

const FaqSchema = v.object({
  question: v.pipe(v.string('Enter the question.'), v.trim(), v.minLength(1, 'Enter the question.'), v.maxLength(500, 'At most 500 characters.')),
  answer: v.pipe(v.string('Enter the answer.'), v.minLength(1, 'Enter the answer.'), v.maxLength(10_000, 'At most 10,000 characters.')),
  sortOrder: v.optional(v.pipe(v.number(), v.integer('Whole numbers only.'), v.minValue(-1_000_000), v.maxValue(1_000_000)), 0),
});
const IdParamSchema = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

function view(f: Faq) {
  return { id: f.id, question: f.question, answer: f.answer, sortOrder: f.sortOrder, scope: contentScope(f.orgId) };
}

/** Mounted at /api/faqs. */
export const faqRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const faqs = await listVisibleFaqs(dbFor(c.env, c.get('user').orgId));
    return c.json({ faqs: faqs.map(view) });
  })
  .post('/', requireRole('org_admin', 'operator'), validate('json', FaqSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const faq = await insertFaq(scope, { ...c.req.valid('json'), orgId: authorOrgId(me) });
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'faq.created',
      targetType: 'faq',
      targetId: faq.id,
      detail: { scope: contentScope(faq.orgId) },
      ip: clientIp(c),
    });
    return c.json({ faq: view(faq) }, 201);
  })
  .delete('/:id', requireRole('org_admin', 'operator'), validate('param', IdParamSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { id } = c.req.valid('param');
    const faq = await findVisibleFaq(scope, id);
    if (!faq) throw notFound('No such FAQ entry.');
    assertCanManage(me, faq.orgId);
    if (!(await deleteVisibleFaq(scope, id))) throw notFound('No such FAQ entry.');
    await writeAudit(scope, { actorUserId: me.id, action: 'faq.deleted', targetType: 'faq', targetId: id, ip: clientIp(c) });
    return c.json({ ok: true });
  });
