// Starts the real worker for the browser suites: a throwaway local state dir with migrations applied,
// one organisation and its admin made by the operator CLI (`npm run admin -- create-org`) and given a
// queue by `apply` (no API creates queues), `wrangler dev` on a free port with the carrier simulator
// on (as `npm start` runs it), and the admin's first-login password change done. stop() always ends it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localVars } from '../../scripts/lib/dev-server';
import { makeVapidKeys } from '../../scripts/lib/vapid';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const INITIAL_PASSWORD = 'Init1al!admin';
/** The one queue of the suites' organisation, as the numbers screen lists it. */
export const QUEUE_NAME = '민원상담';

export type Account = { org: string; loginId: string; password: string; name: string };
export type Server = { baseUrl: string; admin: Account; stop: () => Promise<void> };

function run(bin: string, args: string[], what: string, env: Record<string, string> = {}): void {
  const res = spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', ...env } });
  if (res.status !== 0) throw new Error(`${what} failed:\n${res.stdout}\n${res.stderr}`);
}

/** The CLI makes admins who must change their password; do it once so suites start ready. */
async function firstLogin(baseUrl: string, admin: Account): Promise<void> {
  const headers = { 'content-type': 'application/json', origin: baseUrl };
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ org: admin.org, loginId: admin.loginId, password: INITIAL_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`admin first login: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const change = await fetch(`${baseUrl}/api/me/password`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ currentPassword: INITIAL_PASSWORD, newPassword: admin.password }),
  });
  if (change.status !== 200) throw new Error(`admin password change: ${change.status} ${await change.text()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer /api/health in time:\n${log()}`);
}

export async function startServer(): Promise<Server> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'esn-browser-'));
  const persist = ['--local', '--persist-to', stateDir];
  run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', ...persist], 'applying migrations');

  const suffix = randomUUID().slice(0, 6);
  const admin: Account = { org: `브라우저시험-${suffix}`, loginId: `admin${suffix}`, password: 'Adm1n!pass', name: '관리자' };
  run(
    TSX,
    ['scripts/admin.ts', 'create-org', '--name', admin.org, '--admin', admin.loginId, '--admin-name', admin.name, ...persist],
    'creating the organisation (npm run admin -- create-org)',
    { ADMIN_PASSWORD: INITIAL_PASSWORD },
  );
  // A tiny org file: apply adds to the existing org, leaving the admin as create-org made them.
  const orgFile = path.join(stateDir, 'org.json');
  writeFileSync(orgFile, JSON.stringify({ org: { name: admin.org }, queues: [{ name: QUEUE_NAME }] }));
  run(TSX, ['scripts/admin.ts', 'apply', orgFile, ...persist], 'adding a queue (npm run admin -- apply)');

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The carrier simulator on (the popup suite places calls) and a VAPID pair (the push suite).
  const vapid = makeVapidKeys();
  const vars = { ...localVars(port), VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:test@example.invalid' };
  let output = '';
  const child = spawn(
    WRANGLER,
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freePort()),
      ...persist,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } },
  );
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopping: Promise<void> | undefined;
  // Every caller (the normal end, a signal) waits for the same, single shutdown.
  const stop = (): Promise<void> => (stopping ??= shutdown());
  async function shutdown(): Promise<void> {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM'); // the whole group: wrangler and its workerd
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(stateDir, { recursive: true, force: true });
  }

  try {
    await waitForHealth(baseUrl, child, () => output);
    await firstLogin(baseUrl, admin);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, admin, stop };
}
