// The operator CLI end to end, as an operator runs it: real wrangler against a throwaway local
// state (--persist-to), then the real worker (wrangler dev) on that state.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localVars, startDevServer } from '../../scripts/lib/dev-server';
import { applyMigrations, d1Query, PROJECT_ROOT, type Target } from '../../scripts/lib/wrangler';

const TSX = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

let dir: string;
let target: Target;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, 'scripts/admin.ts', ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const local = () => ['--local', '--persist-to', dir];

/** Everything the CLI could have written, in one read. */
async function snapshot(): Promise<unknown> {
  const [row] = await d1Query<Record<string, unknown>>(
    target,
    `SELECT
      (SELECT group_concat(id || '|' || name || '|' || timezone || '|' || service_level_seconds, ',') FROM orgs) AS orgs,
      (SELECT group_concat(id || '|' || login_id || '|' || name || '|' || role || '|' || coalesce(mobile, '') || '|' || password_hash || '|' || coalesce(updated_at, ''), ',') FROM users) AS users,
      (SELECT group_concat(e164 || '|' || coalesce(owner_user_id, '') || '|' || coalesce(queue_id, ''), ',') FROM virtual_numbers) AS numbers,
      (SELECT count(*) FROM teams) AS teams, (SELECT count(*) FROM schedules) AS schedules,
      (SELECT count(*) FROM announcements) AS announcements, (SELECT count(*) FROM announcement_choices) AS choices,
      (SELECT count(*) FROM list_entries) AS lists, (SELECT count(*) FROM queues) AS queues,
      (SELECT count(*) FROM queue_members) AS members, (SELECT count(*) FROM consult_categories) AS categories,
      (SELECT count(*) FROM holidays) AS holidays`,
  );
  return row;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'esn-cli-'));
  target = { mode: 'local', persistTo: dir };
  await applyMigrations(target);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run admin', () => {
  it('create-org makes an org and admin whose Node-made password hash the worker accepts at login', async () => {
    const res = await cli('create-org', '--name', 'CLI시청', '--admin', 'boss', '--password', 'Start123!', '--timezone', 'Asia/Seoul', ...local());
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('CLI시청');
    expect(res.stdout).not.toContain('Start123!');

    const rows = await d1Query<{ name: string; timezone: string; login_id: string; role: string; password_hash: string; must_change_password: number }>(
      target,
      "SELECT o.name, o.timezone, u.login_id, u.role, u.password_hash, u.must_change_password FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.name = 'CLI시청'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'CLI시청', timezone: 'Asia/Seoul', login_id: 'boss', role: 'org_admin', must_change_password: 1 });
    expect(rows[0]?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);

    // The real worker on the same state: the hash made in Node verifies in workerd.
    const port = 30_000 + Math.floor(Math.random() * 10_000);
    const server = await startDevServer({ port, inspectorPort: port + 1, persistTo: dir, vars: localVars(port), echo: false });
    try {
      const login = (password: string) =>
        fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url },
          body: JSON.stringify({ org: 'CLI시청', loginId: 'boss', password }),
        });
      const ok = await login('Start123!');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ user: { role: 'org_admin', mustChangePassword: true } });
      expect((await login('Start123?')).status).toBe(401);
    } finally {
      await server.stop();
    }

    const again = await cli('create-org', '--name', 'CLI시청', '--admin', 'other', '--password', 'Start123!', ...local());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('create-org names the flag that is wrong and writes nothing', async () => {
    const before = await snapshot();
    const res = await cli('create-org', '--name', '새시청', '--admin', 'has space', '--password', 'short', ...local());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--admin:');
    expect(res.stderr).toContain('--password:');
    expect(await snapshot()).toEqual(before);
  });

  it('apply provisions the demo file, and applying it again changes nothing', async () => {
    const first = await cli('apply', 'scripts/demo-org.json', ...local());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const once = (await snapshot()) as Record<string, unknown>;
    expect(once).toMatchObject({ teams: 3, announcements: 12, choices: 12, queues: 1, members: 2, categories: 4, holidays: 1, lists: 2, schedules: 2 });
    expect(String(once.numbers)).toContain('+825012340001');

    const second = await cli('apply', 'scripts/demo-org.json', ...local());
    expect(second.code).toBe(0);
    expect(await snapshot()).toEqual(once);
  });

  it('apply with a bad file exits non-zero, names the fields, and changes nothing', async () => {
    const before = await snapshot();
    const demo = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'scripts', 'demo-org.json'), 'utf8')) as {
      org: { name: string };
      users: { mobile?: string; name: string }[];
      numbers: { number: string; owner?: string }[];
    };
    const bad = structuredClone(demo);
    bad.users[0]!.name = '바뀐이름';
    bad.users[2]!.mobile = '12';
    const badFile = path.join(dir, 'bad.json');
    await writeFile(badFile, JSON.stringify(bad));
    const res = await cli('apply', badFile, ...local());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('users[2].mobile: Enter a valid phone number.');
    expect(res.stderr).toContain('nothing was written');

    // Another organisation may not take a number that the demo org holds.
    const thief = { org: { name: '다른시청' }, numbers: [{ number: demo.numbers[0]!.number }] };
    const thiefFile = path.join(dir, 'thief.json');
    await writeFile(thiefFile, JSON.stringify(thief));
    const stolen = await cli('apply', thiefFile, ...local());
    expect(stolen.code).toBe(1);
    expect(stolen.stderr).toContain('numbers[0].number: Another organisation holds this number.');

    await writeFile(badFile, '{"org": ');
    const broken = await cli('apply', badFile, ...local());
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('cannot read it as JSON');

    expect(await snapshot()).toEqual(before);
  });

  it('usage mistakes exit 2 without touching anything', async () => {
    expect((await cli('apply', 'scripts/demo-org.json')).code).toBe(2);
    expect((await cli('apply', 'scripts/demo-org.json', '--local', '--remote')).code).toBe(2);
    expect((await cli('launch-rockets', '--local')).code).toBe(2);
    expect((await cli('create-org', '--name', 'x', '--local', '--persist-to', dir)).code).toBe(2);
  });
});
