// Customer-center inquiries (S19): any user asks (org, department and safe number required); users
// see their own, org admins their org's, operators everyone's. Admins answer their org's; operators any.
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole, requireUser } from '../auth/session';
import { globalDb } from '../db/client';
import { answerInquiry, findInquiryOrgId, insertInquiry, listAllInquiries, listOrgInquiries, listOwnInquiries, type Inquiry } from '../db/inquiries';
import { dbFor } from '../db/scope';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { audit } from '../http/audit';
import { validate, validateId } from '../http/validate';
import { PhoneSchema } from '../phone';
import { InquiryAnswerBody, InquiryFields } from '../../contract/requests/common';

const { orgName, department, title, body } = InquiryFields;
const InquirySchema = v.object({ orgName, department, safeNumber: PhoneSchema, title, body });

function view(q: Inquiry) {
  return {
    id: q.id,
    orgId: q.orgId,
    userId: q.userId,
    orgName: q.orgName,
    department: q.department,
    safeNumber: q.safeNumber,
    title: q.title,
    body: q.body,
    answer: q.answer,
    answeredAt: q.answeredAt,
    createdAt: q.createdAt,
  };
}

/** Mounted at /api/inquiries. */
export const inquiryRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const me = c.get('user');
    const scope = c.get('scope');
    const rows =
      me.role === 'operator'
        ? await listAllInquiries(globalDb(c.env))
        : me.role === 'org_admin'
          ? await listOrgInquiries(scope)
          : await listOwnInquiries(scope, me.id);
    return c.json({ inquiries: rows.map(view) });
  })
  .post('/', validate('json', InquirySchema), async (c) => {
    const inquiry = await insertInquiry(c.get('scope'), c.get('user').id, c.req.valid('json'));
    await audit(c, 'inquiry.created', { targetType: 'inquiry', targetId: inquiry.id });
    return c.json({ inquiry: view(inquiry) }, 201);
  })
  .post('/:id/answer', requireRole('org_admin', 'operator'), validateId(), validate('json', InquiryAnswerBody), async (c) => {
    const me = c.get('user');
    const { id } = c.req.valid('param');
    // Org admins only ever look inside their own org, so another org's inquiry is simply not found.
    // An operator answers in the inquiry's own org, so the write (and its audit entry) go through that org's scope.
    const orgId = me.role === 'operator' ? await findInquiryOrgId(globalDb(c.env), id) : me.orgId;
    if (!orgId) throw notFound('No such inquiry.');
    const scope = orgId === me.orgId ? c.get('scope') : dbFor(c.env, orgId);
    const inquiry = await answerInquiry(scope, id, c.req.valid('json').answer, me.id);
    if (!inquiry) throw notFound('No such inquiry.');
    await audit(c, 'inquiry.answered', { scope, targetType: 'inquiry', targetId: id });
    return c.json({ inquiry: view(inquiry) });
  });
