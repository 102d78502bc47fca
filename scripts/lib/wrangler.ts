// Running wrangler from the operator scripts: the project's own wrangler on the Node running us,
// and D1 access only through `wrangler d1 execute` (local state or the deployed database).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
// The package exports only its API, so the bin is found next to its package.json.
export const WRANGLER_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');

/** Where D1 lives: the local state `wrangler dev` uses (optionally another dir), or the deployed one. */
export type Target = { mode: 'local'; persistTo?: string } | { mode: 'remote' };

export function targetFlags(target: Target): string[] {
  if (target.mode === 'remote') return ['--remote'];
  return target.persistTo ? ['--local', '--persist-to', target.persistTo] : ['--local'];
}

export type RunResult = { code: number; stdout: string; stderr: string };

/** Runs a Node script without a TTY (so it never prompts) and collects its exit code and output. */
export function runNodeScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs wrangler without a TTY (so it never prompts) and collects its output. */
export function runWrangler(args: string[]): Promise<RunResult> {
  return runNodeScript(WRANGLER_BIN, args, { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' });
}

export class WranglerError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** A read: rows of one SELECT, via `--command … --json`. */
export async function d1Query<T>(target: Target, sql: string): Promise<T[]> {
  const res = await runWrangler(['d1', 'execute', 'DB', ...targetFlags(target), '--json', '--command', sql]);
  if (res.code !== 0) throw new WranglerError('wrangler d1 execute (read) failed', res.stderr || res.stdout);
  const start = res.stdout.indexOf('[');
  const parsed = JSON.parse(start >= 0 ? res.stdout.slice(start) : res.stdout) as { results?: T[] }[];
  return parsed[0]?.results ?? [];
}

/** A write: statements in a temporary .sql file (it may hold password hashes, so it is removed). */
export async function d1ExecuteFile(target: Target, statements: readonly string[]): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'esn-admin-'));
  const file = path.join(dir, 'apply.sql');
  try {
    await writeFile(file, statements.map((s) => `${s};\n`).join(''), { mode: 0o600 });
    const res = await runWrangler(['d1', 'execute', 'DB', ...targetFlags(target), '--yes', '--file', file]);
    if (res.code !== 0) throw new WranglerError('wrangler d1 execute (write) failed', res.stderr || res.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function applyMigrations(target: Target): Promise<void> {
  const res = await runWrangler(['d1', 'migrations', 'apply', 'DB', ...targetFlags(target)]);
  if (res.code !== 0) throw new WranglerError('wrangler d1 migrations apply failed', res.stderr || res.stdout);
}

/** A SQL string literal for the few reads the scripts make. */
export function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
