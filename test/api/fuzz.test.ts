// Every API route's input, fuzzed (issue 19, security suite): bodies, query strings and path
// parameters that start from the route's valid request (test/fixtures/tenancy-cases.ts) and break
// it, sent as each role that gets past the route's role check. No answer may be a 500, and every
// refusal is the API's own error shape. A failure prints fast-check's seed and the smallest input
// that still fails; pass it back with `fc.assert(…, { seed, path })` to replay it.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../worker/db/schema';
import { apiRoutes, caseRequest } from '../fixtures/api-routes';
import { formInputs, jsonBodies, pathParam, queryStrings, rangeHeaders, rawJsonTexts, rawMultipart, toFormData, type FormInput } from '../fixtures/fuzz-inputs';
import { login, request } from '../fixtures/orgs';
import { seedOrg, TENANCY_CASES, type Seeded, type TenancyCase, type World } from '../fixtures/tenancy-cases';

/**
 * Runs per route, shared among the roles that reach it: enough to walk every field, small enough for
 * the whole file to stay near a minute. `FUZZ_RUNS=300 npx vitest run --project workers test/api/fuzz.test.ts` digs deeper.
 */
const RUNS = Number(env.FUZZ_RUNS) || 16;

const ORG_ROLES: Exclude<Role, 'operator'>[] = ['org_admin', 'supervisor', 'agent', 'staff'];

/** The query parameters each GET route reads (its valibot query schema's keys); others get a few made-up ones. */
const QUERY_KEYS: Record<string, string[]> = {
  'GET /api/admin/users': ['q', 'role', 'teamId'],
  'GET /api/admin/holidays': ['year'],
  'GET /api/admin/audit': ['before', 'action', 'limit'],
  'GET /api/me/list-entries': ['kind', 'q', 'before', 'limit'],
  'GET /api/phonebook/contacts': ['group', 'q', 'offset', 'limit'],
  'GET /api/phonebook/export': ['group'],
  'GET /api/me/calls': ['from', 'to', 'outcome', 'before', 'limit'],
  'GET /api/recordings/:id': ['download'],
  'GET /api/cc/calls': ['view', 'period', 'from', 'to', 'queueId', 'agentId', 'categoryId', 'outcome', 'before', 'limit'],
  'GET /api/cc/callbacks': ['status', 'queueId', 'before', 'limit'],
  'GET /api/cc/stats': ['period', 'group', 'queueId', 'from', 'to'],
  'GET /api/cc/stats/csv': ['period', 'group', 'queueId', 'lang', 'from', 'to'],
  'GET /api/cc/stats/hourly': ['queueId'],
  'GET /api/cc/stats/staffing': ['queueId'],
};

type Input = {
  params: Record<string, string> | null;
  /** Path parameters sent as they are, not percent-encoded (broken escapes). */
  rawParams: boolean;
  query: string | null;
  body: { json: unknown } | { text: string } | { form: FormInput } | { multipart: { type: string; text: string } } | null;
  /** The Range header, on the routes that stream a file. */
  range: string | null;
};

/** Routes that stream a stored file and read a Range header. */
const RANGE_ROUTES = new Set(['GET /api/recordings/:id', 'GET /api/files/:id/download']);

function idsOf(s: Seeded): string[] {
  return [s.org.id, ...Object.values(s.users).map((u) => u.id), ...Object.values(s.ids)];
}

function paramNames(pattern: string): string[] {
  return [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}

/**
 * The path with each parameter percent-encoded (a lone surrogate made well-formed first: no URL can
 * carry one); `raw` leaves `%` as it is, so broken escapes reach the router. A whole segment of `.` or
 * `..` would be resolved away by the URL itself, so it gets a letter.
 */
function fillPath(pattern: string, params: Record<string, string>, raw: boolean): string {
  return pattern.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, (_, name: string) => {
    let value = (params[name] ?? '').replace(/\p{Cs}/gu, '\ufffd');
    if (value === '.' || value === '..') value += 'x';
    const encoded = encodeURIComponent(value);
    return raw ? encoded.replaceAll('%25', '%') : encoded;
  });
}

