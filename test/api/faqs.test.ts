import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { faqs } from '../../worker/db/schema';
import { login, makeOrg, makeUser, orgWithUser } from '../fixtures/orgs';

type FaqView = { id: string; question: string; answer: string; sortOrder: number; scope: 'platform' | 'org' };

describe('faqs', () => {
  it('lists platform and own-org entries by sort order to every user; another org’s stay hidden and untouchable', async () => {
    const opOrg = await makeOrg();
    const op = await login(opOrg.name, (await makeUser(opOrg.id, { role: 'operator' })).loginId);
    const a = await orgWithUser('org_admin');
    const b = await orgWithUser('org_admin');
    const staff = await login(a.org.name, (await makeUser(a.org.id)).loginId);

    const post = async (client: typeof op, json: unknown) => {
      const res = await client.fetch('/api/faqs', { method: 'POST', json });
      expect(res.status).toBe(201);
      return (await res.json<{ faq: FaqView }>()).faq;
    };
    const second = await post(a.client, { question: '비밀번호를 잊었어요', answer: '관리자에게 문의하세요.', sortOrder: 2 });
    const first = await post(a.client, { question: '<img src=x onerror=alert(1)>', answer: '그대로 저장', sortOrder: 1 });
    const platform = await post(op, { question: '050 번호란?', answer: '안심번호입니다.', sortOrder: -1_000_000 });
    const hidden = await post(b.client, { question: 'B의 질문', answer: '비공개' });
    expect(platform.scope).toBe('platform');

    const list = (await (await staff.fetch('/api/faqs')).json<{ faqs: FaqView[] }>()).faqs;
    const ids = list.map((f) => f.id);
    expect(ids.indexOf(platform.id)).toBeLessThan(ids.indexOf(first.id));
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(ids).not.toContain(hidden.id);
    expect(list.find((f) => f.id === first.id)?.question).toBe('<img src=x onerror=alert(1)>');

    expect((await staff.fetch(`/api/faqs/${first.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await a.client.fetch(`/api/faqs/${hidden.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await a.client.fetch(`/api/faqs/${platform.id}`, { method: 'DELETE' })).status).toBe(403);
    expect(await globalDb(env).select().from(faqs).where(eq(faqs.id, hidden.id)).get()).toMatchObject({ question: 'B의 질문' });
    expect((await a.client.fetch(`/api/faqs/${first.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await op.fetch(`/api/faqs/${platform.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await globalDb(env).select().from(faqs).where(eq(faqs.id, first.id)).get()).toBeUndefined();
  });

  it('validates and writes nothing on bad input', async () => {
    const { org, client } = await orgWithUser('org_admin');
    for (const json of [{ question: '', answer: 'a' }, { question: 'q' }, { question: 'q', answer: 'a', sortOrder: 1.5 }]) {
      expect((await client.fetch('/api/faqs', { method: 'POST', json })).status).toBe(400);
    }
    expect(await globalDb(env).select().from(faqs).where(eq(faqs.orgId, org.id)).all()).toEqual([]);
  });
});
