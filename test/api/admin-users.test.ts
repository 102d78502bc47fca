import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../worker/auth/password';
import { globalDb } from '../../worker/db/client';
import { auditLog, sessions, users } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { insertTeam } from '../../worker/db/teams';
import { login, makeUser, orgWithUser, request } from '../fixtures/orgs';

type AdminUser = {
  id: string;
  loginId: string;
  name: string;
  role: string;
  teamId: string | null;
  mobile: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: number;
};
type ErrorBody = { error: { code: string; fields?: { field: string; message: string }[] } };

const readUser = (id: string) => globalDb(env).select().from(users).where(eq(users.id, id)).get();
const auditActions = async (orgId: string) => (await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, orgId)).all()).map((r) => r.action);

describe('issuing accounts', () => {
  it('creates a user with an initial password that works, must be changed, and is audited', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const team = await insertTeam(dbFor(env, org.id), '민원팀');
    const res = await client.fetch('/api/admin/users', {
      method: 'POST',
      json: { loginId: '05012345678', name: '김상담', role: 'staff', teamId: team.id, mobile: '010-2345-6789', password: 'Init1al!' },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain('pbkdf2');
    const { user } = JSON.parse(text) as { user: AdminUser };
    expect(user).toMatchObject({
      loginId: '05012345678',
      name: '김상담',
      role: 'staff',
      teamId: team.id,
      mobile: '+821023456789',
      disabled: false,
      mustChangePassword: true,
    });

    const row = await readUser(user.id);
    expect(row?.orgId).toBe(org.id);
    expect(await verifyPassword('Init1al!', row?.passwordHash ?? '')).toBe(true);
    const res2 = await request('/api/auth/login', { method: 'POST', json: { org: org.name, loginId: '05012345678', password: 'Init1al!' } });
    expect(res2.status).toBe(200);
    expect((await res2.json<{ user: { mustChangePassword: boolean } }>()).user.mustChangePassword).toBe(true);
    expect(await auditActions(org.id)).toContain('account.issued');
    const issued = await globalDb(env).select().from(auditLog).where(eq(auditLog.action, 'account.issued')).all();
    expect(JSON.stringify(issued)).not.toContain('Init1al!');
  });

  it('answers 409 when the login ID is taken in the org, but allows it in another org', async () => {
    const a = await orgWithUser('org_admin');
    const b = await orgWithUser('org_admin');
    await makeUser(a.org.id, { loginId: '05011112222' });
    const body = { loginId: '05011112222', name: '이중복', role: 'staff', password: 'Init1al!' };
    const dup = await a.client.fetch('/api/admin/users', { method: 'POST', json: body });
    expect(dup.status).toBe(409);
    expect((await dup.json<ErrorBody>()).error.fields?.[0]?.field).toBe('loginId');
    expect((await b.client.fetch('/api/admin/users', { method: 'POST', json: body })).status).toBe(201);
  });

  it('validates every field with field errors and creates nothing', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const before = (await globalDb(env).select().from(users).where(eq(users.orgId, org.id)).all()).length;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ loginId: 'has space', name: 'n', role: 'staff', password: 'Init1al!' }, ['loginId']],
      [{ loginId: 'x'.repeat(33), name: 'n', role: 'staff', password: 'Init1al!' }, ['loginId']],
      [{ loginId: '', name: 'n', role: 'staff', password: 'Init1al!' }, ['loginId']],
      [{ loginId: 'ok1', name: '', role: 'staff', password: 'Init1al!' }, ['name']],
      [{ loginId: 'ok2', name: 'n', role: 'boss', password: 'Init1al!' }, ['role']],
      [{ loginId: 'ok3', name: 'n', role: 'staff', password: 'short' }, ['password']],
      [{ loginId: 'ok4', name: 'n', role: 'staff', password: 'letters1only' }, ['password']],
      [{ loginId: 'ok5', name: 'n', role: 'staff', password: 'Init1al!', mobile: '12' }, ['mobile']],
      [{ loginId: 'ok6', name: 'n', role: 'staff', password: 'Init1al!', teamId: 'team_nope' }, ['teamId']],
      [{}, ['loginId', 'name', 'password', 'role']],
    ];
    for (const [json, fields] of cases) {
      const res = await client.fetch('/api/admin/users', { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      const text = await res.text();
      expect(((JSON.parse(text) as ErrorBody).error.fields ?? []).map((f) => f.field).sort()).toEqual(fields);
      expect(text).not.toContain('Init1al!');
    }
    expect((await globalDb(env).select().from(users).where(eq(users.orgId, org.id)).all()).length).toBe(before);
  });

  it('an org admin cannot grant the operator role; an operator can', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const body = { loginId: 'op1', name: '운영자', role: 'operator', password: 'Init1al!' };
    expect((await client.fetch('/api/admin/users', { method: 'POST', json: body })).status).toBe(403);
    expect(await globalDb(env).select().from(users).where(eq(users.loginId, 'op1')).get()).toBeUndefined();
    const staff = await makeUser(org.id);
    expect((await client.fetch(`/api/admin/users/${staff.id}`, { method: 'PATCH', json: { role: 'operator' } })).status).toBe(403);
    expect((await readUser(staff.id))?.role).toBe('staff');

    const operator = await makeUser(org.id, { role: 'operator' });
    const op = await login(org.name, operator.loginId);
    expect((await op.fetch('/api/admin/users', { method: 'POST', json: { ...body, loginId: `op-${crypto.randomUUID().slice(0, 8)}` } })).status).toBe(201);
    // …and an org admin cannot touch an operator's account.
    expect((await client.fetch(`/api/admin/users/${operator.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(403);
    expect((await client.fetch(`/api/admin/users/${operator.id}/password`, { method: 'POST', json: { password: 'Hijack1!' } })).status).toBe(403);
    expect((await readUser(operator.id))?.disabled).toBe(false);
  });
});

describe('listing users', () => {
  it('filters by text, role and team, and never shows password hashes', async () => {
    const { org, user: admin, client } = await orgWithUser('org_admin');
    const team = await insertTeam(dbFor(env, org.id), '콜센터');
    const a = await makeUser(org.id, { loginId: '05099990001', name: '박상담', role: 'agent', teamId: team.id });
    const b = await makeUser(org.id, { loginId: '05099990002', name: '최직원', role: 'staff' });
    const all = await client.fetch('/api/admin/users');
    const text = await all.text();
    expect(text).not.toContain('pbkdf2');
    expect(text).not.toContain('passwordHash');
    expect((JSON.parse(text) as { users: AdminUser[] }).users.map((u) => u.id).sort()).toEqual([admin.id, a.id, b.id].sort());

    const ids = async (qs: string) => (await (await client.fetch(`/api/admin/users?${qs}`)).json<{ users: AdminUser[] }>()).users.map((u) => u.id);
    expect(await ids('q=최직')).toEqual([b.id]);
    expect(await ids('q=99990001')).toEqual([a.id]);
    expect(await ids('role=agent')).toEqual([a.id]);
    expect(await ids(`teamId=${team.id}`)).toEqual([a.id]);
    expect(await ids('q=%25')).toEqual([]); // a literal % is not a wildcard
    expect((await client.fetch('/api/admin/users?role=boss')).status).toBe(400);
  });
});

describe('changing accounts', () => {
  it('changes name, role, team and mobile (stamping when the mobile changed), audited without values', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const team = await insertTeam(dbFor(env, org.id), '복지팀');
    const u = await makeUser(org.id);
    const res = await client.fetch(`/api/admin/users/${u.id}`, {
      method: 'PATCH',
      json: { name: '새이름', role: 'supervisor', teamId: team.id, mobile: '01055556666' },
    });
    expect(res.status).toBe(200);
    expect((await res.json<{ user: AdminUser }>()).user).toMatchObject({ name: '새이름', role: 'supervisor', teamId: team.id, mobile: '+821055556666' });
    const row = await readUser(u.id);
    expect(row?.mobileChangedAt).toBeGreaterThan(0);
    const entry = await globalDb(env).select().from(auditLog).where(eq(auditLog.targetId, u.id)).get();
    expect(entry?.action).toBe('account.updated');
    expect(JSON.stringify(entry?.detail)).not.toContain('5555');

    const cleared = await client.fetch(`/api/admin/users/${u.id}`, { method: 'PATCH', json: { teamId: null, mobile: null } });
    expect((await cleared.json<{ user: AdminUser }>()).user).toMatchObject({ teamId: null, mobile: null });
  });

  it('disabling ends the user’s sessions and blocks login; re-enabling lets them back', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const u = await makeUser(org.id);
    const victim = await login(org.name, u.loginId);
    expect((await victim.fetch('/api/me')).status).toBe(200);

    const res = await client.fetch(`/api/admin/users/${u.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await res.json<{ user: AdminUser }>()).user.disabled).toBe(true);
    expect(await globalDb(env).select().from(sessions).where(eq(sessions.userId, u.id)).all()).toEqual([]);
    expect((await victim.fetch('/api/me')).status).toBe(401);
    await expect(login(org.name, u.loginId)).rejects.toThrow(/401/);
    expect(await auditActions(org.id)).toContain('account.disabled');

    await client.fetch(`/api/admin/users/${u.id}`, { method: 'PATCH', json: { disabled: false } });
    expect((await (await login(org.name, u.loginId)).fetch('/api/me')).status).toBe(200);
  });

  it('an admin cannot disable or demote themself', async () => {
    const { user: admin, client } = await orgWithUser('org_admin');
    expect((await client.fetch(`/api/admin/users/${admin.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(403);
    expect((await client.fetch(`/api/admin/users/${admin.id}`, { method: 'PATCH', json: { role: 'staff' } })).status).toBe(403);
    const row = await readUser(admin.id);
    expect(row).toMatchObject({ disabled: false, role: 'org_admin' });
    // Renaming oneself is fine.
    expect((await client.fetch(`/api/admin/users/${admin.id}`, { method: 'PATCH', json: { name: '관리자', role: 'org_admin' } })).status).toBe(200);
  });

  it('validates the patch and changes nothing on failure', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const u = await makeUser(org.id, { name: '그대로' });
    for (const [json, field] of [
      [{ name: '' }, 'name'],
      [{ disabled: 'yes' }, 'disabled'],
      [{ mobile: 'abc' }, 'mobile'],
      [{ teamId: 'team_nope' }, 'teamId'],
      [{ role: 'root' }, 'role'],
    ] as const) {
      const res = await client.fetch(`/api/admin/users/${u.id}`, { method: 'PATCH', json });
      expect(res.status).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields?.map((f) => f.field)).toEqual([field]);
    }
    expect(await readUser(u.id)).toMatchObject({ name: '그대로', disabled: false, role: 'staff', teamId: null, mobile: null });
    expect((await client.fetch('/api/admin/users/usr_nope', { method: 'PATCH', json: { name: 'x' } })).status).toBe(404);
  });
});

describe('password reset', () => {
  it('sets a new password the user must change, ends their sessions and is audited', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const u = await makeUser(org.id);
    const victim = await login(org.name, u.loginId);
    const res = await client.fetch(`/api/admin/users/${u.id}/password`, { method: 'POST', json: { password: 'Reset99#' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect((await victim.fetch('/api/me')).status).toBe(401);
    const row = await readUser(u.id);
    expect(row?.mustChangePassword).toBe(true);
    expect(await verifyPassword('Reset99#', row?.passwordHash ?? '')).toBe(true);
    expect(await auditActions(org.id)).toContain('password.reset');
  });

  it('enforces the password policy', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const u = await makeUser(org.id);
    const before = (await readUser(u.id))?.passwordHash;
    const res = await client.fetch(`/api/admin/users/${u.id}/password`, { method: 'POST', json: { password: 'abcdef' } });
    expect(res.status).toBe(400);
    expect((await res.json<ErrorBody>()).error.fields?.map((f) => f.field)).toEqual(['password']);
    expect((await readUser(u.id))?.passwordHash).toBe(before);
  });
});

describe('roles', () => {
  it('staff, agents and supervisors get 403 on every admin user route and change nothing', async () => {
    const { org } = await orgWithUser('org_admin');
    const target = await makeUser(org.id, { name: '대상' });
    for (const role of ['staff', 'agent', 'supervisor'] as const) {
      const u = await makeUser(org.id, { role });
      const client = await login(org.name, u.loginId);
      expect((await client.fetch('/api/admin/users')).status).toBe(403);
      expect(
        (await client.fetch('/api/admin/users', { method: 'POST', json: { loginId: `x${role}`, name: 'x', role: 'staff', password: 'Init1al!' } })).status,
      ).toBe(403);
      expect((await client.fetch(`/api/admin/users/${target.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(403);
      expect((await client.fetch(`/api/admin/users/${target.id}/password`, { method: 'POST', json: { password: 'Reset99#' } })).status).toBe(403);
    }
    const row = await readUser(target.id);
    expect(row).toMatchObject({ name: '대상', disabled: false, mustChangePassword: false });
    expect((await request('/api/admin/users')).status).toBe(401);
  });
});
