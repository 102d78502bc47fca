// GET /api/openapi.json as wrangler dev serves it validates as OpenAPI 3.1 with
// @seriousme/openapi-schema-validator (a Node library: it reads the official schemas from disk, so
// it runs here rather than in the workers pool, where test/api/openapi.test.ts checks the content).
import { Validator } from '@seriousme/openapi-schema-validator';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localVars, startDevServer, type DevServer } from '../../scripts/lib/dev-server';
import { applyMigrations } from '../../scripts/lib/wrangler';

let server: DevServer;
let state: string;

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'esn-openapi-'));
  await applyMigrations({ mode: 'local', persistTo: state });
  const port = 30_000 + Math.floor(Math.random() * 10_000);
  server = await startDevServer({ port, inspectorPort: port + 1, persistTo: state, vars: localVars(port), echo: false });
});

afterAll(async () => {
  await server?.stop();
  if (state) await rm(state, { recursive: true, force: true });
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 3000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('reports a document that is not OpenAPI 3.1 (the control: the validator is not simply lenient)', async () => {
    const result = await new Validator().validate({ openapi: '3.1.0', info: { title: 'x' }, paths: { 'no-slash': {} } });
    expect(result.valid).toBe(false);
  });
});
