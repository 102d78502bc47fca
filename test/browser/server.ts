// Starts the real worker for the browser suites: a throwaway local state dir with migrations applied,
// one organisation and its admin made by the operator CLI (`npm run admin -- create-org`) and given a
// queue by `apply` (no API creates queues), `wrangler dev` on a free port with the carrier simulator
// on (as `npm start` runs it), and the admin's first-login password change done. stop() always ends it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { localVars } from '../../scripts/lib/dev-server';
import { makeVapidKeys } from '../../scripts/lib/vapid';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const INITIAL_PASSWORD = 'Init1al!admin';
/** The one queue of the suites' organisation, as the numbers screen lists it. */
export const QUEUE_NAME = '민원상담';

/** The contact center of the suites' organisation: a supervisor and two agents (levels 1 and 2) of QUEUE_NAME. */
export const CC_PASSWORD = 'Cc-Demo1!';
export const CC_USERS = {
  supervisor: { loginId: 'cc-sup', name: '박팀장', role: 'supervisor' },
  agent1: { loginId: 'cc-agent1', name: '정상담', role: 'agent' },
  agent2: { loginId: 'cc-agent2', name: '한상담', role: 'agent' },
} as const;
export const CC_CATEGORIES = ['일반 민원', '복지 상담'] as const;

/** A two-second tone (8 kHz, 16-bit mono WAV) as the recording of agent2's call, stored in local R2. */
function toneWav(seconds: number): Uint8Array {
  const rate = 8000;
  const samples = rate * seconds;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return new Uint8Array(buf);
}
/** One archived month (issue 20 §3): January 2025's audit log, one entry, as the archive job stores a part. */
export const ARCHIVE_PART = {
  key: 'archive/browser/audit_log/2025-01/part1.ndjson.gz',
  firstAt: Date.UTC(2025, 0, 15, 1),
  bytes: gzipSync(
    `${JSON.stringify({ id: 'aud_browser_archived', org_id: 'browser', actor_user_id: null, action: 'org.settings_updated', target_type: 'org', created_at: Date.UTC(2025, 0, 15, 1) })}\n`,
  ),
};
export const RECORDING = { id: 'rec_browser_2', callId: 'call_browser_2', key: 'org/browser/recordings/call_browser_2.wav', bytes: toneWav(2) };

/**
 * Today's calls of the queue (the org zone, Asia/Seoul), written as the live side will write them, so
 * history, callbacks and statistics have something to show (no API creates calls). By hand:
 * 4 inbound, 2 answered (waits 12 s and 30 s), 1 abandoned (40 s), 1 callback request (50 s);
 * answer rate 50 %, service level 50 % (12 s within 20 s), with abandons 33.3 %, without short ones
 * 33.3 %; average wait 33 s, maximum 50 s; average handle time (90+30 + 120+0) / 2 = 120 s.
 */
/** The backfill of migration 0009: the rollups of every inbound queue call in D1. */
function rollupBackfillSql(): string {
  const migration = readFileSync(path.join(ROOT, 'migrations', '0009_stats_rollups_archive.sql'), 'utf8');
  const statement = /INSERT INTO `cc_stats_hourly`[\s\S]*?GROUP BY 1, 2, 3, 4, 5;/.exec(migration)?.[0];
  if (!statement) throw new Error('the rollup backfill is no longer in migration 0009');
  return statement;
}

