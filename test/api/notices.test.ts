import { env } from 'cloudflare:workers';
import { eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, notices } from '../../worker/db/schema';
import { login, makeOrg, makeUser, orgWithUser } from '../fixtures/orgs';

type NoticeView = { id: string; urgent: boolean; title: string; body: string; createdAt: number; scope: 'platform' | 'org' };

async function operator() {
  const org = await makeOrg();
  const user = await makeUser(org.id, { role: 'operator' });
  return { org, user, client: await login(org.name, user.loginId) };
}

describe('notices', () => {
  it('shows platform-wide and own-org notices to every user, urgent first then newest, text exactly as typed', async () => {
    const op = await operator();
    const { org, client: admin } = await orgWithUser('org_admin');
    const staffUser = await makeUser(org.id);
    const staff = await login(org.name, staffUser.loginId);

    const platform = await op.client.fetch('/api/notices', { method: 'POST', json: { title: `점검 안내 ${org.id}`, body: '새벽 2시', urgent: false } });
    expect(platform.status).toBe(201);
    const platformNotice = (await platform.json<{ notice: NoticeView }>()).notice;
    expect(platformNotice.scope).toBe('platform');
    const script = '<script>alert("x")</script> & <b>긴급</b>';
    const urgent = (
      await (await admin.fetch('/api/notices', { method: 'POST', json: { title: script, body: '본문\n둘째 줄', urgent: true } })).json<{ notice: NoticeView }>()
    ).notice;
    const normal = (await (await admin.fetch('/api/notices', { method: 'POST', json: { title: '일반', body: '내용' } })).json<{ notice: NoticeView }>()).notice;
    expect(urgent).toMatchObject({ title: script, body: '본문\n둘째 줄', urgent: true, scope: 'org' });

    const res = await staff.fetch('/api/notices');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const list = (await res.json<{ notices: NoticeView[] }>()).notices;
    const mine = list.filter((n) => [urgent.id, normal.id, platformNotice.id].includes(n.id));
    expect(mine.map((n) => n.id)).toEqual([urgent.id, normal.id, platformNotice.id]);
    expect(list.findIndex((n) => !n.urgent)).toBeGreaterThan(list.findLastIndex((n) => n.urgent));
    expect(mine[0]?.title).toBe(script);

    const actions = (await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all()).map((a) => a.action);
    expect(actions.filter((a) => a === 'notice.created')).toHaveLength(2);
    // Clean up the platform notice so other tests' lists stay small.
    expect((await op.client.fetch(`/api/notices/${platformNotice.id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('keeps another org’s notices invisible and undeletable (404), and platform ones undeletable by org admins (403)', async () => {
    const op = await operator();
    const a = await orgWithUser('org_admin');
    const b = await orgWithUser('org_admin');
    const bNotice = (await (await b.client.fetch('/api/notices', { method: 'POST', json: { title: 'B only', body: '비밀' } })).json<{ notice: NoticeView }>())
      .notice;
    const pNotice = (await (await op.client.fetch('/api/notices', { method: 'POST', json: { title: 'all', body: '모두' } })).json<{ notice: NoticeView }>())
      .notice;

    const aList = (await (await a.client.fetch('/api/notices')).json<{ notices: NoticeView[] }>()).notices;
    expect(aList.some((n) => n.id === bNotice.id)).toBe(false);
    expect(aList.some((n) => n.id === pNotice.id)).toBe(true);
    expect((await a.client.fetch(`/api/notices/${bNotice.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await a.client.fetch(`/api/notices/${pNotice.id}`, { method: 'DELETE' })).status).toBe(403);
    // Operators work on platform notices; an org's own stay the org's.
    expect((await op.client.fetch(`/api/notices/${bNotice.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await globalDb(env).select().from(notices).where(eq(notices.id, bNotice.id)).get()).toMatchObject({ orgId: b.org.id, title: 'B only' });
    expect(await globalDb(env).select().from(notices).where(eq(notices.id, pNotice.id)).get()).toMatchObject({ orgId: null });
    await op.client.fetch(`/api/notices/${pNotice.id}`, { method: 'DELETE' });
    expect(await globalDb(env).select().from(notices).where(isNull(notices.orgId)).all()).not.toContainEqual(expect.objectContaining({ id: pNotice.id }));
  });

  it('lets only admins write, and validates', async () => {
    const { org, client } = await orgWithUser('supervisor');
    expect((await client.fetch('/api/notices', { method: 'POST', json: { title: 't', body: 'b' } })).status).toBe(403);
    const admin = await login(org.name, (await makeUser(org.id, { role: 'org_admin' })).loginId);
    for (const json of [
      { title: '', body: 'b' },
      { title: 't', body: '' },
      { title: 't'.repeat(201), body: 'b' },
      { title: 't', body: 'b', urgent: 'yes' },
    ]) {
      expect((await admin.fetch('/api/notices', { method: 'POST', json })).status).toBe(400);
    }
    expect(await globalDb(env).select().from(notices).where(eq(notices.orgId, org.id)).all()).toEqual([]);
  });
});
