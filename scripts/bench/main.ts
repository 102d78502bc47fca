// `npm run bench`: a benchmark, not a test. A frozen build of the worker runs under `wrangler dev`
// (local tracing off); a Node carrier (the simulator's own leg model) plays Telnyx and delivers
// signed webhooks straight to the worker's workerd socket. Reports, beside their budgets: CPU per
// webhook of that workerd process and the floor (verify + parse) measured in the same run, first
// command latency at 200 concurrent calls and unloaded, an open-loop sweep, storage work per event,
// D1 reads and Telnyx requests per call, bundle size and cold start; writes bench/results.json.
// `--profile` adds the worker's top CPU frames under load (CDP through the inspector port).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { d1ExecuteFile, d1Query, PROJECT_ROOT, sqlText, type Target } from '../lib/wrangler';
import type { NodeCarrier } from './carrier';
import { measureFloor, measurePlatform, measurePlatformMedian } from './floor';
import { benchFlows, untilQuiet } from './flows';
import { benchPhonebook } from './phonebook';
import { benchPopup } from './popup';
import { benchQueueObject } from './queue-do';
import { bundleModules, printProfile, profileWhile } from './profile';
import { platformPerWebhook, printFlows, printReport, type Results } from './report';
import { prepareRig, startRig, stopRig } from './rig';
import type { Worker } from './workerd';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const NUMBERS = 20;
const PORT = Number(process.env.BENCH_PORT ?? 8797);
/** Carrier-side durations: speech and dial timeouts at a tenth of real time, so the sweep's calls are short. */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 0.1);
const RING_MS = 300;
const TALK_MS = 1_000;
const RATES = (process.env.BENCH_RATES ?? '25,50,100,200,400')
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
const SWEEP_SECONDS = Number(process.env.BENCH_SWEEP_SECONDS ?? 4);
const PROFILE = process.argv.includes('--profile');
/** `BENCH_QUICK=1`: the bursts, the floors and (with --profile) the profile only, and the sweep only when BENCH_RATES is given. */
const QUICK = Boolean(process.env.BENCH_QUICK);
/** The 200-call burst is repeated: one run on a 2-core machine moves by ±10 %. */
const BURSTS = Number(process.env.BENCH_BURSTS ?? 3);
/** Calls per flow in the per-flow table. */
const FLOW_CALLS = Number(process.env.BENCH_FLOW_CALLS ?? 60);
/** Milliseconds between a flow's calls in the per-flow table (`BENCH_FLOW_SPACING_MS`; the table's figures are at 100). */
const FLOW_SPACING_MS = Number(process.env.BENCH_FLOW_SPACING_MS ?? 100);
/** Rounds per flow, each its own window and twin (`BENCH_FLOW_ROUNDS`): the spread of the pairs shows the machine's noise. */
const FLOW_ROUNDS = Math.max(1, Number(process.env.BENCH_FLOW_ROUNDS ?? 1));
/** `BENCH_FLOWS_ONLY=1`: the unloaded calls, the runtime's costs and the per-flow table only (a few minutes). */
const FLOWS_ONLY = Boolean(process.env.BENCH_FLOWS_ONLY);

/** Calls are placed at a Wednesday 11:00 in Seoul (their events' occurred_at): inside the bench org's default hours. */
const WORKING_INSTANT = Date.parse('2026-12-02T11:00:00+09:00');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};

type Numbers = { e164: string; mobile: string }[];

async function seed(target: Target): Promise<Numbers> {
  const org = 'org_bench';
  const stmts = [`INSERT INTO orgs (id, name) VALUES ('${org}', ${sqlText(`bench-${Date.now()}`)})`];
  const numbers: Numbers = [];
  for (let i = 0; i < NUMBERS; i++) {
    const e164 = `+82505${String(10_000_000 + i)}`;
    const mobile = `+8210${String(20_000_000 + i)}`;
    stmts.push(
      `INSERT INTO users (id, org_id, role, login_id, name, password_hash, mobile) VALUES ('usr_bench${i}', '${org}', 'staff', 'bench${i}', '직원${i}', 'x', '${mobile}')`,
      `INSERT INTO virtual_numbers (id, org_id, e164, owner_user_id) VALUES ('num_bench${i}', '${org}', '${e164}', 'usr_bench${i}')`,
      // A placeholder, as the operator CLI leaves it: the worker's own compiler builds it (cron tick).
      `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES ('${e164}', '${org}', 'num_bench${i}', 0, '{}', 0)`,
    );
    numbers.push({ e164, mobile });
  }
  await d1ExecuteFile(target, stmts);
  return numbers;
}

