// The operator CLI end to end, as an operator runs it: real wrangler against a throwaway local
// state (--persist-to), then the real worker (wrangler dev) on that state.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, main } from '../../scripts/admin';
import { localVars, startDevServer } from '../../scripts/lib/dev-server';
import { applyMigrations, d1Query, PROJECT_ROOT, runNodeScript, type RunResult, type Target } from '../../scripts/lib/wrangler';

const TSX = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

// Throwaway states, so the create-org, create-operator and apply flows run side by side.
let root: string;
const dirs = { create: '', apply: '', operator: '' };

function cli(...args: string[]): Promise<RunResult> {
  return runNodeScript(TSX, ['scripts/admin.ts', ...args]);
}

const local = (dir: string) => ['--local', '--persist-to', dir];
const targetOf = (dir: string): Target => ({ mode: 'local', persistTo: dir });

/** Everything the CLI could have written, in one read. */
async function snapshot(dir: string): Promise<unknown> {
  const [row] = await d1Query<Record<string, unknown>>(
    targetOf(dir),
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
  root = await mkdtemp(path.join(tmpdir(), 'esn-cli-'));
  dirs.create = path.join(root, 'create');
  dirs.apply = path.join(root, 'apply');
  dirs.operator = path.join(root, 'operator');
  await Promise.all([applyMigrations(targetOf(dirs.create)), applyMigrations(targetOf(dirs.apply)), applyMigrations(targetOf(dirs.operator))]);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe.concurrent('npm run admin', () => {
  it('create-org makes an org and admin whose Node-made password hash the worker accepts; bad flags are named and write nothing', async () => {
    const dir = dirs.create;
    const res = await cli('create-org', '--name', 'CLI시청', '--admin', 'boss', '--password', 'Start123!', '--timezone', 'Asia/Seoul', ...local(dir));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('CLI시청');
    expect(res.stdout).not.toContain('Start123!');

    const rows = await d1Query<{ name: string; timezone: string; login_id: string; role: string; password_hash: string; must_change_password: number }>(
      targetOf(dir),
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

    const before = await snapshot(dir);
    const again = await cli('create-org', '--name', 'CLI시청', '--admin', 'other', '--password', 'Start123!', ...local(dir));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const bad = await cli('create-org', '--name', '새시청', '--admin', 'has space', '--password', 'short', ...local(dir));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--admin:');
    expect(bad.stderr).toContain('--password:');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('apply provisions the demo file, applying it again changes nothing, and a bad file changes nothing', async () => {
    const dir = dirs.apply;
    const first = await cli('apply', 'scripts/demo-org.json', ...local(dir));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const once = (await snapshot(dir)) as Record<string, unknown>;
    expect(once).toMatchObject({ teams: 3, announcements: 12, choices: 12, queues: 1, members: 3, categories: 5, holidays: 1, lists: 2, schedules: 2 });
    expect(String(once.numbers)).toContain('+825012340001');

    const second = await cli('apply', 'scripts/demo-org.json', ...local(dir));
    expect(second.code).toBe(0);
    expect(await snapshot(dir)).toEqual(once);

    const before = once;
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
    const res = await cli('apply', badFile, ...local(dir));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('users[2].mobile: Enter a valid phone number.');
    expect(res.stderr).toContain('nothing was written');

    // Another organisation may not take a number that the demo org holds.
    const thief = { org: { name: '다른시청' }, numbers: [{ number: demo.numbers[0]!.number }] };
    const thiefFile = path.join(dir, 'thief.json');
    await writeFile(thiefFile, JSON.stringify(thief));
    const stolen = await cli('apply', thiefFile, ...local(dir));
    expect(stolen.code).toBe(1);
    expect(stolen.stderr).toContain('numbers[0].number: Another organisation holds this number.');

    await writeFile(badFile, '{"org": ');
    const broken = await cli('apply', badFile, ...local(dir));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('cannot read it as JSON');

    expect(await snapshot(dir)).toEqual(before);
  });

  it('create-operator makes the platform organisation and an operator who must change the password; a taken login ID and bad flags write nothing', async () => {
    const dir = dirs.operator;
    const res = await cli('create-operator', '--org', '플랫폼운영', '--login', 'ops', '--password', 'Oper8tor!', ...local(dir));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain('Oper8tor!');
    const rows = await d1Query<{ login_id: string; role: string; must_change_password: number }>(
      targetOf(dir),
      "SELECT u.login_id, u.role, u.must_change_password FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.name = '플랫폼운영'",
    );
    expect(rows).toEqual([{ login_id: 'ops', role: 'operator', must_change_password: 1 }]);
    const before = await snapshot(dir);
    const again = await cli('create-operator', '--org', '플랫폼운영', '--login', 'ops', '--password', 'Oper8tor!', ...local(dir));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const bad = await cli('create-operator', '--org', '플랫폼운영', '--login', 'has space', '--password', 'short', ...local(dir));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--login:');
    expect(bad.stderr).toContain('--password:');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('usage mistakes are exit code 2, before wrangler is ever started', async () => {
    // In-process: these fail in argument parsing, so no state is needed.
    const exitCode = (argv: string[]) =>
      main(argv).then(
        () => 0,
        (err: unknown) => (err instanceof CliError ? err.exitCode : -1),
      );
    expect(await exitCode(['apply', 'scripts/demo-org.json'])).toBe(2);
    expect(await exitCode(['apply', 'scripts/demo-org.json', '--local', '--remote'])).toBe(2);
    expect(await exitCode(['apply', '--local'])).toBe(2);
    expect(await exitCode(['launch-rockets', '--local'])).toBe(2);
    expect(await exitCode(['create-org', '--name', 'x', '--local'])).toBe(2);
    expect(await exitCode(['apply', 'x.json', '--remote', '--persist-to', '/tmp/x'])).toBe(2);
  });
});
