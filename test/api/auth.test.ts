import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, loginThrottle, sessions, users } from '../../worker/db/schema';
import { DEFAULT_PASSWORD, login, makeOrg, makeUser, request } from '../fixtures/orgs';
import { staffWithNumber } from '../fixtures/staff';

const post = (path: string, json: unknown, extra: { cookie?: string; ip?: string } = {}) => request(path, { method: 'POST', json, ...extra });

describe('login', () => {
  it('logs in with organisation, login ID and password, and /api/me knows the user', async () => {
    const org = await makeOrg('서울특별시 테스트구');
    const user = await makeUser(org.id, { loginId: '05012345678', name: '김민원' });
    const res = await post('/api/auth/login', { org: org.name, loginId: '05012345678', password: DEFAULT_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await res.json<{ user: { id: string; name: string } }>();
    expect(body.user).toMatchObject({ id: user.id, name: '김민원' });
    expect(JSON.stringify(body)).not.toContain('pbkdf2');

    const me = await request('/api/me', { cookie: cookie.split(';')[0] });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { loginId: '05012345678', role: 'staff' }, org: { name: org.name } });
  });

  it('refuses a wrong password, an unknown user, an unknown org and a wrong-case login ID alike', async () => {
    const org = await makeOrg();
    await makeUser(org.id, { loginId: 'Agent01' });
    const attempts = [
      { org: org.name, loginId: 'Agent01', password: 'Wrong0rd!' },
      { org: org.name, loginId: 'nobody', password: DEFAULT_PASSWORD },
      { org: 'no such org', loginId: 'Agent01', password: DEFAULT_PASSWORD },
      { org: org.name, loginId: 'agent01', password: DEFAULT_PASSWORD },
      { org: org.name, loginId: 'Agent01', password: DEFAULT_PASSWORD.toLowerCase() },
    ];
    for (const attempt of attempts) {
      const res = await post('/api/auth/login', attempt);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toEqual({ error: { code: 'bad_credentials', message: expect.any(String) } });
    }
  });

  it('refuses a disabled user', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    await globalDb(env).update(users).set({ disabled: true }).where(eq(users.id, user.id));
    const res = await post('/api/auth/login', { org: org.name, loginId: user.loginId, password: DEFAULT_PASSWORD });
    expect(res.status).toBe(401);
  });

  it('writes login and failed login to the audit log, never the password', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    await post('/api/auth/login', { org: org.name, loginId: user.loginId, password: 'Wrong0rd!' });
    await login(org.name, user.loginId);
    const rows = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all();
    expect(rows.map((r) => r.action).sort()).toEqual(['login', 'login.failed']);
    expect(JSON.stringify(rows)).not.toContain('Wrong0rd');
  });
});

