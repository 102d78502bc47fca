// Starting and stopping `wrangler dev` for `npm start` and the Node end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { PROJECT_ROOT, WRANGLER_BIN } from './wrangler';

/** A fresh Ed25519 pair in the encodings the worker expects (same as vitest.config.ts). */
export function simulatorKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    // Telnyx publishes the raw 32-byte key in base64; the SPKI DER ends with exactly those bytes.
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

/** The vars of a local run: the carrier simulator on, the Telnyx client pointed at it. */
export function localVars(port: number): Record<string, string> {
  const keys = simulatorKeys();
  return {
    CARRIER_SIMULATOR: 'on',
    TELNYX_PUBLIC_KEY: keys.publicKey,
    SIMULATOR_PRIVATE_KEY: keys.privateKey,
    TELNYX_API_KEY: 'KEY_local',
    TELNYX_API_BASE: `http://127.0.0.1:${port}/_sim`,
    TELNYX_CONNECTION_ID: 'conn-local',
    TELNYX_MESSAGING_PROFILE_ID: 'mp-local',
  };
}

export type DevServer = { url: string; child: ChildProcess; stop(): Promise<void> };

export type DevOptions = {
  port: number;
  /** Another inspector port than 9229, so a test run and `npm start` can live side by side. */
  inspectorPort?: number;
  persistTo?: string;
  vars: Record<string, string>;
  /** Show wrangler's own output (npm start) or keep it for error reports only (tests). */
  echo: boolean;
  readyTimeoutMs?: number;
};

/** True when nothing listens on the port (so a health answer later is really ours). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function startDevServer(opts: DevOptions): Promise<DevServer> {
  if (!(await portIsFree(opts.port))) throw new Error(`Port ${opts.port} is already in use; choose another with PORT=<port>.`);
  // --test-scheduled: the cron handler is run on purpose (npm start ticks it once; tests call it), so
  // wrangler's "Scheduled Workers are not automatically triggered" notice is noise.
  const args = [WRANGLER_BIN, 'dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--show-interactive-dev-session=false', '--test-scheduled'];
  if (opts.inspectorPort !== undefined) args.push('--inspector-port', String(opts.inspectorPort));
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  // wrangler shows --var values as "(hidden)" in its bindings table.
  for (const [k, v] of Object.entries(opts.vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // CLOUDFLARE_CF_FETCH_ENABLED=false: Miniflare would download the real `request.cf` (the
    // visitor's colo, country…) from workers.cloudflare.com and print a stack trace when offline; the
    // worker reads none of it, so the built-in stand-in serves locally and nothing is fetched.
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  let output = '';
  const collect = (d: Buffer, to: NodeJS.WriteStream) => {
    output = (output + d.toString()).slice(-20_000);
    if (opts.echo) to.write(d);
  };
  child.stdout?.on('data', (d: Buffer) => collect(d, process.stdout));
  child.stderr?.on('data', (d: Buffer) => collect(d, process.stderr));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  let gone: number | undefined;
  void exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`wrangler dev exited (${gone}) before it was ready:\n${output.slice(-4_000)}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status > 0) return { url, child, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`wrangler dev did not answer /api/health within the time limit:\n${output.slice(-4_000)}`);
}
