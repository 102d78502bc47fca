// Every answer in the contract, from the real routes (issue 18): each route contract/answers.ts
// lists is asked once, with the request its cross-tenant case makes (test/fixtures/tenancy-cases.ts)
// pointed at the caller's own org, and the answer must parse with the route's schema. Every mounted
// route answers JSON the contract describes, or is a GET of NOT_JSON; an answer that breaks its schema fails.
import { describe, expect, it } from 'vitest';
import { ANSWERS, NOT_JSON, type AnsweredRoute } from '../../contract/answers';
import { apiRoutes, caseRequest } from '../fixtures/api-routes';
import { contractAnswer } from '../fixtures/contract';
import { login, makeUser, request } from '../fixtures/orgs';
import { seedOrg, TENANCY_CASES, type Seeded, type TenancyCase } from '../fixtures/tenancy-cases';

/** Who asks where the cross-tenant case's caller is refused on purpose (that case proves the refusal). */
const CALLER: Partial<Record<AnsweredRoute, 'operator'>> = {
  'GET /api/operator/overview': 'operator',
};

/** Requests the caller makes first, where the route answers only in a state its case does not set up. */
const BEFORE: Partial<Record<AnsweredRoute, { method: string; path: string; json: unknown }[]>> = {
  'POST /api/cc/me/state': [{ method: 'POST', path: '/api/cc/me/login', json: {} }],
};

/** Bodies in place of the case's, where the case's asks for more than the route's plain success (a wrap-up needs a call). */
const BODY: Partial<Record<AnsweredRoute, unknown>> = {
  'POST /api/cc/me/state': { state: 'break' },
};

/**
 * Routes whose real answer needs a live call or a linked mobile and an access number: parsed by
 * the test named here instead, where that world is built.
 */
const ELSEWHERE: Partial<Record<AnsweredRoute, string>> = {
  'GET /api/cc/me/call/transfer-targets': 'test/contact-center/live-api.test.ts (a transfer while connected)',
  'POST /api/me/outbound-calls': 'test/api/me-outbound.test.ts (an org with an access number, a staff member with a mobile)',
  'POST /api/cc/me/call/hold': 'test/contact-center/live-api.test.ts (hold and unhold a connected call)',
  'POST /api/cc/me/call/unhold': 'test/contact-center/live-api.test.ts (hold and unhold a connected call)',
  'POST /api/cc/me/call/hangup': 'test/contact-center/live-api.test.ts (hold and unhold a connected call)',
  'POST /api/cc/me/call/transfer': 'test/contact-center/live-api.test.ts (a transfer while connected)',
  'POST /api/cc/live/agents/:id/supervise': 'test/contact-center/live-api.test.ts (a supervisor whispers)',
  'POST /api/cc/live/agents/:id/supervise/stop': 'test/contact-center/live-api.test.ts (a supervisor whispers)',
  'POST /api/cc/outbound': 'test/contact-center/live-api.test.ts (a callback dialled from the console)',
};

async function cookieOf(s: Seeded, key: AnsweredRoute, c: TenancyCase): Promise<string | undefined> {
  if (CALLER[key] === 'operator') {
    const op = await makeUser(s.org.id, { role: 'operator' });
    return (await login(s.org.name, op.loginId)).cookie;
  }
  return c.as ? (await login(s.org.name, s.users[c.as].loginId)).cookie : undefined;
}

/** The route's case asked in one org: its "other org" is the caller's own, so every id and reference is theirs. */
async function ask(key: AnsweredRoute): Promise<{ status: number; body: unknown }> {
  const c = TENANCY_CASES[key];
  if (!c) throw new Error(`${key} has no case in test/fixtures/tenancy-cases.ts`);
  const s = await seedOrg();
  const { method, path, payload } = caseRequest(key, c, { a: s, b: s });
  const cookie = await cookieOf(s, key, c);
  for (const before of BEFORE[key] ?? []) {
    const res = await request(before.path, { method: before.method, cookie, json: before.json });
    expect(res.status, `${before.method} ${before.path}: ${await res.clone().text()}`).toBeLessThan(300);
  }
  const res = await request(path, { method, cookie, ...(key in BODY ? { json: BODY[key] } : payload) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

describe('the contract covers the API', () => {
  it('every mounted route has an answer schema or is a named exception (a GET that answers no JSON), and both name real routes', () => {
    const routes = apiRoutes();
    const undescribed = routes.filter((r) => !(r in ANSWERS) && !(r in NOT_JSON));
    expect(Object.keys(NOT_JSON).every((r) => r.startsWith('GET '))).toBe(true);
    expect(undescribed, 'add their answers to contract/answers.ts (or, with a reason, to NOT_JSON)').toEqual([]);
    const stale = [...Object.keys(ANSWERS), ...Object.keys(NOT_JSON)].filter((r) => !routes.includes(r));
    expect(stale, 'these name no mounted route').toEqual([]);
    expect(Object.keys(NOT_JSON).filter((r) => r in ANSWERS)).toEqual([]);
  });
});

describe('answers validate against the contract', () => {
  for (const key of Object.keys(ANSWERS) as AnsweredRoute[]) {
    if (ELSEWHERE[key]) continue;
    it(key, async () => {
      const { status, body } = await ask(key);
      expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(200);
      expect(status, JSON.stringify(body)).toBeLessThan(300);
      contractAnswer(key, body);
    });
  }

  it('a real answer with a field broken fails, naming the field (the control)', async () => {
    const { body } = await ask('GET /api/me/home');
    const home = contractAnswer('GET /api/me/home', body);
    expect(() => contractAnswer('GET /api/me/home', { ...home, switches: { ...home.switches, paused: 'no' } })).toThrow(/switches\.paused/);
    const { now: _, ...noClock } = home;
    expect(() => contractAnswer('GET /api/me/home', noClock)).toThrow(/now/);
    // A trace step of a rule the engine does not have.
    const whatIf = contractAnswer('POST /api/me/what-if', (await ask('POST /api/me/what-if')).body);
    const [step, ...rest] = whatIf.decision.trace;
    expect(step).toBeDefined();
    const weather = { ...whatIf, decision: { ...whatIf.decision, trace: [{ ...step, rule: 'weather' }, ...rest] } };
    expect(() => contractAnswer('POST /api/me/what-if', weather)).toThrow(/decision\.trace\.0/);
  });
});
