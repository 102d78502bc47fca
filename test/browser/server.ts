// Starts the real worker for the browser suites: a throwaway local state dir with migrations applied,
// one organisation and its admin seeded, `wrangler dev` on a free port. stop() always ends it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');

export type Account = { org: string; loginId: string; password: string; name: string };
export type Server = { baseUrl: string; admin: Account; stop: () => Promise<void> };

/** Same format as worker/auth/password.ts: pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, 'sha256');
  return `pbkdf2-sha256$100000$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function wrangler(args: string[], what: string): void {
  const res = spawnSync(WRANGLER, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } });
  if (res.status !== 0) throw new Error(`${what} failed:\n${res.stdout}\n${res.stderr}`);
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
  wrangler(['d1', 'migrations', 'apply', 'DB', ...persist], 'applying migrations');

  const suffix = randomUUID().slice(0, 6);
  const admin: Account = { org: `브라우저시험-${suffix}`, loginId: `admin${suffix}`, password: 'Adm1n!pass', name: '관리자' };
  const orgId = `org_${randomUUID().replaceAll('-', '')}`;
  const userId = `usr_${randomUUID().replaceAll('-', '')}`;
  const seed =
    `INSERT INTO orgs (id, name) VALUES (${sqlText(orgId)}, ${sqlText(admin.org)}); ` +
    `INSERT INTO users (id, org_id, role, login_id, name, password_hash, must_change_password) VALUES ` +
    `(${sqlText(userId)}, ${sqlText(orgId)}, 'org_admin', ${sqlText(admin.loginId)}, ${sqlText(admin.name)}, ${sqlText(hashPassword(admin.password))}, 0);`;
  wrangler(['d1', 'execute', 'DB', ...persist, '--command', seed], 'seeding the organisation');

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    WRANGLER,
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), ...persist, '--show-interactive-dev-session=false', '--log-level', 'warn'],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } },
  );
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopped = false;
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
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
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, admin, stop };
}
