// `npm run bench`: a benchmark, not a test. Starts the worker locally (wrangler dev, simulator on,
// fresh D1 in a temp dir), drives 200 concurrent simulated calls through the carrier simulator,
// and reports /telnyx/webhook latency, D1 reads per call, the bundle size (gzip) and startup cost.
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_ANNOUNCEMENTS, SNAPSHOT_VERSION, type NumberSnapshot } from '../worker/routing/snapshot';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import { simulatorKeys } from './lib/dev-server';
import { applyMigrations, d1ExecuteFile, d1Query, PROJECT_ROOT, runWrangler, sqlText, type Target } from './lib/wrangler';

const WRANGLER_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const NUMBERS = 20;
const PORT = Number(process.env.BENCH_PORT ?? 8797);
/** Carrier-side durations at real speed: a 200-call burst of realistic calls, not a replay at 20x. */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 1);
const RING_MS = 2_000;
const TALK_MS = 5_000;
const CALL_SECONDS = Math.round((RING_MS + TALK_MS) / 1000 + 6 * TIME_SCALE);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const ms = (x: number | null) => (x === null || Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);

async function seed(target: Target) {
  const org = 'org_bench';
  const stmts = [`INSERT INTO orgs (id, name) VALUES ('${org}', ${sqlText(`bench-${Date.now()}`)})`];
  const numbers: { e164: string; mobile: string }[] = [];
  for (let i = 0; i < NUMBERS; i++) {
    const e164 = `+82505${String(10_000_000 + i)}`;
    const mobile = `+8210${String(20_000_000 + i)}`;
    const user = `usr_bench${i}`;
    const num = `num_bench${i}`;
    stmts.push(
      `INSERT INTO users (id, org_id, role, login_id, name, password_hash, mobile) VALUES ('${user}', '${org}', 'staff', 'bench${i}', '직원${i}', 'x', '${mobile}')`,
    );
    stmts.push(`INSERT INTO virtual_numbers (id, org_id, e164, owner_user_id) VALUES ('${num}', '${org}', '${e164}', '${user}')`);
    const snapshot: NumberSnapshot = {
      version: SNAPSHOT_VERSION,
      numberId: num,
      orgId: org,
      e164,
      kind: 'safe_number',
      paused: false,
      owner: { userId: user, mobile, disabled: false },
      forwardCallerId: e164,
      ringTimeoutSeconds: 30,
      timezone: 'Asia/Seoul',
      recordingEnabled: false,
      announcements: DEFAULT_ANNOUNCEMENTS,
    };
    stmts.push(
      `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES ('${e164}', '${org}', '${num}', ${SNAPSHOT_VERSION}, ${sqlText(JSON.stringify(snapshot))}, ${Date.now()})`,
    );
    numbers.push({ e164, mobile });
  }
  await d1ExecuteFile(target, stmts);
  return numbers;
}

/**
 * Builds the worker once into `dir` (what `wrangler deploy` would upload) with a config pointing at
 * it, so the bench runs a frozen snapshot: edits to the checkout cannot restart it mid-run.
 */
async function buildSnapshot(dir: string) {
  const res = await runWrangler(['deploy', '--dry-run', '--outdir', dir]);
  if (res.code !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${res.stderr || res.stdout}`);
  const toml = (await readFile(path.join(PROJECT_ROOT, 'wrangler.toml'), 'utf8'))
    .replace(/^main = .*$/m, `main = ${JSON.stringify(path.join(dir, 'index.js'))}`)
    .replace(/^directory = .*$/m, `directory = ${JSON.stringify(path.join(dir, 'assets'))}`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = ${JSON.stringify(path.join(PROJECT_ROOT, 'migrations'))}`);
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'wrangler.toml'), toml);
  const js = await readFile(path.join(dir, 'index.js'));
  const profile = path.join(dir, 'startup.cpuprofile');
  const check = await runWrangler(['check', 'startup', '--outfile', profile]);
  let startupMs: number | null = null;
  if (check.code === 0) {
    // CPU time of the startup phase: samples that are not the idle node.
    const p = JSON.parse(await readFile(profile, 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    startupMs = p.samples.reduce((sum, id, i) => (idle.has(id) ? sum : sum + (p.timeDeltas[i] ?? 0)), 0) / 1000;
  }
  return { config: path.join(dir, 'wrangler.toml'), rawKb: js.length / 1024, gzipKb: gzipSync(js).length / 1024, startupMs };
}

async function startSnapshot(config: string, persistTo: string, vars: Record<string, string>) {
  const args = [
    WRANGLER_BIN,
    'dev',
    '-c',
    config,
    '--no-bundle',
    '--ip',
    '127.0.0.1',
    '--port',
    String(PORT),
    '--inspector-port',
    String(PORT + 1000),
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
  ];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${PORT}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) })).status > 0) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`wrangler dev did not come up:\n${output}`);
}

