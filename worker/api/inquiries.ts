// Customer-center inquiries (S19): any user asks (org, department and safe number required); users
// see their own, org admins their org's, operators everyone's. Admins answer their org's; operators any.
import { Hono } from 'hono';
import * as v from 'valibot';
import { clientIp, requireRole, requireUser } from '../auth/session';
import { writeAudit } from '../db/audit';
import { globalDb } from '../db/client';
import { answerInquiry, findInquiryOrgId, insertInquiry, listAllInquiries, listOrgInquiries, listOwnInquiries, type Inquiry } from '../db/inquiries';
import { dbFor } from '../db/scope';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { validate } from '../http/validate';
import { PhoneSchema } from '../phone';

const required = (label: string, max: number) =>
  v.pipe(v.string(`Enter ${label}.`), v.trim(), v.minLength(1, `Enter ${label}.`), v.maxLength(max, `At most ${max} characters.`));

const InquirySchema = v.object({
  orgName: required('your organisation', 100),
  department: required('your department', 100),
  safeNumber: PhoneSchema,
  title: required('a title', 200),
  body: v.pipe(v.string('Enter your question.'), v.minLength(1, 'Enter your question.'), v.maxLength(10_000, 'At most 10,000 characters.')),
});
const AnswerSchema = v.object({
  answer: v.pipe(v.string('Enter the answer.'), v.minLength(1, 'Enter the answer.'), v.maxLength(10_000, 'At most 10,000 characters.')),
});
const IdParamSchema = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

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
    const scope = dbFor(c.env, me.orgId);
    const rows =
      me.role === 'operator'
        ? await listAllInquiries(globalDb(c.env))
        : me.role === 'org_admin'
          ? await listOrgInquiries(scope)
          : await listOwnInquiries(scope, me.id);
    return c.json({ inquiries: rows.map(view) });
  })
  .post('/', validate('json', InquirySchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const inquiry = await insertInquiry(scope, me.id, c.req.valid('json'));
    await writeAudit(scope, { actorUserId: me.id, action: 'inquiry.created', targetType: 'inquiry', targetId: inquiry.id, ip: clientIp(c) });
    return c.json({ inquiry: view(inquiry) }, 201);
  })
  .post('/:id/answer', requireRole('org_admin', 'operator'), validate('param', IdParamSchema), validate('json', AnswerSchema), async (c) => {
    const me = c.get('user');
    const { id } = c.req.valid('param');
    // Org admins only ever look inside their own org, so another org's inquiry is simply not found.
    const orgId = me.role === 'operator' ? await findInquiryOrgId(globalDb(c.env), id) : me.orgId;
    if (!orgId) throw notFound('No such inquiry.');
    const scope = dbFor(c.env, orgId);
    const inquiry = await answerInquiry(scope, id, c.req.valid('json').answer, me.id);
    if (!inquiry) throw notFound('No such inquiry.');
    await writeAudit(scope, { actorUserId: me.id, action: 'inquiry.answered', targetType: 'inquiry', targetId: id, ip: clientIp(c) });
    return c.json({ inquiry: view(inquiry) });
  });
