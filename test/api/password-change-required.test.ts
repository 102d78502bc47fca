// A user who must change their password (an admin made by create-org, an issued or reset account)
// can do nothing else on the server until they have (issue 7.4): every route of the app, enumerated
// like the cross-tenant matrix, answers 403 `password_change_required` and changes nothing, except
// the few a user needs to get there. The same request goes through once the flag is cleared.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { users } from '../../worker/db/schema';
import { apiRoutes, caseRequest } from '../fixtures/api-routes';
import { dumpOrg } from '../fixtures/org-dump';
import { DEFAULT_PASSWORD, login, request } from '../fixtures/orgs';
import { seedOrg, TENANCY_CASES, type Seeded, type World } from '../fixtures/tenancy-cases';

/** What stays open while the password must change, and why. Everything else is refused. */
const OPEN: Record<string, string> = {
  'GET /api/health': 'no user',
  'GET /api/openapi.json': 'no user',
  'POST /api/auth/login': 'the user logs in to change it',
  'POST /api/auth/logout': 'the user may leave',
  'GET /api/me': 'the app learns the password must change',
  'POST /api/me/password': 'the change itself',
};

async function mustChange(s: Seeded, value: boolean) {
  await globalDb(env).update(users).set({ mustChangePassword: value }).where(eq(users.orgId, s.org.id));
}

describe('forced password change, on the server', () => {
  it('every route is either refused or named as open', () => {
    const routes = apiRoutes();
    expect(
      Object.keys(OPEN).filter((k) => !routes.includes(k)),
      'open routes that do not exist',
    ).toEqual([]);
    expect(routes.filter((r) => !(r in OPEN)).length).toBeGreaterThan(20);
  });

  for (const key of apiRoutes().filter((r) => !(r in OPEN))) {
    it(`${key} answers 403 password_change_required and changes nothing`, async () => {
      const c = TENANCY_CASES[key];
      if (!c?.as) throw new Error(`${key} needs a tenancy case with a role (test/fixtures/tenancy-cases.ts)`);
      // One org plays both sides, so every id and reference in the case is the caller's own.
      const s = await seedOrg();
      const w: World = { a: s, b: s };
      await mustChange(s, true);
      const { cookie } = await login(s.org.name, s.users[c.as].loginId);
      const { method, path, payload } = caseRequest(key, c, w);
      const before = await dumpOrg(s.org.id);

      const refused = await request(path, { method, cookie, ...payload });
      const text = await refused.text();
      expect(refused.status, text).toBe(403);
      expect(JSON.parse(text)).toEqual({ error: { code: 'password_change_required', message: expect.any(String) } });
      expect(await dumpOrg(s.org.id), 'rows changed').toEqual(before);

      // The control: with the flag cleared the same session and request get through.
      await mustChange(s, false);
      const again = caseRequest(key, c, w);
      const allowed = await request(again.path, { method, cookie, ...again.payload });
      const answer = await allowed.text();
      if (c.kind === 'foreign-id') expect(allowed.status, answer).toBe(c.control);
      else if (c.kind === 'foreign-ref' && c.control !== undefined) expect(allowed.status, answer).toBe(c.control);
      else if (c.kind === 'foreign-ref')
        expect(allowed.status, answer).toBeLessThan(300); // the reference is the org's own now
      else expect(allowed.status, answer).toBe(c.expect);
    });
  }

  it('leaves open what the user needs: who am I, the change itself, logout; then everything works', async () => {
    const s = await seedOrg();
    await mustChange(s, true);
    const client = await login(s.org.name, s.users.org_admin.loginId);
    const me = await client.fetch('/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: s.users.org_admin.id, mustChangePassword: true } });
    expect((await client.fetch('/api/admin/teams')).status).toBe(403);

    const changed = await client.fetch('/api/me/password', { method: 'POST', json: { currentPassword: DEFAULT_PASSWORD, newPassword: 'Fresh-pass1' } });
    expect(changed.status).toBe(200);
    expect(await (await client.fetch('/api/me')).json()).toMatchObject({ user: { mustChangePassword: false } });
    expect((await client.fetch('/api/admin/teams')).status).toBe(200);

    const other = await login(s.org.name, s.users.staff.loginId);
    expect((await other.fetch('/api/notices')).status).toBe(403);
    expect((await other.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    expect((await other.fetch('/api/me')).status).toBe(401);
  });
});
