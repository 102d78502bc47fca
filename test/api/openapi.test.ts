// GET /api/openapi.json (issue 18): public, every mounted /api route in it and nothing else, request
// schemas read off the validators, and the contract's answers; a broken answer fails the contract.
// That it is valid OpenAPI 3.1 is checked in Node (test/node/openapi.test.ts: the validator reads files).
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../worker/http/openapi';
import { apiRoutes } from '../fixtures/api-routes';
import { contractAnswer } from '../fixtures/contract';
import { request } from '../fixtures/orgs';

async function document(): Promise<OpenApiDocument> {
  const res = await request('/api/openapi.json');
  expect(res.status).toBe(200);
  return res.json<OpenApiDocument>();
}

/** "METHOD /api/path/:param" for every operation of the document. */
const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':param')}`));
const normal = (route: string) => route.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?\??/g, ':param');

describe('GET /api/openapi.json', () => {
  it('is served without a session, as OpenAPI 3.1 (its validity: test/node/openapi.test.ts)', async () => {
    expect((await document()).openapi).toBe('3.1.0');
  });

  it('describes every mounted API route, and no other', async () => {
    const described = operations(await document()).sort();
    const mounted = [...new Set(apiRoutes().map(normal))].sort();
    expect(described).toEqual(mounted);
  });

  it('reads request schemas off the validators and answers off the contract', async () => {
    const doc = await document();
    const login = doc.paths['/api/auth/login']?.post;
    expect(login?.requestBody?.content['application/json']?.schema).toMatchObject({ type: 'object', properties: { loginId: { type: 'string' } } });
    const calls = doc.paths['/api/cc/calls']?.get;
    expect(calls?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['view', 'period']));
    expect(calls?.responses['200']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['calls', 'nextBefore', 'range']),
    });
    const detail = doc.paths['/api/cc/calls/{id}']?.get;
    expect(detail?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]));
  });

  it('gives every GET its answer: a JSON schema from the contract, or in words what it answers instead', async () => {
    const doc = await document();
    const gets = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.get ? [[path, ops.get] as const] : []));
    expect(gets.length).toBeGreaterThan(50);
    for (const [path, op] of gets) {
      const ok = op.responses['200'];
      expect(ok, path).toBeDefined();
      expect(ok?.content?.['application/json']?.schema ?? ok?.description.startsWith('Not JSON'), path).toBeTruthy();
    }
    expect(doc.paths['/api/me/home']?.get?.responses['200']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['number', 'status', 'today']),
    });
    expect(doc.paths['/api/recordings/{id}']?.get?.responses['200']?.description).toMatch(/^Not JSON: the recording/);
  });

  it('fails an answer that breaks the contract, naming the field', () => {
    const good = {
      calls: [],
      nextBefore: null,
      range: { from: 0, to: 1, firstDate: '2026-12-01', lastDate: '2026-12-06', period: 'today', timezone: 'Asia/Seoul' },
    };
    expect(contractAnswer('GET /api/cc/calls', good)).toEqual(good);
    expect(() => contractAnswer('GET /api/cc/calls', { ...good, nextBefore: 5 })).toThrow(/nextBefore/);
    expect(() => contractAnswer('GET /api/cc/calls', { calls: [] })).toThrow(/range/);
  });
});
