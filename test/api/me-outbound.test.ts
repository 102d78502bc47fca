// POST /api/me/outbound-calls (S11 a): the destination policy's field codes, the states that keep a
// call from being placed (409 with their code), roles, a disabled user, and another org: nothing of
// it is used (its access number, its staff's history).
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, calls, users, virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { contractAnswer } from '../fixtures/contract';
import { login, makeOrg, makeUser } from '../fixtures/orgs';
import { randomNumber } from '../fixtures/telnyx-events';

async function setup(opts: { mobile?: boolean; safeNumber?: boolean; access?: boolean; role?: 'staff' | 'agent' | 'org_admin' } = {}) {
  const org = await makeOrg();
  const user = await makeUser(org.id, { role: opts.role ?? 'staff' });
  const db = globalDb(env);
  if (opts.mobile !== false)
    await db
      .update(users)
      .set({ mobile: randomNumber('+8210') })
      .where(eq(users.id, user.id));
  if (opts.safeNumber !== false)
    await db.insert(virtualNumbers).values({ id: newId('num'), orgId: org.id, e164: randomNumber('+82505'), ownerUserId: user.id });
  const access = randomNumber('+82505');
  if (opts.access !== false) await db.insert(virtualNumbers).values({ id: newId('num'), orgId: org.id, e164: access, kind: 'access' });
  return { org, user, access, client: await login(org.name, user.loginId) };
}

const call = (client: Awaited<ReturnType<typeof setup>>['client'], to: unknown) => client.fetch('/api/me/outbound-calls', { method: 'POST', json: { to } });

describe('POST /api/me/outbound-calls', () => {
  it('refuses what the destination policy refuses with the field code, and places nothing', async () => {
    const { client, org } = await setup();
    const cases: [unknown, string][] = [
      ['+1 202 555 0123', 'not_dialable'],
      ['060-700-1234', 'not_dialable'],
      ['114', 'phone'], // a short code is no subscriber number at all
      ['0505-123-4567', 'not_dialable'],
      ['전화번호', 'phone'],
      [12, 'phone'],
    ];
    for (const [to, code] of cases) {
      const res = await call(client, to);
      expect(res.status, String(to)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid', fields: [{ field: 'to', code }] } });
    }
    const missing = await client.fetch('/api/me/outbound-calls', { method: 'POST', json: {} });
    expect(await missing.json()).toMatchObject({ error: { fields: [{ field: 'to', code: 'required' }] } });
    expect(await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all()).not.toContainEqual(
      expect.objectContaining({ action: 'outbound.call' }),
    );
  });

  it('answers 409 with the reason when the mobile, the caller ID or the org’s access number is missing', async () => {
    expect(await (await call((await setup({ mobile: false })).client, '010-2345-6789')).json()).toMatchObject({ error: { code: 'no_mobile' } });
    expect(await (await call((await setup({ safeNumber: false })).client, '010-2345-6789')).json()).toMatchObject({ error: { code: 'no_caller_id' } });
    const noAccess = await call((await setup({ access: false })).client, '010-2345-6789');
    expect(noAccess.status).toBe(409);
    expect(await noAccess.json()).toMatchObject({ error: { code: 'no_access_number' } });
  });

  it('another org’s access number is never used, and its staff never see the call', async () => {
    const a = await setup();
    const b = await setup({ access: false });
    // Org B has no access number of its own: org A's is not borrowed.
    expect(await (await call(b.client, '010-2345-6789')).json()).toMatchObject({ error: { code: 'no_access_number' } });
    const res = await call(a.client, '010-2345-6789');
    expect(res.status).toBe(202);
    const { callSessionId } = contractAnswer('POST /api/me/outbound-calls', await res.json());
    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.targetId, callSessionId)).all();
    expect(audit).toEqual([expect.objectContaining({ orgId: a.org.id, action: 'outbound.call' })]);
    // The audit names the call, never the citizen's number.
    expect(JSON.stringify(audit)).not.toContain('2345');
    const rows = await globalDb(env).select().from(calls).where(eq(calls.orgId, b.org.id)).all();
    expect(rows).toEqual([]);
  });

  it('is not for agents (they have /api/cc/outbound), and a disabled user is logged out', async () => {
    const agent = await setup({ role: 'agent' });
    expect((await call(agent.client, '010-2345-6789')).status).toBe(403);
    const s = await setup();
    await globalDb(env).update(users).set({ disabled: true }).where(eq(users.id, s.user.id));
    const res = await call(s.client, '010-2345-6789');
    expect(res.status).toBe(401);
  });
});
