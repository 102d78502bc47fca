// Every mounted API route is documented (issue 19 §8): the route tables of docs/api.md and
// docs/contact-center-live.md (rows `| METHOD | \`/api/…\` | …`, or `| PUT / DELETE | …`) against the app's own routes, both
// ways — an undocumented route fails, and so does a documented one that is not mounted.
import { describe, expect, it } from 'vitest';
import apiDoc from '../../docs/api.md?raw';
import liveDoc from '../../docs/contact-center-live.md?raw';
import type { OpenApiDocument } from '../../worker/http/openapi';
import { apiRoutes } from '../fixtures/api-routes';
import { request } from '../fixtures/orgs';

/** `:id{[a-z]+}` and `:id?` read as `:id`; every parameter name reads the same (docs may name them otherwise). */
const normal = (route: string) => route.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?\??/g, ':param').replace(/\/+$/, '');

function documented(markdown: string): string[] {
  const out: string[] = [];
  // One method, or several sharing a row (`PUT / DELETE`).
  const row = /^\|\s*((?:GET|POST|PUT|PATCH|DELETE)(?:\s*\/\s*(?:GET|POST|PUT|PATCH|DELETE))*)\s*\|\s*`([^`]+)`/;
  for (const line of markdown.split('\n')) {
    const m = row.exec(line);
    if (m?.[1] && m[2]) for (const method of m[1].split('/')) out.push(`${method.trim()} ${m[2].split('?')[0]}`);
  }
  return out;
}

describe('the API documentation', () => {
  const docs = new Set([...documented(apiDoc), ...documented(liveDoc)].map(normal));
  const mounted = new Set(apiRoutes().map(normal));

  it('documents every mounted route', () => {
    expect([...mounted].filter((r) => !docs.has(r)).sort()).toEqual([]);
  });

  it('documents no route that is not mounted', () => {
    expect(
      [...docs]
        .filter((r) => r.startsWith('GET /api') || r.includes(' /api/'))
        .filter((r) => !mounted.has(r))
        .sort(),
    ).toEqual([]);
  });

  it('holds its tables to the OpenAPI description (GET /api/openapi.json), both ways', async () => {
    const doc = await (await request('/api/openapi.json')).json<OpenApiDocument>();
    const described = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => normal(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`))),
    );
    const documentedApi = [...docs].filter((r) => r.includes(' /api/'));
    expect(documentedApi.filter((r) => !described.has(r)).sort()).toEqual([]);
    expect([...described].filter((r) => !docs.has(r)).sort()).toEqual([]);
  });
});
