// The cross-tenant matrix (issue 2): every API route of the app, asked by org A for org B's things.
import { describe, expect, it } from 'vitest';
import { apiRoutes, caseRequest } from '../fixtures/api-routes';
import { dumpOrg, idsIn } from '../fixtures/org-dump';
import { login, request } from '../fixtures/orgs';
import { seedOrg, TENANCY_CASES, type Seeded, type TenancyCase, type World } from '../fixtures/tenancy-cases';

async function send(key: string, c: TenancyCase, w: World, who: Seeded) {
  const { method, path, payload } = caseRequest(key, c, w);
  const cookie = c.as ? (await login(who.org.name, who.users[c.as].loginId)).cookie : undefined;
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
      // An archived part is served as stored (gzip): what it holds is what must not leak.
      const text =
        res.headers.get('content-type') === 'application/gzip' && res.body
          ? await new Response(res.body.pipeThrough(new DecompressionStream('gzip'))).text()
          : await res.text();
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
