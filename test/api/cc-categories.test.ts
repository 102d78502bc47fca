// Consult categories (C7, C11), the contact-center choices (/api/cc/options) and the org's
// contact-center policy (/api/admin/org/contact-center): who reads, who writes, codes, order.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { loadAgentConfig } from '../../worker/db/contact-center-config';
import { auditLog, consultCategories, orgs } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { makeCategory, makeQueue } from '../fixtures/contact-center';
import { login, makeOrg, makeUser } from '../fixtures/orgs';

type ErrorBody = { error: { code: string; fields?: { field: string; code: string; params?: Record<string, number> }[] } };
type Category = { id: string; name: string; sortOrder: number; disabled: boolean };

async function orgWith(role: 'supervisor' | 'org_admin' | 'agent' | 'staff') {
  const org = await makeOrg();
  const user = await makeUser(org.id, { role });
  return { org, user, client: await login(org.name, user.loginId) };
}

describe('consult categories', () => {
  it('adds at the end, renames, switches off, reorders; everyone in the contact center reads them in order', async () => {
    const { org, client } = await orgWith('supervisor');
    const names = ['일반 민원', '복지 상담', '세금·납부'];
    const ids: string[] = [];
    for (const name of names) {
      const res = await client.fetch('/api/cc/categories', { method: 'POST', json: { name } });
      expect(res.status).toBe(201);
      ids.push((await res.json<{ category: Category }>()).category.id);
    }
    const agent = await makeUser(org.id, { role: 'agent' });
    const agentClient = await login(org.name, agent.loginId);
    const read = async () => (await (await agentClient.fetch('/api/cc/categories')).json<{ categories: Category[] }>()).categories;
    expect((await read()).map((c) => [c.name, c.sortOrder])).toEqual([
      ['일반 민원', 0],
      ['복지 상담', 1],
      ['세금·납부', 2],
    ]);

    const patched = await client.fetch(`/api/cc/categories/${ids[1]}`, { method: 'PATCH', json: { name: '복지·돌봄', disabled: true } });
    expect((await patched.json<{ category: Category }>()).category).toEqual({ id: ids[1], name: '복지·돌봄', sortOrder: 1, disabled: true });

    const order = await client.fetch('/api/cc/categories/order', { method: 'PUT', json: { ids: [ids[2], ids[0], ids[1]] } });
    expect(order.status).toBe(200);
    expect((await read()).map((c) => [c.name, c.sortOrder, c.disabled])).toEqual([
      ['세금·납부', 0, false],
      ['일반 민원', 1, false],
      ['복지·돌봄', 2, true],
    ]);
  });

  it('refuses bad input with codes (required, too_long, taken 409, an incomplete or foreign order) and changes nothing', async () => {
    const { org, client } = await orgWith('org_admin');
    const a = await makeCategory(org.id, '일반 민원', { sortOrder: 0 });
    const b = await makeCategory(org.id, '기타', { sortOrder: 1 });
    const foreign = await makeCategory((await makeOrg()).id, '남의 것');
    const before = await globalDb(env).select().from(consultCategories).where(eq(consultCategories.orgId, org.id)).all();

    const cases: [string, string, unknown, number, string, string][] = [
      ['POST', '/api/cc/categories', { name: ' ' }, 400, 'name', 'required'],
      ['POST', '/api/cc/categories', { name: '가'.repeat(51) }, 400, 'name', 'too_long'],
      ['POST', '/api/cc/categories', { name: '기타' }, 409, 'name', 'taken'],
      ['PATCH', `/api/cc/categories/${a}`, { name: '기타' }, 409, 'name', 'taken'],
      ['PATCH', `/api/cc/categories/${a}`, { sortOrder: -1 }, 400, 'sortOrder', 'out_of_range'],
      ['PATCH', `/api/cc/categories/${a}`, { disabled: 'yes' }, 400, 'disabled', 'choice'],
      ['PUT', '/api/cc/categories/order', { ids: [a] }, 400, 'ids', 'invalid'],
      ['PUT', '/api/cc/categories/order', { ids: [a, a] }, 400, 'ids', 'invalid'],
      ['PUT', '/api/cc/categories/order', { ids: [b, foreign] }, 400, 'ids.1', 'not_in_org'],
    ];
    for (const [method, path, json, status, field, code] of cases) {
      const res = await client.fetch(path, { method, json });
      expect(res.status, `${method} ${JSON.stringify(json)}`).toBe(status);
      expect((await res.json<ErrorBody>()).error.fields, `${method} ${JSON.stringify(json)}`).toContainEqual(expect.objectContaining({ field, code }));
    }
    expect(await globalDb(env).select().from(consultCategories).where(eq(consultCategories.orgId, org.id)).all()).toEqual(before);
    expect((await client.fetch(`/api/cc/categories/${foreign}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(404);
  });

  it('agents read but do not write; staff do neither', async () => {
    const { org, client } = await orgWith('agent');
    const id = await makeCategory(org.id, '일반 민원');
    expect((await client.fetch('/api/cc/categories')).status).toBe(200);
    expect((await client.fetch('/api/cc/categories', { method: 'POST', json: { name: '새 업무' } })).status).toBe(403);
    expect((await client.fetch(`/api/cc/categories/${id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(403);
    expect((await client.fetch('/api/cc/categories/order', { method: 'PUT', json: { ids: [id] } })).status).toBe(403);
    const staff = await orgWith('staff');
    expect((await staff.client.fetch('/api/cc/categories')).status).toBe(403);
    expect((await staff.client.fetch('/api/cc/options')).status).toBe(403);
  });
});

describe('contact-center choices', () => {
  it('lists the org’s queues, categories and the agents and supervisors (not staff or admins)', async () => {
    const { org, user, client } = await orgWith('agent');
    const sup = await makeUser(org.id, { role: 'supervisor', name: '가팀장' });
    await makeUser(org.id, { role: 'staff' });
    await makeUser(org.id, { role: 'org_admin' });
    const q = await makeQueue(org.id, { name: '민원상담' });
    const cat = await makeCategory(org.id, '일반 민원');
    const other = await makeOrg();
    await makeQueue(other.id, { name: '민원상담' });
    const res = await (await client.fetch('/api/cc/options')).json<{ queues: unknown[]; categories: Category[]; agents: { id: string; role: string }[] }>();
    expect(res.queues).toEqual([{ id: q, name: '민원상담' }]);
    expect(res.categories.map((c) => c.id)).toEqual([cat]);
    expect(res.agents.map((a) => [a.id, a.role]).sort()).toEqual(
      [
        [sup.id, 'supervisor'],
        [user.id, 'agent'],
      ].sort(),
    );
  });
});

const SETTINGS = {
  agentStateAfterLogin: 'ready',
  agentStateAfterCall: 'break',
  acwLimitSeconds: 45,
  serviceLevelSeconds: 15,
  serviceLevelTargetPercent: 90,
  shortAbandonSeconds: 3,
};

describe('org contact-center policy', () => {
  it('supervisors and org admins read and save it; the Agent object loads it; audit names the fields', async () => {
    for (const role of ['supervisor', 'org_admin'] as const) {
      const { org, client } = await orgWith(role);
      const first = await (await client.fetch('/api/admin/org/contact-center')).json();
      expect(first).toEqual({
        settings: {
          agentStateAfterLogin: 'break',
          agentStateAfterCall: 'acw',
          acwLimitSeconds: null,
          serviceLevelSeconds: 20,
          serviceLevelTargetPercent: 80,
          shortAbandonSeconds: 5,
        },
      });
      const put = await client.fetch('/api/admin/org/contact-center', { method: 'PUT', json: SETTINGS });
      expect(put.status, role).toBe(200);
      expect(await put.json()).toEqual({ settings: SETTINGS });
      expect(await (await client.fetch('/api/admin/org/contact-center')).json()).toEqual({ settings: SETTINGS });
      const agent = await makeUser(org.id, { role: 'agent' });
      expect((await loadAgentConfig(dbFor(env, org.id), agent.id)).org).toEqual({ afterLogin: 'ready', afterCall: 'break', acwLimitSeconds: 45 });
      // Saving the same again changes nothing, and the log says so.
      await client.fetch('/api/admin/org/contact-center', { method: 'PUT', json: SETTINGS });
      const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all();
      expect(audit.filter((a) => a.action === 'org.contact_center_updated').map((a) => a.detail)).toEqual([
        { changed: Object.keys(SETTINGS) },
        { changed: [] },
      ]);
    }
  });

  it('supervisors still cannot touch the org’s other defaults; agents and staff touch none of it', async () => {
    const sup = await orgWith('supervisor');
    expect((await sup.client.fetch('/api/admin/org')).status).toBe(403);
    for (const role of ['agent', 'staff'] as const) {
      const { org, client } = await orgWith(role);
      expect((await client.fetch('/api/admin/org/contact-center')).status).toBe(403);
      expect((await client.fetch('/api/admin/org/contact-center', { method: 'PUT', json: SETTINGS })).status).toBe(403);
      expect(await globalDb(env).select({ s: orgs.serviceLevelSeconds }).from(orgs).where(eq(orgs.id, org.id)).get()).toEqual({ s: 20 });
    }
  });

  it('refuses bad values with codes and saves nothing', async () => {
    const { org, client } = await orgWith('supervisor');
    const before = await globalDb(env).select().from(orgs).where(eq(orgs.id, org.id)).get();
    const bad: [Record<string, unknown>, string, string][] = [
      [{ agentStateAfterLogin: 'acw' }, 'agentStateAfterLogin', 'choice'],
      [{ agentStateAfterCall: 'offline' }, 'agentStateAfterCall', 'choice'],
      [{ acwLimitSeconds: 0 }, 'acwLimitSeconds', 'out_of_range'],
      [{ serviceLevelSeconds: 3601 }, 'serviceLevelSeconds', 'out_of_range'],
      [{ serviceLevelTargetPercent: 100 }, 'serviceLevelTargetPercent', 'out_of_range'],
      [{ shortAbandonSeconds: '5' }, 'shortAbandonSeconds', 'required'],
    ];
    for (const [patch, field, code] of bad) {
      const res = await client.fetch('/api/admin/org/contact-center', { method: 'PUT', json: { ...SETTINGS, ...patch } });
      expect(res.status, field).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields).toContainEqual(expect.objectContaining({ field, code }));
    }
    expect(await globalDb(env).select().from(orgs).where(eq(orgs.id, org.id)).get()).toEqual(before);
  });

  it('the org defaults PUT may leave the service level out, keeping it (the policy above owns it too)', async () => {
    const { org, client } = await orgWith('org_admin');
    await client.fetch('/api/admin/org/contact-center', { method: 'PUT', json: SETTINGS });
    const res = await client.fetch('/api/admin/org', {
      method: 'PUT',
      json: {
        org: { timezone: 'Asia/Seoul', recordingEnabled: false, recordingRetentionDays: 90, recordingNoticeText: null },
        schedule: { workStartTime: '09:00', workEndTime: '18:00', weekdays: 31, lunchStartTime: null, lunchEndTime: null },
      },
    });
    expect(res.status).toBe(200);
    expect((await res.json<{ org: { serviceLevelSeconds: number } }>()).org.serviceLevelSeconds).toBe(15);
    expect(await globalDb(env).select({ s: orgs.serviceLevelSeconds }).from(orgs).where(eq(orgs.id, org.id)).get()).toEqual({ s: 15 });
  });
});