/** The inputs for one route: each part (params, query, body) either the valid one or broken. */
function inputsFor(key: string, c: TenancyCase, w: World): fc.Arbitrary<Input> {
  const [method = 'GET', pattern = '/'] = key.split(' ');
  const ids = idsOf(w.a);
  const names = paramNames(pattern);
  const validParams = c.params?.(w) ?? {};
  const params: fc.Arbitrary<Record<string, string> | null> = names.length
    ? // Mostly the valid ids: a broken one is refused before the body is read, so the body would go untried.
      fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.record(Object.fromEntries(names.map((n) => [n, pathParam(ids)]))) })
    : fc.constant(null);

  const validQuery = c.query?.(w) ?? '';
  const keys = QUERY_KEYS[key] ?? [];
  const query =
    method === 'GET'
      ? queryStrings(keys, validQuery, ids)
      : fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: queryStrings(keys, validQuery, ids) });

  const valid = c.body?.(w);
  let body: fc.Arbitrary<Input['body']>;
  if (method === 'GET') body = fc.constant(null);
  else if (valid instanceof FormData)
    body = fc.oneof({ weight: 5, arbitrary: formInputs.map((form) => ({ form })) }, { weight: 1, arbitrary: fc.constant(null) });
  else {
    const shape = valid && typeof valid === 'object' ? (valid as Record<string, unknown>) : {};
    body = fc.oneof(
      { weight: 8, arbitrary: jsonBodies(shape, ids).map((json) => ({ json })) },
      { weight: 1, arbitrary: rawJsonTexts.map((text) => ({ text })) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  const range = RANGE_ROUTES.has(key) ? fc.option(rangeHeaders) : fc.constant(null);
  return fc.record({ params, rawParams: fc.boolean(), query, body, range });
}

async function send(key: string, c: TenancyCase, w: World, cookie: string | undefined, input: Input) {
  const [method = 'GET', pattern = '/'] = key.split(' ');
  const valid = caseRequest(key, c, w);
  let path = input.params ? fillPath(pattern, input.params, input.rawParams) : (valid.path.split('?')[0] ?? valid.path);
  const query = input.query ?? valid.path.split('?')[1];
  if (query) path += `?${query}`;
  const b = input.body;
  const headers: Record<string, string> = input.range === null ? {} : { range: input.range };
  const init =
    b === null
      ? { headers }
      : 'json' in b
        ? { headers, json: b.json }
        : 'text' in b
          ? { headers: { ...headers, 'content-type': 'application/json' }, body: b.text }
          : 'multipart' in b
            ? { headers: { ...headers, 'content-type': b.multipart.type }, body: b.multipart.text }
            : { headers, body: toFormData(b.form) };
  return { method, path, res: await request(path, { method, cookie, ...init }) };
}

type Fixture = { w: World; cookies: Record<(typeof ORG_ROLES)[number], string> };

/** A seeded org (playing both sides, so the valid request works on the caller's own data) with each role logged in. */
async function fixture(): Promise<Fixture> {
  const s = await seedOrg();
  const cookies = await Promise.all(ORG_ROLES.map(async (role) => [role, (await login(s.org.name, s.users[role].loginId)).cookie] as const));
  return { w: { a: s, b: s }, cookies: Object.fromEntries(cookies) as Fixture['cookies'] };
}

/**
 * Routes whose inputs can end or change the fuzzing users' own sessions, passwords or roles (a reset
 * password forces a change before anything else): each gets an org of its own. All others share one.
 */
const OWN_ORG = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/me/password',
  'PATCH /api/admin/users/:id',
  'POST /api/admin/users/:id/password',
]);

/** Routes only the platform operator reaches; they take no input beyond the session. */
const PLATFORM_ONLY = new Set(['GET /api/operator/overview']);

let shared: Promise<Fixture> | undefined;

/** The roles that get past the route's role check: the case's valid request answers anything but 401/403. */
async function reachingRoles(key: string, c: TenancyCase, f: Fixture): Promise<(string | undefined)[]> {
  if (c.as === null) return [undefined];
  const { w } = f;
  const cookies: string[] = [];
  for (const role of ORG_ROLES) {
    const cookie = f.cookies[role];
    const { method, path, payload } = caseRequest(key, c, w);
    const res = await request(path, { method, cookie, ...payload });
    await res.body?.cancel();
    if (res.status !== 401 && res.status !== 403) cookies.push(cookie);
  }
  return cookies;
}

describe('fuzz: every route’s input, never a 500', () => {
  const routes = apiRoutes();

  it('fuzzes every API route', () => {
    expect(routes.filter((r) => !(r in TENANCY_CASES))).toEqual([]);
    expect(
      Object.keys(QUERY_KEYS).filter((k) => !routes.includes(k)),
      'QUERY_KEYS names no route',
    ).toEqual([]);
  });

  for (const key of routes) {
    it(key, async () => {
      const c = TENANCY_CASES[key]!;
      const f = OWN_ORG.has(key) ? await fixture() : await (shared ??= fixture());
      const { w } = f;
      const cookies = await reachingRoles(key, c, f);
      if (PLATFORM_ONLY.has(key)) {
        // No organisation's role may reach it (its own test, test/api/operator.test.ts, covers the operator).
        expect(cookies, 'an organisation role reaches a platform-only route').toEqual([]);
        return;
      }
      expect(cookies.length, 'no role reaches this route').toBeGreaterThan(0);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...cookies), inputsFor(key, c, w), async (cookie, input) => {
          const { method, path, res } = await send(key, c, w, cookie, input);
          const text = await res.text();
          const where = `${method} ${path.slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
          expect(res.status, where).toBeLessThan(500);
          // A 416 carries only Content-Range (RFC 9110); every other refusal is the API's error shape.
          if (res.status >= 400 && res.status !== 416)
            expect(JSON.parse(text), where).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }),
        { numRuns: RUNS },
      );
    });
  }
});
