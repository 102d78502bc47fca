// Customer-center FAQ (S19): everyone signed in reads the platform's and their org's entries in
// their sort order; operators write platform-wide entries, org admins their org's.
import { Hono } from 'hono';
import { assertCanManage, authorOrgId, contentScope } from '../auth/content-scope';
import { requireRole, requireUser } from '../auth/session';
import { deleteVisibleFaq, findVisibleFaq, insertFaq, listVisibleFaqs, type Faq } from '../db/faqs';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { audit } from '../http/audit';
import { validate, validateId } from '../http/validate';
import { FaqBody } from '../../contract/requests/common';

function view(f: Faq) {
  return { id: f.id, question: f.question, answer: f.answer, sortOrder: f.sortOrder, scope: contentScope(f.orgId) };
}

/** Mounted at /api/faqs. */
export const faqRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const faqs = await listVisibleFaqs(c.get('scope'));
    return c.json({ faqs: faqs.map(view) });
  })
  .post('/', requireRole('org_admin', 'operator'), validate('json', FaqBody), async (c) => {
    const faq = await insertFaq(c.get('scope'), { ...c.req.valid('json'), orgId: authorOrgId(c.get('user')) });
    await audit(c, 'faq.created', { targetType: 'faq', targetId: faq.id, detail: { scope: contentScope(faq.orgId) } });
    return c.json({ faq: view(faq) }, 201);
  })
  .delete('/:id', requireRole('org_admin', 'operator'), validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const faq = await findVisibleFaq(scope, id);
    if (!faq) throw notFound('No such FAQ entry.');
    assertCanManage(c.get('user'), faq.orgId);
    if (!(await deleteVisibleFaq(scope, id))) throw notFound('No such FAQ entry.');
    await audit(c, 'faq.deleted', { targetType: 'faq', targetId: id });
    return c.json({ ok: true });
  });