type WorkerStats = Record<string, number>;

/** Counters the worker keeps per isolate (served under /_sim only when the simulator is on). */
async function workerStats(w: Worker): Promise<WorkerStats> {
  const res = await fetch(`${w.directUrl}/_sim/api/worker-stats`);
  return (await res.json()) as WorkerStats;
}

type CallMetrics = {
  calls: number;
  firstCommandMs: number[];
  ackMs: number[];
  webhooks: number;
  ackTimeouts: number;
  shed503: number;
  otherFailures: number;
  commands: number;
  unansweredCalls: number;
};

/** First command and acknowledgement figures for the calls placed (by session id). */
function callMetrics(carrier: NodeCarrier, sessions: Set<string>): CallMetrics {
  const initiatedAt = new Map<string, number>();
  const firstCommand = new Map<string, number>();
  const m: CallMetrics = {
    calls: sessions.size,
    firstCommandMs: [],
    ackMs: [],
    webhooks: 0,
    ackTimeouts: 0,
    shed503: 0,
    otherFailures: 0,
    commands: 0,
    unansweredCalls: 0,
  };
  for (const d of carrier.deliveries) {
    if (!sessions.has(d.session)) continue;
    m.webhooks++;
    m.ackMs.push(d.ms);
    if (d.status === 0) m.ackTimeouts++;
    else if (d.status === 503) m.shed503++;
    else if (d.status < 200 || d.status >= 300) m.otherFailures++;
    if (d.type === 'call.initiated' && !initiatedAt.has(d.session)) initiatedAt.set(d.session, d.sentAt);
  }
  for (const e of carrier.model.log) {
    if (e.kind !== 'command' || !sessions.has(e.session)) continue;
    m.commands++;
    if (!firstCommand.has(e.session)) firstCommand.set(e.session, e.at);
  }
  for (const s of sessions) {
    const a = initiatedAt.get(s);
    const b = firstCommand.get(s);
    if (a !== undefined && b !== undefined) m.firstCommandMs.push(b - a);
    else m.unansweredCalls++;
  }
  return m;
}

