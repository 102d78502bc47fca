// Change the linked mobile (S8): password again, Korean numbers only, refused for 24 hours after a
// change with the time left, and the next call rings the new mobile.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, users } from '../../worker/db/schema';
import { runCall } from '../fixtures/calls';
import { DEFAULT_PASSWORD } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

type MobileAnswer = { mobile: { masked: string } | null; changedAt: number | null; nextChangeAt: number | null };
type ErrorBody = { error: { code: string; fields: { field: string; code: string; params?: Record<string, number> }[] } };

describe('/api/me/mobile', () => {
  it('changes the mobile after the password, masks it, and the next call rings it', async () => {
    const s = await staffWithNumber({ mobile: '+821011112222' });
    expect(await (await s.client.fetch('/api/me/mobile')).json()).toEqual({ mobile: { masked: '010-****-2222' }, changedAt: null, nextChangeAt: null });
    const res = await s.client.fetch('/api/me/mobile', { method: 'PUT', json: { password: DEFAULT_PASSWORD, mobile: '010 3333 4444' } });
    expect(res.status).toBe(200);
    const answer = await res.json<MobileAnswer>();
    expect(answer.mobile).toEqual({ masked: '010-****-4444' });
    expect(answer.nextChangeAt).toBe(answer.changedAt! + 24 * 3_600_000);
    const row = await globalDb(env).select().from(users).where(eq(users.id, s.owner.id)).get();
    expect(row?.mobile).toBe('+821033334444');
    const run = await runCall({ to: s.e164, callee: { number: '+821033334444', answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
    expect(run.record?.outcome).toBe('connected');
    // The audit names the change, not the numbers.
    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, s.org.id)).all();
    const entry = audit.find((a) => a.action === 'mobile.changed');
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain('3333');
  });

  it('refuses another change within 24 hours, saying how long is left, even with the right password', async () => {
    const s = await staffWithNumber();
    const changedAt = Date.now() - (2 * 60 + 30) * 60_000; // 2 h 30 min ago → 21 h 30 min left
    await globalDb(env).update(users).set({ mobileChangedAt: changedAt }).where(eq(users.id, s.owner.id));
    const res = await s.client.fetch('/api/me/mobile', { method: 'PUT', json: { password: DEFAULT_PASSWORD, mobile: '010-7777-8888' } });
    expect(res.status).toBe(400);
    const field = (await res.json<ErrorBody>()).error.fields[0]!;
    expect(field).toMatchObject({ field: 'mobile', code: 'mobile_change_wait' });
    const left = (field.params?.hours ?? 0) * 60 + (field.params?.minutes ?? 0);
    expect(left).toBeGreaterThanOrEqual(21 * 60 + 29);
    expect(left).toBeLessThanOrEqual(21 * 60 + 30);
    expect(await (await s.client.fetch('/api/me/mobile')).json()).toMatchObject({ nextChangeAt: changedAt + 24 * 3_600_000 });
    // A day later it may change.
    await globalDb(env)
      .update(users)
      .set({ mobileChangedAt: Date.now() - 24 * 3_600_000 - 1000 })
      .where(eq(users.id, s.owner.id));
    expect((await s.client.fetch('/api/me/mobile', { method: 'PUT', json: { password: DEFAULT_PASSWORD, mobile: '010-7777-8888' } })).status).toBe(200);
  });

  it('a wrong password, the same number, or a foreign number changes nothing', async () => {
    const s = await staffWithNumber({ mobile: '+821011112222' });
    const put = (json: unknown) => s.client.fetch('/api/me/mobile', { method: 'PUT', json });
    const field = async (res: Response) => (await res.json<ErrorBody>()).error.fields[0];
    expect(await field(await put({ password: 'wrong-Pass1!', mobile: '010-3333-4444' }))).toMatchObject({ field: 'password', code: 'password_wrong' });
    expect(await field(await put({ password: DEFAULT_PASSWORD, mobile: '010-1111-2222' }))).toMatchObject({ field: 'mobile', code: 'unchanged' });
    expect(await field(await put({ password: DEFAULT_PASSWORD, mobile: '+1 212 555 0100' }))).toMatchObject({ field: 'mobile', code: 'not_mobile' });
    expect(await field(await put({ password: DEFAULT_PASSWORD, mobile: 'abc' }))).toMatchObject({ field: 'mobile', code: 'phone' });
    expect(await field(await put({ password: '', mobile: '010-3333-4444' }))).toMatchObject({ field: 'password', code: 'required' });
    const row = await globalDb(env).select().from(users).where(eq(users.id, s.owner.id)).get();
    expect(row).toMatchObject({ mobile: '+821011112222', mobileChangedAt: null });
  });
});
