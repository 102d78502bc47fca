// The web app as wrangler dev serves it (which builds it first, from web/): its HTML, deep links
// and assets carry the security headers of web/public/_headers, and the API keeps its own (issue 7.6).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localVars, startDevServer, type DevServer } from '../../scripts/lib/dev-server';
import { applyMigrations, PROJECT_ROOT } from '../../scripts/lib/wrangler';

let server: DevServer;
let state: string;

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'esn-headers-'));
  await applyMigrations({ mode: 'local', persistTo: state });
  const port = 30_000 + Math.floor(Math.random() * 10_000);
  server = await startDevServer({ port, inspectorPort: port + 1, persistTo: state, vars: localVars(port), echo: false });
});

afterAll(async () => {
  await server?.stop();
  if (state) await rm(state, { recursive: true, force: true });
});

const page = (p: string) => fetch(`${server.url}${p}`, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' } });

function expectAppHeaders(res: Response, what: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
  expect(directives.get('default-src'), what).toBe("'self'");
  expect(directives.get('script-src'), what).toBe("'self'");
  expect(directives.get('style-src'), what).toBe("'self'");
  expect(directives.get('connect-src'), what).toBe("'self'");
  expect(directives.get('object-src'), what).toBe("'none'");
  expect(directives.get('frame-ancestors'), what).toBe("'none'");
  expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(res.headers.get('permissions-policy'), what).toMatch(/microphone=\(\)/);
}

describe('static assets', () => {
  it('the app page, a deep link into it and its script and stylesheet carry the security headers', async () => {
    const home = await page('/');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<div id="app">');
    expectAppHeaders(home, '/');
    // No inline script or style the CSP would block: everything comes from files of this origin.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);

    const deep = await page('/admin/users');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
    expectAppHeaders(deep, '/admin/users');

    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status, asset).toBe(200);
      expectAppHeaders(res, asset);
    }
  });

  it('the API keeps its own headers', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the headers file itself is not served', async () => {
    const res = await fetch(`${server.url}/_headers`);
    expect(await res.text()).not.toContain('Content-Security-Policy');
    // It is in the build output, where Workers static assets read it.
    expect(await readFile(path.join(PROJECT_ROOT, 'web', 'dist', '_headers'), 'utf8')).toContain('Content-Security-Policy');
  });
});