async function main() {
  const results: Partial<Results> = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', loadBefore: loadavg()[0]! },
  };
  const rig = await prepareRig('bench');
  const { bundle, target, keys, buildDir } = rig;
  results.bundle = { rawKb: bundle.rawKb, gzipKb: bundle.gzipKb, startupMs: bundle.startupMs };
  const numbers = await seed(target);
  // Count D1 statements and object requests for the per-flow table (worker/metering.ts).
  const { carrier, worker } = await startRig(rig, PORT, { BENCH_METER: 'on' }).catch(async (err: unknown) => {
    await stopRig(rig);
    throw err;
  });
  console.log(`▸ worker's workerd: pid ${worker.pid}, direct socket ${worker.directUrl}`);
  try {
    // The cron tick compiles the routing snapshots the seed left as placeholders.
    await (await fetch(`${worker.proxyUrl}/cdn-cgi/local/scheduled`)).arrayBuffer();
    const built = await d1Query<{ n: number }>(target, 'SELECT COUNT(*) AS n FROM routing_snapshots WHERE version > 0');
    if ((built[0]?.n ?? 0) < NUMBERS) throw new Error('routing snapshots were not compiled by the scheduled handler');

    for (const [i, n] of numbers.entries()) {
      // Mostly answered after a ring; some never answer, some are busy: the three common paths.
      const answer = i % 10 === 9 ? 'never' : i % 10 === 8 ? 'busy' : 'after';
      carrier.model.setParty({ number: n.mobile, answer, afterMs: RING_MS, hangupAfterMs: TALK_MS });
    }
    let callNo = 0;
    const benchStart = Date.now();
    const place = () => {
      const i = callNo++;
      return carrier.model.placeCall({
        from: `+8210${String(30_000_000 + i)}`,
        to: numbers[i % NUMBERS]!.e164,
        timeScale: TIME_SCALE,
        deliver: true,
        at: WORKING_INSTANT + (Date.now() - benchStart),
      }).callSessionId;
    };
    const recordsWritten = async () => (await workerStats(worker)).callRecordWrites ?? 0;
    const waitForRecords = async (target: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      let n = await recordsWritten();
      while (n < target && Date.now() < deadline) {
        await sleep(500);
        n = await recordsWritten();
      }
      return n;
    };

    console.log('▸ warm-up and unloaded calls, one at a time…');
    for (let i = 0; i < 10; i++) place();
    await waitForRecords(10, 60_000);
    const unloaded = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const id = place();
      unloaded.add(id);
      await sleep(150);
    }
    await waitForRecords(40, 60_000);
    const unloadedM = callMetrics(carrier, unloaded);
    if (process.env.BENCH_UNLOADED_ONLY) {
      const sorted = [...unloadedM.firstCommandMs].sort((a, b) => a - b);
      console.log(`unloaded first command p50 ${quantile(unloadedM.firstCommandMs, 0.5)} ms: ${sorted.map((x) => x.toFixed(0)).join(' ')}`);
      return;
    }
    if (!QUICK && !FLOWS_ONLY) console.log('▸ popup latency: call.initiated → the ringing popup on an open socket…');
    if (!QUICK && !FLOWS_ONLY)
      results.popup = await benchPopup({
        target,
        worker,
        carrier,
        number: numbers[0]!,
        userId: 'usr_bench0',
        orgId: 'org_bench',
        at: () => WORKING_INSTANT + (Date.now() - benchStart),
      });
    if (!FLOWS_ONLY) {
      console.log("▸ phonebook: a 10,000-row XLSX read in the browser's modules and imported in chunks…");
      results.phonebook = await benchPhonebook({ target, worker, userId: 'usr_bench1', orgId: 'org_bench' });
    }
    if (!QUICK && !FLOWS_ONLY) console.log('▸ queue throughput: a burst of callers through one Queue object to agents who answer at once…');
    if (!QUICK && !FLOWS_ONLY) results.queueObject = await benchQueueObject({ target, worker, carrier });
    if (process.env.BENCH_TIMELINE) {
      // One call's timeline: when each webhook was sent and acknowledged, when each command came.
      const id = [...unloaded][5]!;
      const t0 = carrier.deliveries.find((d) => d.session === id)!.sentAt;
      const rows = [
        ...carrier.deliveries.filter((d) => d.session === id).map((d) => ({ at: d.sentAt - t0, what: `→ ${d.type} (ack ${d.ms.toFixed(1)} ms, ${d.status})` })),
        ...carrier.model.log.filter((e) => e.session === id && e.kind === 'command').map((e) => ({ at: e.at - t0, what: `← ${e.name}` })),
      ].sort((a, b) => a.at - b.at);
      for (const r of rows) console.log(`  ${String(r.at).padStart(5)} ms  ${r.what}`);
    }
    results.unloaded = { calls: unloaded.size, firstCommandP50: quantile(unloadedM.firstCommandMs, 0.5), ackP50: quantile(unloadedM.ackMs, 0.5) };
    // The probes of the runtime's costs run once every earlier call has retired (a connected call
    // lingers a minute): otherwise those calls' last steps land in the probes' figures.
    const quietBeforeProbes = async () => {
      if (!(await untilQuiet(() => workerStats(worker)))) console.log('  (calls still in hand after 150 s: the probes run beside them)');
    };
    const flowTable = async () => {
      await quietBeforeProbes();
      console.log("▸ the runtime's own cost of each operation a call needs, two at a time as in the per-flow runs (median of five passes)…");
      const platform = await measurePlatformMedian(worker, 5, 600, 2);
      console.log(`▸ per flow: ${FLOW_CALLS} calls of each${FLOW_ROUNDS > 1 ? ` in each of ${FLOW_ROUNDS} rounds` : ''}, one flow at a time…`);
      const run = () =>
        benchFlows({ target, worker, carrier, platform, stats: () => workerStats(worker), calls: FLOW_CALLS, floors: !PROFILE }, FLOW_SPACING_MS, FLOW_ROUNDS);
      if (!(PROFILE && FLOWS_ONLY)) return { platform, flows: await run() };
      // Where the per-flow calls spend the isolate's time.
      let flows: Awaited<ReturnType<typeof run>> = [];
      const moduleOf = bundleModules(await readFile(path.join(buildDir, 'index.js'), 'utf8'));
      printProfile(await profileWhile(worker.inspectorPort, async () => void (flows = await run()), 40, moduleOf));
      return { platform, flows };
    };
    if (FLOWS_ONLY) {
      const { platform, flows } = await flowTable();
      results.flowPlatform = platform;
      results.flows = flows;
      console.log(`\nunloaded first command p50 ${results.unloaded.firstCommandP50} ms (${unloaded.size} calls)`);
      printFlows(results as Results);
      if (process.env.BENCH_OUT) await writeFile(path.resolve(PROJECT_ROOT, 'bench', process.env.BENCH_OUT), `${JSON.stringify(results, null, 2)}\n`);
      return;
    }

    const runBurst = async (): Promise<Results['burst']> => {
      const before = await workerStats(worker);
      const cpu0 = worker.cpuSeconds();
      const split0 = worker.cpu();
      const threads0 = worker.threads();
      const burst = new Set<string>();
      const burstStart = Date.now();
      for (let i = 0; i < CALLS; i++) burst.add(place());
      const recorded = await waitForRecords((before.callRecordWrites ?? 0) + CALLS, 120_000);
      const burstWall = (Date.now() - burstStart) / 1000;
      const cpuBurst = worker.cpuSeconds() - cpu0;
      const split1 = worker.cpu();
      const threads1 = worker.threads();
      const perThread = [...threads1].map(([tid, cpu]) => cpu - (threads0.get(tid) ?? 0));
      if (process.env.BENCH_DEBUG) console.log(`  threads: ${threads0.size} → ${threads1.size}, busiest ${Math.max(...perThread)} s of ${cpuBurst} s`);
      const after = await workerStats(worker);
      const b = callMetrics(carrier, burst);
      const outcomes = await d1Query<{ outcome: string; n: number }>(
        target,
        "SELECT outcome, COUNT(*) AS n FROM calls WHERE org_id = 'org_bench' GROUP BY outcome",
      );
      console.log(`  outcomes so far: ${outcomes.map((o) => `${o.outcome} ${o.n}`).join(', ')}`);
      if (process.env.BENCH_DEBUG) console.log(JSON.stringify(await d1Query(target, "SELECT started_at, trace FROM calls WHERE org_id = 'org_bench' LIMIT 1")));
      const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
      const jobsPerCall = Object.fromEntries(
        Object.keys(after)
          .filter((k) => k.includes(':') && delta(k) > 0)
          .sort()
          .map((k) => [k, delta(k) / CALLS]),
      );
      console.log(
        `  jobs per call: ${Object.entries(jobsPerCall)
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(', ')}`,
      );
      return {
        calls: CALLS,
        recorded: recorded - (before.callRecordWrites ?? 0),
        wallSeconds: burstWall,
        webhooks: b.webhooks,
        webhooksPerCall: b.webhooks / CALLS,
        cpuMsPerWebhook: (cpuBurst * 1000) / b.webhooks,
        userMsPerWebhook: ((split1.user - split0.user) * 1000) / b.webhooks,
        systemMsPerWebhook: ((split1.system - split0.system) * 1000) / b.webhooks,
        firstCommandP50: quantile(b.firstCommandMs, 0.5),
        firstCommandP99: quantile(b.firstCommandMs, 0.99),
        ackP50: quantile(b.ackMs, 0.5),
        ackP99: quantile(b.ackMs, 0.99),
        ackTimeouts: b.ackTimeouts,
        shed503: b.shed503,
        telnyxRequestsPerCall: b.commands / CALLS,
        d1ReadsPerCall: delta('snapshotReads') / CALLS,
        sqlStatementsPerEvent: after.events !== undefined ? delta('sqlStatements') / Math.max(1, delta('events')) : null,
        alarmWritesPerEvent: after.events !== undefined ? delta('alarmWrites') / Math.max(1, delta('events')) : null,
        // The hosts' document writes, as this row has always counted (the objects' other keys are in the per-flow table).
        storageWritesPerEvent: after.events !== undefined ? delta('docWrites') / Math.max(1, delta('events')) : null,
        jobsPerCall,
        busiestThreadShare: cpuBurst > 0 && perThread.length ? Math.max(...perThread) / cpuBurst : null,
      };
    };
    console.log(`▸ ${CALLS} calls at once, ${BURSTS} times (the run with the median CPU per webhook is reported)…`);
    const runs: Results['burst'][] = [];
    for (let i = 0; i < BURSTS; i++) {
      if (i) await sleep(3000);
      const run = await runBurst();
      console.log(`  burst ${i + 1}: ${run.cpuMsPerWebhook.toFixed(3)} ms CPU/webhook, first command p50/p99 ${run.firstCommandP50}/${run.firstCommandP99} ms`);
      runs.push(run);
    }
    results.burst = [...runs].sort((x, y) => x.cpuMsPerWebhook - y.cpuMsPerWebhook)[Math.floor(runs.length / 2)]!;
    results.burstRuns = runs.map((r) => ({ cpuMsPerWebhook: r.cpuMsPerWebhook, firstCommandP50: r.firstCommandP50, firstCommandP99: r.firstCommandP99 }));

    await quietBeforeProbes();
    console.log('▸ the floor: verify + parse in this run, and the worker answering an ignored event type…');
    results.floor = await measureFloor(worker, keys.privateKey);
    console.log("▸ the runtime's own cost of each operation a call needs (a request, an object call, a new object, a D1 statement, a fetch)…");
    const platform = await measurePlatform(worker);
    results.platform = { ...platform, ...platformPerWebhook(platform, results.burst) };
    {
      const t = await flowTable();
      results.flowPlatform = t.platform;
      results.flows = t.flows;
    }

    console.log(`▸ open-loop sweep: ${RATES.join(', ')} calls/s for ${SWEEP_SECONDS} s each…`);
    results.sweep = [];
    for (const rate of QUICK && !process.env.BENCH_RATES ? [] : RATES) {
      await sleep(2000);
      const statsBefore = await workerStats(worker);
      const cpuBefore = worker.cpuSeconds();
      const placed = new Set<string>();
      const t0 = performance.now();
      const total = rate * SWEEP_SECONDS;
      for (let i = 0; i < total; i++) {
        const due = t0 + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        placed.add(place());
      }
      const got = await waitForRecords((statsBefore.callRecordWrites ?? 0) + total, 60_000 + total * 20);
      const m = callMetrics(carrier, placed);
      const cpu = worker.cpuSeconds() - cpuBefore;
      const alive = worker.alive();
      // An acknowledged call.initiated must end as a call record: count the calls whose first event was acked.
      const ackedCalls = new Set(
        carrier.deliveries.filter((d) => placed.has(d.session) && d.type === 'call.initiated' && d.status === 200).map((d) => d.session),
      );
      const row = {
        rate,
        calls: total,
        recorded: got - (statsBefore.callRecordWrites ?? 0),
        ackedCalls: ackedCalls.size,
        firstCommandP50: quantile(m.firstCommandMs, 0.5),
        firstCommandP99: quantile(m.firstCommandMs, 0.99),
        ackP99: quantile(m.ackMs, 0.99),
        ackTimeouts: m.ackTimeouts,
        shed503: m.shed503,
        cpuMsPerWebhook: (cpu * 1000) / Math.max(1, m.webhooks),
        workerAlive: alive,
        keptUp:
          alive && m.ackTimeouts === 0 && m.shed503 === 0 && quantile(m.firstCommandMs, 0.99) < 1000 && got - (statsBefore.callRecordWrites ?? 0) >= total,
      };
      results.sweep.push(row);
      console.log(
        `  ${rate}/s: first command p99 ${row.firstCommandP99.toFixed(0)} ms, ack timeouts ${row.ackTimeouts}, 503 ${row.shed503}, recorded ${row.recorded}/${total}`,
      );
      if (!alive) break;
      if (!row.keptUp && results.sweep.filter((r) => !r.keptUp).length >= 2) break;
    }

    if (PROFILE) {
      console.log('▸ profiling the worker under a second burst…');
      const moduleOf = bundleModules(await readFile(path.join(buildDir, 'index.js'), 'utf8'));
      const profile = await profileWhile(
        worker.inspectorPort,
        async () => {
          const n0 = await recordsWritten();
          for (let i = 0; i < CALLS; i++) place();
          await waitForRecords(n0 + CALLS, 120_000);
        },
        15,
        moduleOf,
      );
      results.profile = profile.frames;
      if (QUICK) printProfile(profile);
    }
    results.micro = QUICK ? {} : await microBenches();
  } finally {
    await stopRig(rig);
  }
  results.machine!.loadAfter = loadavg()[0]!;
  const out = path.join(PROJECT_ROOT, 'bench');
  await mkdir(out, { recursive: true });
  const file = path.resolve(out, process.env.BENCH_OUT ?? 'results.json');
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  printReport(results as Results);
  console.log(`\n(written to ${path.relative(PROJECT_ROOT, file)})`);
  if ((results.burst?.recorded ?? 0) < CALLS) process.exitCode = 1;
}

/** Pure benchmarks of the parts that decide (routing, distribution), when they exist. */
async function microBenches(): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [name, file, fn] of [
    ['routing', './routing', 'benchRouting'],
    ['queue', './queue', 'benchQueue'],
  ] as const) {
    try {
      const mod = (await import(file)) as Record<string, () => Promise<Record<string, number>>>;
      if (typeof mod[fn] === 'function') out[name] = await mod[fn]();
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
  return out;
}

await main();
