import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, inquiries } from '../../worker/db/schema';
import { login, makeOrg, makeUser } from '../fixtures/orgs';

type InquiryView = { id: string; orgId: string; userId: string; safeNumber: string; title: string; answer: string | null; answeredAt: number | null };
type ErrorBody = { error: { code: string; fields?: { field: string }[] } };

const ask = (title: string) => ({ orgName: '서울시 강남구', department: '민원여권과', safeNumber: '050-1234-5678', title, body: '<b>문의</b> 내용' });

async function orgWithAdminAndStaff() {
  const org = await makeOrg();
  const admin = await makeUser(org.id, { role: 'org_admin' });
  const staff1 = await makeUser(org.id);
  const staff2 = await makeUser(org.id);
  return {
    org,
    admin: await login(org.name, admin.loginId),
    staff1: await login(org.name, staff1.loginId),
    staff2: await login(org.name, staff2.loginId),
    staff1User: staff1,
  };
}

describe('inquiries', () => {
  it('staff see their own, admins their org’s, operators everyone’s; admins answer their org’s and the asker sees it', async () => {
    const a = await orgWithAdminAndStaff();
    const b = await orgWithAdminAndStaff();
    const opOrg = await makeOrg();
    const op = await login(opOrg.name, (await makeUser(opOrg.id, { role: 'operator' })).loginId);

    const created = await a.staff1.fetch('/api/inquiries', { method: 'POST', json: ask('문자 발송 실패') });
    expect(created.status).toBe(201);
    const q1 = (await created.json<{ inquiry: InquiryView }>()).inquiry;
    expect(q1).toMatchObject({ userId: a.staff1User.id, safeNumber: '+825012345678', answer: null });
    const q2 = (await (await a.staff2.fetch('/api/inquiries', { method: 'POST', json: ask('둘째') })).json<{ inquiry: InquiryView }>()).inquiry;
    const qb = (await (await b.staff1.fetch('/api/inquiries', { method: 'POST', json: ask('B 문의') })).json<{ inquiry: InquiryView }>()).inquiry;

    const ids = async (client: typeof op) => (await (await client.fetch('/api/inquiries')).json<{ inquiries: InquiryView[] }>()).inquiries.map((q) => q.id);
    expect(await ids(a.staff1)).toEqual([q1.id]);
    expect((await ids(a.admin)).sort()).toEqual([q1.id, q2.id].sort());
    expect(await ids(op)).toEqual(expect.arrayContaining([q1.id, q2.id, qb.id]));

    // A's admin cannot answer B's inquiry: 404, unchanged.
    expect((await a.admin.fetch(`/api/inquiries/${qb.id}/answer`, { method: 'POST', json: { answer: '침범' } })).status).toBe(404);
    expect(await globalDb(env).select().from(inquiries).where(eq(inquiries.id, qb.id)).get()).toMatchObject({ answer: null });

    const answered = await a.admin.fetch(`/api/inquiries/${q1.id}/answer`, { method: 'POST', json: { answer: '발신번호를 등록해 주세요.' } });
    expect(answered.status).toBe(200);
    expect((await answered.json<{ inquiry: InquiryView }>()).inquiry).toMatchObject({
      id: q1.id,
      answer: '발신번호를 등록해 주세요.',
      answeredAt: expect.any(Number),
    });
    const mine = (await (await a.staff1.fetch('/api/inquiries')).json<{ inquiries: InquiryView[] }>()).inquiries;
    expect(mine[0]?.answer).toBe('발신번호를 등록해 주세요.');

    // Operators answer any org's; the answer is audited in that org.
    expect((await op.fetch(`/api/inquiries/${qb.id}/answer`, { method: 'POST', json: { answer: '확인했습니다.' } })).status).toBe(200);
    const bAudit = (await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, b.org.id)).all()).map((x) => x.action);
    expect(bAudit).toContain('inquiry.answered');
  });

  it('requires org, department, safe number, title and body; staff cannot answer', async () => {
    const a = await orgWithAdminAndStaff();
    for (const field of ['orgName', 'department', 'safeNumber', 'title', 'body'] as const) {
      const res = await a.staff1.fetch('/api/inquiries', { method: 'POST', json: { ...ask('t'), [field]: '' } });
      expect(res.status, field).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields?.map((f) => f.field)).toContain(field);
    }
    const bad = await a.staff1.fetch('/api/inquiries', { method: 'POST', json: { ...ask('t'), safeNumber: '12' } });
    expect(bad.status).toBe(400);
    expect(await globalDb(env).select().from(inquiries).where(eq(inquiries.orgId, a.org.id)).all()).toEqual([]);

    const q = (await (await a.staff1.fetch('/api/inquiries', { method: 'POST', json: ask('t') })).json<{ inquiry: InquiryView }>()).inquiry;
    expect((await a.staff2.fetch(`/api/inquiries/${q.id}/answer`, { method: 'POST', json: { answer: 'x' } })).status).toBe(403);
    expect((await a.admin.fetch(`/api/inquiries/${q.id}/answer`, { method: 'POST', json: { answer: '' } })).status).toBe(400);
    expect(await globalDb(env).select().from(inquiries).where(eq(inquiries.id, q.id)).get()).toMatchObject({ answer: null });
  });
});
