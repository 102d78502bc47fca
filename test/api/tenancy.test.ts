// The cross-tenant matrix (issue 2): every API route of the app, asked by org A for org B's things.
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index';
import { dumpOrg, idsIn } from '../fixtures/org-dump';
import { login, request } from '../fixtures/orgs';
import { seedOrg, TENANCY_CASES, type Seeded, type TenancyCase, type World } from '../fixtures/tenancy-cases';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** "METHOD /api/path" for every real API route (middleware registrations have method ALL). */
function apiRoutes(): string[] {
  const keys = app.routes.filter((r) => METHODS.has(r.method) && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

function fill(path: string, params: Record<string, string>): string {
  // `:id`, `:id{regex}` and optional `:id?` all take the case's value.
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`case gives no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}

async function send(key: string, c: TenancyCase, w: World, who: Seeded) {
  const [method = 'GET', pattern = '/'] = key.split(' ');
  let path = fill(pattern, c.params?.(w) ?? {});
  const query = c.query?.(w);
  if (query) path += `?${query}`;
  const body = c.body?.(w);
  const cookie = c.as ? (await login(who.org.name, who.users[c.as].loginId)).cookie : undefined;
  // A FormData body goes out as multipart (uploads); anything else as JSON.
  const payload = body instanceof FormData ? { body } : body !== undefined ? { json: body } : {};
  return request(path, { method, cookie, ...payload });
}

describe('cross-tenant matrix', () => {
  it('every API route has a case, and every case names a real route', () => {
    const routes = apiRoutes();
    const missing = routes.filter((r) => !(r in TENANCY_CASES));
    const stale = Object.keys(TENANCY_CASES).filter((k) => !routes.includes(k));
    expect(missing, 'add these routes to test/fixtures/tenancy-cases.ts').toEqual([]);
    expect(stale, 'these cases name no route').toEqual([]);
    expect(routes.length).toBeGreaterThan(5);
  });

  for (const [key, c] of Object.entries(TENANCY_CASES)) {
    it(`${key} (${c.kind}, as ${c.as ?? 'anonymous'})`, async () => {
      const w: World = { a: await seedOrg(), b: await seedOrg() };
      const before = await dumpOrg(w.b.org.id);
      const foreignIds = idsIn(before);
      expect(foreignIds.length).toBeGreaterThan(5);

      const res = await send(key, c, w, w.a);
      const text = await res.text();
      expect(res.status, text).toBe(c.expect);
      for (const id of foreignIds) expect(text, `answer leaks org B's ${id}`).not.toContain(id);
      expect(await dumpOrg(w.b.org.id), "org B's rows changed").toEqual(before);

      if (c.kind === 'list') expect(text).toContain(c.own(w));
      if (c.kind === 'foreign-id') {
        // The control: B's own user gets through with the same request, so the id was real and the
        // 404 above came from the tenant boundary, not from a mistyped case.
        const own = await send(key, c, w, w.b);
        expect(own.status, await own.text()).toBe(c.control);
      }
    });
  }
});