describe('throttling', () => {
  it('answers 429 after five failures for one account, even with the right password, and names no account', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    for (let i = 0; i < 5; i++) {
      const res = await post('/api/auth/login', { org: org.name, loginId: user.loginId, password: 'Wrong0rd!' }, { ip: `10.9.0.${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await post('/api/auth/login', { org: org.name, loginId: user.loginId, password: DEFAULT_PASSWORD }, { ip: '10.9.1.1' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect((await blocked.json<{ error: { code: string } }>()).error.code).toBe('throttled');

    // Another account of the same org is unaffected.
    const other = await makeUser(org.id);
    expect((await post('/api/auth/login', { org: org.name, loginId: other.loginId, password: DEFAULT_PASSWORD })).status).toBe(200);
  });

  it('answers 429 to one client that tries many accounts', async () => {
    const org = await makeOrg();
    const ip = '10.77.0.1';
    for (let i = 0; i < 20; i++) {
      await post('/api/auth/login', { org: org.name, loginId: `guess${i}`, password: 'Wrong0rd!' }, { ip });
    }
    const user = await makeUser(org.id);
    const res = await post('/api/auth/login', { org: org.name, loginId: user.loginId, password: DEFAULT_PASSWORD }, { ip });
    expect(res.status).toBe(429);
    const elsewhere = await post('/api/auth/login', { org: org.name, loginId: user.loginId, password: DEFAULT_PASSWORD }, { ip: '10.77.0.2' });
    expect(elsewhere.status).toBe(200);
  });
});

describe('GET /api/me', () => {
  it('says whether the user owns a safe number, so the app offers its screens only then', async () => {
    const s = await staffWithNumber();
    expect(await (await s.client.fetch('/api/me')).json()).toMatchObject({ user: { id: s.owner.id }, safeNumber: true });
    const admin = await makeUser(s.org.id, { role: 'org_admin' });
    const adminClient = await login(s.org.name, admin.loginId);
    expect(await (await adminClient.fetch('/api/me')).json()).toMatchObject({ user: { id: admin.id, role: 'org_admin' }, safeNumber: false });
  });
});

describe('sessions', () => {
  it('logout ends the session for good', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const client = await login(org.name, user.loginId);
    expect((await client.fetch('/api/me')).status).toBe(200);
    const out = await client.fetch('/api/auth/logout', { method: 'POST' });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/sid=;/);
    expect((await client.fetch('/api/me')).status).toBe(401);
  });

  it('an expired session is refused', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const client = await login(org.name, user.loginId);
    await globalDb(env)
      .update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.userId, user.id));
    const res = await client.fetch('/api/me');
    expect(res.status).toBe(401);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('unauthorized');
  });

  it('a forged cookie is refused', async () => {
    expect((await request('/api/me', { cookie: 'sid=forged' })).status).toBe(401);
    expect((await request('/api/me')).status).toBe(401);
  });

  it('disabling a user ends their live session', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const client = await login(org.name, user.loginId);
    await globalDb(env).update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect((await client.fetch('/api/me')).status).toBe(401);
  });
});

describe('password change', () => {
  it('enforces the policy with field errors and changes nothing on failure', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const client = await login(org.name, user.loginId);
    const bad = ['ab1!', 'abc!', 'onlyletters!', 'letters1234', '12345678!', 'waytoolongpassword123!', 'has space1!'];
    for (const newPassword of bad) {
      const res = await client.fetch('/api/me/password', { method: 'POST', json: { currentPassword: DEFAULT_PASSWORD, newPassword } });
      expect(res.status, newPassword).toBe(400);
      const body = await res.json<{ error: { fields: { field: string }[] } }>();
      expect(body.error.fields.map((f) => f.field)).toContain('newPassword');
      expect(JSON.stringify(body)).not.toContain(newPassword);
    }
    // The old password still works: nothing changed.
    await login(org.name, user.loginId);
  });

  it('requires the current password, then signs out other sessions but keeps this one', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const phone = await login(org.name, user.loginId);
    const desk = await login(org.name, user.loginId);
    const wrong = await desk.fetch('/api/me/password', { method: 'POST', json: { currentPassword: 'Nope123!', newPassword: 'New-pass1' } });
    expect(wrong.status).toBe(400);
    const ok = await desk.fetch('/api/me/password', { method: 'POST', json: { currentPassword: DEFAULT_PASSWORD, newPassword: 'New-pass1' } });
    expect(ok.status).toBe(200);
    expect((await desk.fetch('/api/me')).status).toBe(200);
    expect((await phone.fetch('/api/me')).status).toBe(401);
    await login(org.name, user.loginId, 'New-pass1');
    const old = await post('/api/auth/login', { org: org.name, loginId: user.loginId, password: DEFAULT_PASSWORD });
    expect(old.status).toBe(401);
  });

  it('shares the password throttle: the 6th wrong current password is 429, and the right one is refused until the window passes', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const client = await login(org.name, user.loginId);
    const change = (currentPassword: string) => client.fetch('/api/me/password', { method: 'POST', json: { currentPassword, newPassword: 'New-pass1' } });
    for (let i = 0; i < 5; i++) {
      const wrong = await change(`Guess${i}!x`);
      expect(wrong.status).toBe(400);
      expect((await wrong.json<{ error: { fields: unknown[] } }>()).error.fields).toEqual([
        { field: 'currentPassword', code: 'password_wrong', message: expect.any(String) },
      ]);
    }
    const sixth = await change('Guess5!x');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('900');
    expect((await sixth.json<{ error: { code: string } }>()).error.code).toBe('throttled');
    const right = await change(DEFAULT_PASSWORD);
    expect(right.status).toBe(429);
    const stored = await globalDb(env).select().from(users).where(eq(users.id, user.id)).get();
    expect(stored?.passwordHash).toBe(user.passwordHash);
    expect((await client.fetch('/api/me')).status).toBe(200);

    // The window passes (its start moves 15 minutes back): the right password goes through.
    await globalDb(env)
      .update(loginThrottle)
      .set({ windowStartedAt: Date.now() - 15 * 60 * 1000 - 1 })
      .where(eq(loginThrottle.key, `reentry:${user.id}`));
    expect((await change(DEFAULT_PASSWORD)).status).toBe(200);
    await login(org.name, user.loginId, 'New-pass1');
  });

  it('counts wrong passwords on the profile and the password change together', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const client = await login(org.name, user.loginId);
    for (let i = 0; i < 3; i++) {
      expect((await client.fetch('/api/me/profile', { method: 'PUT', json: { password: 'Wrong0rd!', smsSender: null } })).status).toBe(400);
    }
    for (let i = 0; i < 2; i++) {
      expect((await client.fetch('/api/me/password', { method: 'POST', json: { currentPassword: 'Wrong0rd!', newPassword: 'New-pass1' } })).status).toBe(400);
    }
    expect((await client.fetch('/api/me/password', { method: 'POST', json: { currentPassword: DEFAULT_PASSWORD, newPassword: 'New-pass1' } })).status).toBe(
      429,
    );
    expect((await client.fetch('/api/me/profile', { method: 'PUT', json: { password: DEFAULT_PASSWORD, smsSender: null } })).status).toBe(429);
  });
});
