import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, users } from '../../worker/db/schema';
import { DEFAULT_PASSWORD, login, orgWithUser, request } from '../fixtures/orgs';

type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

describe('profile', () => {
  it('saves the SMS sender and caller ID as E.164 after the password is re-entered, in the /api/me shape', async () => {
    const { org, user, client } = await orgWithUser('staff');
    const res = await client.fetch('/api/me/profile', {
      method: 'PUT',
      json: { password: DEFAULT_PASSWORD, smsSender: '050-1234-5678', outboundCallerId: '02-123-4567' },
    });
    expect(res.status).toBe(200);
    const body = await res.json<{ user: Record<string, unknown> }>();
    expect(body.user).toMatchObject({ id: user.id, smsSender: '+825012345678', outboundCallerId: '+8221234567' });
    const me = await (await client.fetch('/api/me')).json<{ user: Record<string, unknown> }>();
    expect(body.user).toEqual(me.user);
    expect(JSON.stringify(body)).not.toContain('pbkdf2');

    // Left out = unchanged; null clears.
    const cleared = await client.fetch('/api/me/profile', { method: 'PUT', json: { password: DEFAULT_PASSWORD, smsSender: null } });
    expect(await cleared.json()).toMatchObject({ user: { smsSender: null, outboundCallerId: '+8221234567' } });

    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all();
    const updates = audit.filter((a) => a.action === 'profile.updated');
    expect(updates.map((a) => a.detail)).toEqual([{ changed: ['smsSender', 'outboundCallerId'] }, { changed: ['smsSender'] }]);
    expect(JSON.stringify(audit)).not.toContain('12345678');
  });

  it('refuses a wrong password as a field error on `password`, changing nothing', async () => {
    const { user, client } = await orgWithUser('agent');
    const res = await client.fetch('/api/me/profile', { method: 'PUT', json: { password: 'Wrong0rd!', smsSender: '050-1234-5678' } });
    expect(res.status).toBe(400);
    expect((await res.json<ErrorBody>()).error).toMatchObject({ code: 'invalid', fields: [{ field: 'password' }] });
    expect(await globalDb(env).select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ smsSender: null });
  });

  it('refuses numbers that are not valid Korean numbers, and a missing password', async () => {
    const { user, client } = await orgWithUser('staff');
    const cases: [Record<string, unknown>, string][] = [
      [{ password: DEFAULT_PASSWORD, smsSender: '1234' }, 'smsSender'],
      [{ password: DEFAULT_PASSWORD, outboundCallerId: '+1 202 555 0100' }, 'outboundCallerId'],
      [{ smsSender: '050-1234-5678' }, 'password'],
    ];
    for (const [json, field] of cases) {
      const res = await client.fetch('/api/me/profile', { method: 'PUT', json });
      expect(res.status, field).toBe(400);
      const body = await res.json<ErrorBody>();
      expect(body.error.fields?.map((f) => f.field)).toContain(field);
      expect(JSON.stringify(body)).not.toContain('555');
    }
    expect(await globalDb(env).select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ smsSender: null, outboundCallerId: null });
  });

  it('answers 429 after five wrong re-entries, even to the right password, without locking the login', async () => {
    const { org, user, client } = await orgWithUser('staff');
    for (let i = 0; i < 5; i++) {
      expect((await client.fetch('/api/me/profile', { method: 'PUT', json: { password: 'Wrong0rd!', smsSender: null } })).status).toBe(400);
    }
    const blocked = await client.fetch('/api/me/profile', { method: 'PUT', json: { password: DEFAULT_PASSWORD, smsSender: '050-1234-5678' } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(await globalDb(env).select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ smsSender: null });
    expect((await login(org.name, user.loginId)).cookie).toMatch(/^sid=/);
  });

  it('needs a session', async () => {
    expect((await request('/api/me/profile', { method: 'PUT', json: { password: 'x' } })).status).toBe(401);
  });
});
