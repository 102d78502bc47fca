// A body that is not what a route reads changes nothing (issue 7.5): for every mutating route of the
// app, enumerated like the cross-tenant matrix, another content type (or none) is 415 and a JSON
// body that is not an object is 400, with the org's rows unchanged; upload routes take multipart
// only. The case's own valid request then goes through, so the refusals were about the body.
import { describe, expect, it } from 'vitest';
import { apiRoutes, caseRequest } from '../fixtures/api-routes';
import { dumpOrg } from '../fixtures/org-dump';
import { login, request } from '../fixtures/orgs';
import { seedOrg, TENANCY_CASES, type World } from '../fixtures/tenancy-cases';

const MUTATING = /^(POST|PUT|PATCH|DELETE) /;

type Bad = { what: string; headers: Record<string, string>; body: BodyInit; status: number; code: string };

/** Bodies no mutating route may read, whatever it expects; `json` is the case's own valid body as JSON text. */
function badBodies(json: string): Bad[] {
  const unsupported = (what: string, type: string | null, body: BodyInit): Bad => ({
    what,
    headers: type ? { 'content-type': type } : {},
    body,
    status: 415,
    code: 'unsupported_media_type',
  });
  const notObject = (text: string): Bad => ({
    what: `JSON ${text}`,
    headers: { 'content-type': 'application/json' },
    body: text,
    status: 400,
    code: 'invalid',
  });
  return [
    unsupported('text/plain with a JSON text', 'text/plain', json),
    unsupported('a form', 'application/x-www-form-urlencoded', 'name=x&ownerUserId=&queueId='),
    unsupported('XML', 'application/xml', '<team><name>x</name></team>'),
    unsupported('octet-stream', 'application/octet-stream', json),
    // Bytes, so no Content-Type is added for us.
    unsupported('no content type', null, new TextEncoder().encode(json)),
    notObject('[]'),
    notObject('null'),
    notObject('"x"'),
    notObject('[{"name":"x"}]'),
  ];
}

describe('request bodies of mutating routes', () => {
  const routes = apiRoutes().filter((r) => MUTATING.test(r));

  it('covers every mutating route', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !(r in TENANCY_CASES))).toEqual([]);
  });

  for (const key of routes) {
    it(`${key}: other content types are 415, JSON that is not an object 400, nothing changes`, async () => {
      const c = TENANCY_CASES[key]!;
      // One org plays both sides, so the case's request is a valid one on the caller's own data.
      const s = await seedOrg();
      const w: World = { a: s, b: s };
      const cookie = c.as ? (await login(s.org.name, s.users[c.as].loginId)).cookie : undefined;
      const { method, path, payload } = caseRequest(key, c, w);
      const upload = 'body' in payload;
      const json = 'json' in payload ? JSON.stringify(payload.json) : '{}';
      const before = await dumpOrg(s.org.id);

      const cases = badBodies(json);
      // The API reads JSON and multipart only; beyond that, an upload route takes multipart only and
      // a JSON route JSON only. (A route that reads no body, e.g. a DELETE, ignores either.)
      const form = new FormData();
      form.set('name', 'x');
      if (upload)
        cases.push({
          what: 'JSON to an upload route',
          headers: { 'content-type': 'application/json' },
          body: '{"title":"x"}',
          status: 415,
          code: 'unsupported_media_type',
        });
      if ('json' in payload) cases.push({ what: 'multipart to a JSON route', headers: {}, body: form, status: 415, code: 'unsupported_media_type' });
      for (const bad of cases) {
        const res = await request(path, { method, cookie, headers: bad.headers, body: bad.body });
        const text = await res.text();
        expect(res.status, `${bad.what}: ${text}`).toBe(bad.status);
        expect(JSON.parse(text), bad.what).toMatchObject({ error: { code: bad.code } });
        if (bad.status === 400)
          expect((JSON.parse(text) as { error: { fields: unknown } }).error.fields, bad.what).toEqual([
            { field: '(body)', code: 'not_object', message: expect.any(String) },
          ]);
      }
      expect(await dumpOrg(s.org.id), 'rows changed').toEqual(before);

      // The control: the case's valid request (JSON, multipart or no body) goes through.
      const again = caseRequest(key, c, w);
      const ok = await request(path, { method, cookie, ...again.payload });
      const answer = await ok.text();
      if (c.kind === 'foreign-id') expect(ok.status, answer).toBe(c.control);
      else if (c.kind === 'foreign-ref') expect(ok.status, answer).toBeLessThan(500);
      else expect(ok.status, answer).toBe(c.expect);
    });
  }

  it('takes JSON with a charset, and a request without a body where the route reads none', async () => {
    const s = await seedOrg();
    const { cookie } = await login(s.org.name, s.users.org_admin.loginId);
    const created = await request('/api/admin/teams', {
      method: 'POST',
      cookie,
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: JSON.stringify({ name: '새팀' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { team } = await created.json<{ team: { id: string } }>();
    expect((await request(`/api/admin/teams/${team.id}`, { method: 'DELETE', cookie })).status).toBe(200);
    expect((await request('/api/auth/logout', { method: 'POST', cookie })).status).toBe(200);
  });

  it('a route that needs a JSON body refuses none at all with 415', async () => {
    const s = await seedOrg();
    const { cookie } = await login(s.org.name, s.users.org_admin.loginId);
    const res = await request('/api/admin/teams', { method: 'POST', cookie });
    expect(res.status).toBe(415);
  });
});