async function main() {
  const persistTo = await mkdtemp(path.join(tmpdir(), 'esn-bench-'));
  const buildDir = await mkdtemp(path.join(tmpdir(), 'esn-bench-build-'));
  console.log('▸ building a frozen copy of the worker…');
  const bundle = await buildSnapshot(buildDir);
  const target: Target = { mode: 'local', persistTo };
  const keys = simulatorKeys();
  console.log(`▸ fresh local D1 in ${persistTo}`);
  await applyMigrations(target);
  const numbers = await seed(target);
  const vars = {
    CARRIER_SIMULATOR: 'on',
    TELNYX_PUBLIC_KEY: keys.publicKey,
    SIMULATOR_PRIVATE_KEY: keys.privateKey,
    TELNYX_API_KEY: 'KEY_bench',
    TELNYX_API_BASE: `http://127.0.0.1:${PORT}/_sim`,
    TELNYX_CONNECTION_ID: 'conn-bench',
    TELNYX_MESSAGING_PROFILE_ID: 'mp-bench',
  };
  console.log('▸ starting wrangler dev (simulator on)…');
  const bootStarted = performance.now();
  const server = await startSnapshot(bundle.config, persistTo, vars);
  const bootMs = performance.now() - bootStarted;
  const api = async <T>(p: string, body?: unknown): Promise<T> => {
    const res = await fetch(
      `${server.url}/_sim${p}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
    );
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const loadBefore = loadavg()[0]!.toFixed(1);
  try {
    // Warm-up: one call, so isolate start-up is not billed to the first of the 200.
    const firstStarted = performance.now();
    await fetch(`${server.url}/_sim/api/stats`);
    const firstRequestMs = performance.now() - firstStarted;

    for (const [i, n] of numbers.entries()) {
      // Mostly answered after a ring; some never answer, some are busy: the three common paths.
      const answer = i % 10 === 9 ? 'never' : i % 10 === 8 ? 'busy' : 'after';
      await api('/api/parties', { number: n.mobile, answer, afterMs: RING_MS, hangupAfterMs: TALK_MS });
    }
    await api('/api/stats/reset', {});
    const before = await api<{ snapshotReads: number; callRecordWrites: number }>('/api/worker-stats');
    const readsBefore = before.snapshotReads;
    const writesBefore = before.callRecordWrites;

    console.log(`▸ placing ${CALLS} concurrent calls…`);
    const started = performance.now();
    const placed = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        api<{ callSessionId: string }>('/api/calls', { from: `+8210${String(30_000_000 + i)}`, to: numbers[i % NUMBERS]!.e164, timeScale: TIME_SCALE }),
      ),
    );
    // Poll one cheap counter, not 200 sessions: the bench must not become the load it measures.
    const deadline = Date.now() + 180_000;
    let written = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      written = (await api<{ callRecordWrites: number }>('/api/worker-stats')).callRecordWrites - writesBefore;
      if (written >= CALLS) break;
    }
    const wallS = (performance.now() - started) / 1000;
    const stats = await api<{ deliveries: number; p50: number | null; p99: number | null; max: number | null }>('/api/stats');
    const reads = (await api<{ snapshotReads: number }>('/api/worker-stats')).snapshotReads - readsBefore;
    const outcomes = await d1Query<{ outcome: string; n: number }>(
      target,
      "SELECT outcome, COUNT(*) AS n FROM calls WHERE org_id = 'org_bench' GROUP BY outcome",
    );
    const records = outcomes.reduce((sum, o) => sum + o.n, 0);

    // The same endpoint over real HTTP from outside: 200 concurrent signed deliveries.
    const key = createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    const ids = [...placed.map((p) => p.callSessionId)];
    const deliverOne = async (sessionId: string, eventType = 'call.dtmf.received') => {
      const body = JSON.stringify({
        data: {
          record_type: 'event',
          event_type: eventType,
          id: crypto.randomUUID(),
          occurred_at: new Date().toISOString(),
          payload: {
            call_control_id: `v3:bench-${sessionId}`,
            call_leg_id: crypto.randomUUID(),
            call_session_id: sessionId,
            connection_id: 'conn-bench',
            digit: '1',
          },
        },
        meta: { attempt: 1, delivered_to: `${server.url}/telnyx/webhook` },
      });
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(`${ts}|${body}`), key).toString('base64');
      const t0 = performance.now();
      const res = await fetch(`${server.url}/telnyx/webhook`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'telnyx-timestamp': ts, 'telnyx-signature-ed25519': signature },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return performance.now() - t0;
    };
    const httpLatencies = await Promise.all(ids.map((id) => deliverOne(id)));
    const sequential: number[] = [];
    for (const id of ids.slice(0, 50)) sequential.push(await deliverOne(id));
    // The same, for an event type ingress acknowledges without a Durable Object: verify + parse only.
    const noDo = await Promise.all(ids.map((id) => deliverOne(id, 'call.cost')));
    // Baseline of the local stack itself (wrangler's proxy + workerd on this machine): a trivial route.
    const baseline = await Promise.all(
      ids.map(async () => {
        const t0 = performance.now();
        await (await fetch(`${server.url}/api/health`)).arrayBuffer();
        return performance.now() - t0;
      }),
    );

    await server.stop();
    console.log(`
── bench results (${new Date().toISOString()}) ──────────────────────────────
calls placed concurrently        ${CALLS} (${NUMBERS} safe numbers; 80% answered, 10% busy, 10% no answer)
calls finished and recorded      ${written}/${CALLS} in ${wallS.toFixed(1)} s (real-time pacing: ~${CALL_SECONDS} s per call); D1 call records: ${records}
outcomes                         ${outcomes.map((o) => `${o.outcome} ${o.n}`).join(', ')}
machine                          ${cpus().length} CPUs, load average before/after ${loadBefore} / ${loadavg()[0]!.toFixed(1)}
/telnyx/webhook, simulator → worker in-process (${stats.deliveries} deliveries under load)
  p50 ${ms(stats.p50)}   p99 ${ms(stats.p99)}   max ${ms(stats.max)}
/telnyx/webhook over HTTP, ${ids.length} concurrent signed deliveries from outside
  p50 ${ms(quantile(httpLatencies, 0.5))}   p99 ${ms(quantile(httpLatencies, 0.99))}
/telnyx/webhook over HTTP, ${noDo.length} concurrent, ignored event type (signature + schema, no DO)
  p50 ${ms(quantile(noDo, 0.5))}   p99 ${ms(quantile(noDo, 0.99))}
baseline: GET /api/health over HTTP, ${baseline.length} concurrent (the local stack's own cost)
  p50 ${ms(quantile(baseline, 0.5))}   p99 ${ms(quantile(baseline, 0.99))}
/telnyx/webhook over HTTP, one at a time (unloaded), ${sequential.length} deliveries
  p50 ${ms(quantile(sequential, 0.5))}   p99 ${ms(quantile(sequential, 0.99))}
D1 reads per call (inbound path)  ${(reads / CALLS).toFixed(2)} (${reads} snapshot reads for ${CALLS} calls; later events of a call read nothing)
worker bundle                    ${bundle.rawKb.toFixed(0)} KiB raw, ${bundle.gzipKb.toFixed(0)} KiB gzip (wrangler deploy --dry-run)
startup (cold start)             ${bundle.startupMs === null ? 'n/a' : ms(bundle.startupMs)} CPU in the startup phase (wrangler check startup, local workerd)
wrangler dev boot / first request ${ms(bootMs)} / ${ms(firstRequestMs)}
`);
    if (written < CALLS) process.exitCode = 1;
  } finally {
    await server.stop();
    await rm(persistTo, { recursive: true, force: true });
    await rm(buildDir, { recursive: true, force: true });
  }
}

await main();