function seedCallsSql(org: string): string {
  const now = Date.now();
  // Seoul has no DST: today starts at the last 15:00 UTC.
  const day = 86_400_000;
  const todayStart = Math.floor((now + 9 * 3_600_000) / day) * day - 9 * 3_600_000;
  const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const orgId = `(SELECT id FROM orgs WHERE name = ${q(org)})`;
  const user = (loginId: string) => `(SELECT id FROM users WHERE org_id = ${orgId} AND login_id = ${q(loginId)})`;
  const queue = `(SELECT id FROM queues WHERE org_id = ${orgId} AND name = ${q(QUEUE_NAME)})`;
  const category = (name: string) => `(SELECT id FROM consult_categories WHERE org_id = ${orgId} AND name = ${q(name)})`;
  const calls: [string, string | null, number, number | null, number | null, string, string][] = [
    ['call_browser_1', CC_USERS.agent1.loginId, 12, 90, 30, 'connected', '+821055550101'],
    ['call_browser_2', CC_USERS.agent2.loginId, 30, 120, 0, 'connected', '+821055550102'],
    ['call_browser_3', null, 40, null, null, 'abandoned', '+821055550103'],
    ['call_browser_4', null, 50, null, null, 'callback', '+821055550104'],
  ];
  const out = calls.map(([id, agent, wait, talk, acw, outcome, from], i) => {
    const at = todayStart + (i + 1) * 60_000;
    return (
      'INSERT INTO calls (id, org_id, call_session_id, direction, kind, from_number, to_number, agent_user_id, queue_id, started_at, answered_at, ended_at, outcome, wait_ms, duration_ms, acw_ms) VALUES ' +
      `(${q(id)}, ${orgId}, ${q(`${id}-session`)}, 'inbound', 'queue', ${q(from)}, '+8221001234', ${agent ? user(agent) : 'NULL'}, ${queue}, ${at}, ` +
      `${talk === null ? 'NULL' : at + wait * 1000}, ${at + (wait + (talk ?? 0)) * 1000}, ${q(outcome)}, ${wait * 1000}, ${talk === null ? 'NULL' : talk * 1000}, ${acw === null ? 'NULL' : acw * 1000});`
    );
  });
  out.push(
    `INSERT INTO recordings (id, org_id, call_id, kind, r2_key, content_type, size_bytes, duration_ms, delete_after, owner_user_id, channels, started_at) VALUES ` +
      `(${q(RECORDING.id)}, ${orgId}, ${q(RECORDING.callId)}, 'call', ${q(RECORDING.key)}, 'audio/wav', ${RECORDING.bytes.byteLength}, 2000, ${now + 30 * day}, ${user(CC_USERS.agent2.loginId)}, 'single', ${todayStart + 2 * 60_000});`,
    `INSERT INTO archive_parts (r2_key, org_id, dataset, month, rows, bytes, first_at, last_at) VALUES (${q(ARCHIVE_PART.key)}, ${orgId}, 'audit_log', '2025-01', 1, ${ARCHIVE_PART.bytes.byteLength}, ${ARCHIVE_PART.firstAt}, ${ARCHIVE_PART.firstAt});`,
    `INSERT INTO wrap_ups (call_id, org_id, agent_user_id, category_id, notes) VALUES ('call_browser_1', ${orgId}, ${user(CC_USERS.agent1.loginId)}, ${category(CC_CATEGORIES[0])}, '주차 요금 문의 안내');`,
    `INSERT INTO callbacks (id, org_id, queue_id, call_id, number, requested_at) VALUES ('cb_browser_1', ${orgId}, ${queue}, 'call_browser_4', '+821055550104', ${todayStart + 4 * 60_000 + 50_000});`,
    // Statistics read the per-hour rollups that the call path writes with each record; rows seeded
    // straight into D1 get theirs from the migration's own backfill statement, run again.
    'DELETE FROM cc_stats_hourly;',
    rollupBackfillSql(),
  );
  return out.join('\n');
}

export type Account = { org: string; loginId: string; password: string; name: string };

/** The platform operator, made by `npm run admin -- create-operator` in its own organisation. */
export const OPERATOR: Account = { org: '플랫폼운영', loginId: 'ops', password: 'Oper8tor!pw', name: '운영자' };
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
  writeFileSync(
    orgFile,
    JSON.stringify({
      org: { name: admin.org },
      users: Object.values(CC_USERS).map((u) => ({ ...u, password: CC_PASSWORD, mustChangePassword: false })),
      queues: [
        {
          name: QUEUE_NAME,
          members: [
            { loginId: CC_USERS.agent1.loginId, level: 1 },
            { loginId: CC_USERS.agent2.loginId, level: 2 },
            // The supervisor supervises the queue (and may play its recordings), offered last.
            { loginId: CC_USERS.supervisor.loginId, level: 3 },
          ],
        },
      ],
      consultCategories: [...CC_CATEGORIES],
    }),
  );
  run(TSX, ['scripts/admin.ts', 'apply', orgFile, ...persist], 'adding a queue and its agents (npm run admin -- apply)');
  run(
    TSX,
    ['scripts/admin.ts', 'create-operator', '--org', OPERATOR.org, '--login', OPERATOR.loginId, '--name', OPERATOR.name, ...persist],
    'creating the operator (npm run admin -- create-operator)',
    { OPERATOR_PASSWORD: INITIAL_PASSWORD },
  );
  const callsFile = path.join(stateDir, 'calls.sql');
  writeFileSync(callsFile, seedCallsSql(admin.org));
  run(WRANGLER, ['d1', 'execute', 'DB', '--file', callsFile, '--yes', ...persist], 'seeding contact-center calls');
  const recordingFile = path.join(stateDir, 'recording.wav');
  writeFileSync(recordingFile, RECORDING.bytes);
  run(
    WRANGLER,
    ['r2', 'object', 'put', `edge-safe-number-recordings/${RECORDING.key}`, '--file', recordingFile, '--content-type', 'audio/wav', ...persist],
    'storing the seeded recording in local R2',
  );
  const archiveFile = path.join(stateDir, 'archive-part.ndjson.gz');
  writeFileSync(archiveFile, ARCHIVE_PART.bytes);
  run(
    WRANGLER,
    ['r2', 'object', 'put', `edge-safe-number-files/${ARCHIVE_PART.key}`, '--file', archiveFile, '--content-type', 'application/x-ndjson', ...persist],
    'storing an archived month in local R2',
  );

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
    await firstLogin(baseUrl, OPERATOR);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, admin, stop };
}
