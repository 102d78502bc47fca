// The bench's per-flow table (issue 20 §1): calls of one flow at a time through the real worker —
// a safe number connected, an after-hours announcement, a voicemail left after hours, a queue call
// answered by an agent, an agent's outbound call — each run's operations counted (webhooks, carrier
// requests, D1 statements, object requests, new objects, API requests) and priced at the runtime's
// own cost per operation measured in the same run (floor.ts), beside what the calls really cost the
// worker's workerd process (its idle CPU over the same time and the bench's own polling taken out).
import { createHash, randomBytes } from 'node:crypto';
import { d1ExecuteFile, d1Query, sqlText, type Target } from '../lib/wrangler';
import type { NodeCarrier } from './carrier';
import { idleCpuPerMs, idleRateOf, measurePlatformSpaced, medianOf, type PlatformCosts } from './floor';
import { runTwin, type TwinRow } from './twin';
import type { Worker } from './workerd';

const ORG = 'org_flows';
const QUEUE = 'que_flows';
const SERVICE = '+82215991000';
/** The safe number that connects (and, called at night, announces) and the one that takes voicemail after hours. */
const SAFE = { e164: '+825051000100', mobile: '+821041000100', user: 'usr_fl_safe' };
const VOICEMAIL = { e164: '+825051000101', mobile: '+821041000101', user: 'usr_fl_vm' };
const QUEUE_AGENTS = 4;
const OUTBOUND_AGENTS = 4;
/** A Wednesday 11:00 and 03:00 in Seoul: inside and outside the org's default hours. */
const DAY = Date.parse('2026-12-02T11:00:00+09:00');
const NIGHT = Date.parse('2026-12-02T03:00:00+09:00');
const POLL_MS = 1_000;
/** How long a window stays open after its calls retired: past the runtime's eviction of their objects. */
const EVICTION_TAIL_MS = 15_000;

export const FLOW_NAMES = ['safe-number connect', 'after-hours', 'voicemail', 'queue answered', 'agent outbound'] as const;

export type FlowOps = {
  webhooks: number;
  carrierRequests: number;
  /** Commands the carrier refused because the leg had already ended (422). */
  endedLegCommands: number;
  d1Statements: number;
  /** Of those: the ones that write, the batches run and the statements in them (absent in results from before 2026-12-07). */
  d1Writes?: number;
  d1Batches?: number;
  d1BatchedStatements?: number;
  doRequests: number;
  newObjects: number;
  apiRequests: number;
  /** Inputs the objects stored durably (events, answers, timers): the floor prices one storage write each. */
  durableInputs: number;
  /** Storage writes the object hosts really made, and their average document size. */
  storageWrites: number;
  docBytes: number;
  alarmWrites: number;
  /** Alarms the runtime ran on the objects (timers firing: a ring timeout, a linger ending). */
  alarmRuns: number;
  /** Recordings copied from the carrier into R2 (a voicemail's): a download and a put each. */
  recordingCopies?: number;
};

export type FlowRow = {
  flow: string;
  calls: number;
  recorded: number;
  /** Per call: the worker process's CPU, idle CPU and the bench's own polling taken out. */
  cpuMs: number;
  /** Per call: the runtime's own cost of the operations counted. */
  floorMs: number;
  floorParts: Record<string, number>;
  /** The idle CPU taken out, per call (the process's rate before and after the window, times its length), and that length. */
  idleMsPerCall: number;
  /** The bench's own counter reads during the window, taken out per call (each priced by statsReadMs). */
  readsMsPerCall: number;
  windowS: number;
  /** (cpu − floor) / floor. */
  aboveFloor: number;
  /**
   * The same operations priced by probes run one at a time, `gapMs` apart: the mean interval between
   * the flow's own requests into the worker while its calls were placed (the runtime idle in between).
   */
  atRate?: { gapMs: number; platform: PlatformCosts; floorMs: number; floorParts: Record<string, number>; aboveFloor: number };
  /** The flow's twin (twin.ts): the same operations at the same moments with none of our code, its CPU per call the floor. */
  twin?: TwinRow;
  /**
   * Each round's own pair when the flow ran in several (`BENCH_FLOW_ROUNDS`): its calls' CPU, its
   * twin's, and the one above the other. The row's cpuMs and twin are then the rounds' means, and
   * aboveTwin their ratio (absent in results from before 2026-12-07).
   */
  rounds?: { cpuMs: number; twinMs: number; aboveTwin: number }[];
  perCall: FlowOps;
  /** Calls to each kind of carrier command, per call. */
  commands: Record<string, number>;
  /** Object requests per call by class and method (`Queue.offer`; absent in results from before 2026-12-07). */
  objectRequests?: Record<string, number>;
  /** Effects the call objects carried out per call, by kind (`route`, `shield`, `record`; absent before 2026-12-07). */
  effects?: Record<string, number>;
  /** Per call: rows and bytes (the sum of the values' lengths, before indexes) the calls added to D1, by table. */
  d1Rows?: Record<string, { rows: number; bytes: number }>;
};

/** The tables a call may add rows to (each with org_id and created_at). */
const D1_TABLES = ['calls', 'recordings', 'audit_log', 'agent_state_history', 'wrap_ups', 'callbacks', 'messages'];

/** SQLite's record size of one value, near enough: text as UTF-8, integers at most 8 bytes, null nothing. */
const valueBytes = (v: unknown): number =>
  v === null || v === undefined
    ? 0
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? Math.min(8, Math.max(1, Math.ceil(Math.log2(Math.abs(v) + 2) / 8)))
        : 8
      : Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v));

/** Rows and value bytes each table gained for the org between two instants (created_at, ms). */
async function d1Growth(target: Target, from: number, to: number, calls: number): Promise<Record<string, { rows: number; bytes: number }>> {
  const out: Record<string, { rows: number; bytes: number }> = {};
  for (const t of D1_TABLES) {
    let rows: Record<string, unknown>[];
    try {
      rows = await d1Query<Record<string, unknown>>(target, `SELECT * FROM "${t}" WHERE org_id = '${ORG}' AND created_at >= ${from} AND created_at < ${to}`);
    } catch {
      continue; // a table without org_id or created_at
    }
    if (!rows.length) continue;
    const bytes = rows.reduce((sum, r) => sum + Object.values(r).reduce((a: number, v) => a + valueBytes(v), 0), 0);
    out[t] = { rows: rows.length / calls, bytes: bytes / calls };
  }
  return out;
}

type Ctx = {
  target: Target;
  worker: Worker;
  carrier: NodeCarrier;
  platform: PlatformCosts;
  stats(): Promise<Record<string, number>>;
  calls: number;
  /** False under the profiler: the floors at rate and the twins are skipped (they are measurements, and would fill the profile). */
  floors?: boolean;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Agent = { userId: string; mobile: string; cookie: string };

async function seed(target: Target): Promise<{ queueAgents: Agent[]; outboundAgents: Agent[] }> {
  const now = Date.now();
  const stmts = [
    // The abuse shield on (a generous limit): every safe-number call asks its owner's Agent to count it.
    `INSERT INTO orgs (id, name, agent_state_after_login, agent_state_after_call, shield_limit) VALUES ('${ORG}', ${sqlText(`flows-${now}`)}, 'ready', 'ready', 1000)`,
    `INSERT INTO queues (id, org_id, name, announce_interval_seconds, max_wait_seconds, tier_widen_seconds) VALUES ('${QUEUE}', '${ORG}', '벤치', 0, 3600, 0)`,
    `INSERT INTO virtual_numbers (id, org_id, e164, kind, queue_id) VALUES ('num_fl_service', '${ORG}', '${SERVICE}', 'service', '${QUEUE}')`,
    `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES ('${SERVICE}', '${ORG}', 'num_fl_service', 0, '{}', 0)`,
  ];
  for (const n of [SAFE, VOICEMAIL]) {
    stmts.push(
      `INSERT INTO users (id, org_id, role, login_id, name, password_hash, mobile) VALUES ('${n.user}', '${ORG}', 'staff', '${n.user}', '직원', 'x', '${n.mobile}')`,
      `INSERT INTO virtual_numbers (id, org_id, e164, owner_user_id) VALUES ('num_${n.user}', '${ORG}', '${n.e164}', '${n.user}')`,
      `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES ('${n.e164}', '${ORG}', 'num_${n.user}', 0, '{}', 0)`,
    );
  }
  stmts.push(`INSERT INTO personal_settings (user_id, org_id, voicemail_after_hours) VALUES ('${VOICEMAIL.user}', '${ORG}', 1)`);
  const agents = (prefix: string, count: number, base: number, member: boolean): Agent[] =>
    Array.from({ length: count }, (_, i) => {
      const userId = `usr_fl_${prefix}${i}`;
      const mobile = `+8210${String(base + i)}`;
      const token = randomBytes(32).toString('base64url');
      const hash = createHash('sha256').update(token).digest('base64');
      stmts.push(
        `INSERT INTO users (id, org_id, role, login_id, name, password_hash, mobile) VALUES ('${userId}', '${ORG}', 'agent', 'fl${prefix}${i}', '상담사${i}', 'x', '${mobile}')`,
        `INSERT INTO sessions (token_hash, org_id, user_id, created_at, last_seen_at, expires_at) VALUES (${sqlText(hash)}, '${ORG}', '${userId}', ${now}, ${now}, ${now + 8 * 3600_000})`,
      );
      // Outbound agents call from the service number without being offered the queue's calls.
      if (member) stmts.push(`INSERT INTO queue_members (org_id, queue_id, user_id, level) VALUES ('${ORG}', '${QUEUE}', '${userId}', 1)`);
      return { userId, mobile, cookie: `sid=${token}` };
    });
  const queueAgents = agents('q', QUEUE_AGENTS, 42_000_000, true);
  const outboundAgents = agents('o', OUTBOUND_AGENTS, 43_000_000, false);
  await d1ExecuteFile(target, stmts);
  return { queueAgents, outboundAgents };
}

type Window = { cpu0: number; stats0: Record<string, number>; deliveries0: number; seq0: number; t0: number; polls: number };

async function open(ctx: Ctx): Promise<Window> {
  return {
    cpu0: ctx.worker.cpuFine(),
    stats0: await ctx.stats(),
    deliveries0: ctx.carrier.deliveries.length,
    seq0: ctx.carrier.model.log.at(-1)?.seq ?? 0,
    t0: performance.now(),
    polls: 1,
  };
}

/** Waits until `n` more call records were written, then a little longer for the work that follows a record (popups, pushes, copies). */
async function settle(ctx: Ctx, w: Window, n: number, timeoutMs = 90_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let written = 0;
  for (;;) {
    written = ((await ctx.stats()).callRecordWrites ?? 0) - (w.stats0.callRecordWrites ?? 0);
    w.polls++;
    if (written >= n || Date.now() > deadline) break;
    await sleep(POLL_MS);
  }
  await sleep(1_500);
  return written;
}

async function close(
  ctx: Ctx,
  w: Window,
  flow: string,
  calls: number,
  recorded: number,
  idleRate: number,
  apiRequests: number,
  readMs: number,
): Promise<FlowRow> {
  const stats = await ctx.stats();
  w.polls++;
  const wallMs = performance.now() - w.t0;
  const cpuMs = (ctx.worker.cpuFine() - w.cpu0) * 1000;
  const d = (k: string) => ((stats[k] ?? 0) - (w.stats0[k] ?? 0)) / calls;
  const deliveries = ctx.carrier.deliveries.slice(w.deliveries0);
  // The counters under one prefix, per call, the largest first (those the window did not move left out).
  const perCallOf = (prefix: string) =>
    Object.fromEntries(
      Object.keys(stats)
        .filter((k) => k.startsWith(prefix) && d(k) > 0)
        .sort((a, b) => d(b) - d(a))
        .map((k) => [k.slice(prefix.length), d(k)]),
    );
  const commands = ctx.carrier.model.log.filter((e) => e.seq > w.seq0 && e.kind === 'command');
  const byName: Record<string, number> = {};
  for (const c of commands) byName[c.name] = (byName[c.name] ?? 0) + 1 / calls;
  const p = ctx.platform;
  const perCall: FlowOps = {
    webhooks: deliveries.length / calls,
    carrierRequests: commands.length / calls,
    endedLegCommands: commands.filter((c) => c.status === 422).length / calls,
    d1Statements: d('d1Statements'),
    d1Writes: d('d1Writes'),
    d1Batches: d('d1Batches'),
    d1BatchedStatements: d('d1BatchedStatements'),
    doRequests: d('doRequests'),
    // One CallSession per call; the Agent and Queue objects are already alive.
    newObjects: 1,
    apiRequests: apiRequests / calls,
    durableInputs: d('events'),
    storageWrites: d('storageWrites'),
    docBytes: d('storageBytes') / Math.max(1e-9, d('storageWrites')),
    alarmWrites: d('alarmWrites'),
    alarmRuns: d('alarmRuns'),
    recordingCopies: d('effect:copy_recording'),
  };
  const floorParts = priceOps(perCall, p);
  const floorMs = sum(floorParts);
  // The process's idle CPU over the window and the bench's own counter reads are not the calls' cost.
  const idleMs = idleRate * wallMs;
  const own = Math.max(0, cpuMs - idleMs - w.polls * readMs) / calls;
  return {
    flow,
    calls,
    recorded,
    cpuMs: own,
    idleMsPerCall: idleMs / calls,
    readsMsPerCall: (w.polls * readMs) / calls,
    windowS: wallMs / 1000,
    floorMs,
    floorParts,
    aboveFloor: own / floorMs - 1,
    perCall,
    commands: byName,
    objectRequests: perCallOf('do:'),
    effects: perCallOf('effect:'),
  };
}

/**
 * A flow's rounds as one row: the first round's counts and floors, the CPU and the twin's CPU the
 * rounds' means, above the twin their ratio, each round kept beside. One round is returned as it is.
 */
export function combineRounds(each: FlowRow[]): FlowRow {
  const [first] = each;
  if (!first) throw new Error('a flow ran no rounds');
  if (each.length === 1) return first;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const cpuMs = mean(each.map((r) => r.cpuMs));
  const row: FlowRow = {
    ...first,
    calls: each.reduce((a, r) => a + r.calls, 0),
    recorded: each.reduce((a, r) => a + r.recorded, 0),
    cpuMs,
    aboveFloor: cpuMs / first.floorMs - 1,
    ...(first.atRate ? { atRate: { ...first.atRate, aboveFloor: cpuMs / first.atRate.floorMs - 1 } } : {}),
  };
  const twins = each.map((r) => r.twin);
  if (twins.every((t) => t !== undefined)) {
    const twinMs = mean(twins.map((t) => t.cpuMs));
    row.twin = {
      ...twins[0]!,
      cpuMs: twinMs,
      aboveTwin: cpuMs / twinMs - 1,
      requests: twins.reduce((a, t) => a + t.requests, 0),
      objects: twins.reduce((a, t) => a + t.objects, 0),
    };
    row.rounds = each.map((r) => ({ cpuMs: r.cpuMs, twinMs: r.twin!.cpuMs, aboveTwin: r.twin!.aboveTwin }));
  }
  return row;
}

/** The runtime's cost of a call's operations at the per-operation prices `p`, by kind. */
export function priceOps(perCall: FlowOps, p: PlatformCosts): Record<string, number> {
  return {
    'HTTP requests (webhooks, API)': (perCall.webhooks + perCall.apiRequests) * p.requestMs,
    'signature verify (one per webhook)': perCall.webhooks * p.verifyMs,
    'object requests': perCall.doRequests * p.objectCallMs,
    'new object': perCall.newObjects * p.newObjectMs,
    'storage writes (one per input)': perCall.durableInputs * p.storageWriteMs,
    // Timers need their alarm set and run: priced as a storage write and as a call to a live object.
    'alarms (set, run)': perCall.alarmWrites * p.storageWriteMs + perCall.alarmRuns * p.objectCallMs,
    'D1 statements': perCall.d1Statements * p.d1StatementMs,
    'carrier requests': perCall.carrierRequests * p.fetchMs,
    // The download priced as a command's fetch (it is larger: the floor errs low).
    'recording copies (download, R2 put)': (perCall.recordingCopies ?? 0) * (p.fetchMs + (p.r2PutMs ?? 0)),
  };
}

const sum = (parts: Record<string, number>) => Object.values(parts).reduce((a, b) => a + b, 0);

/**
 * The worker's CPU for one of the bench's counter reads (GET /_sim/api/worker-stats, through the app's
 * router and middleware, so dearer than the bare request probe it was priced at before): read `rounds`
 * times one at a time in a quiet moment, the idle rate taken out.
 */
async function statsReadMs(ctx: Ctx, idlePerMs: number, rounds = 200): Promise<number> {
  for (let i = 0; i < 20; i++) await ctx.stats();
  const c0 = ctx.worker.cpuFine();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await ctx.stats();
  const cpuMs = (ctx.worker.cpuFine() - c0) * 1000 - idlePerMs * (performance.now() - t0);
  return Math.max(0, cpuMs) / rounds;
}

async function api(ctx: Ctx, path: string, cookie: string, body: unknown): Promise<Response> {
  const origin = ctx.worker.directUrl;
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json', ...ctx.worker.direct },
    body: JSON.stringify(body),
  });
}

/**
 * Waits until every CallSession begun has retired (its call over, its linger spent, its storage
 * deleted): a window or a probe then holds none of earlier calls' work. False if it never came.
 */
export async function untilQuiet(stats: () => Promise<Record<string, number>>, onPoll = () => {}, timeoutMs = 150_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await stats();
    onPoll();
    if ((s.sessionsStarted ?? 0) <= (s.sessionsRetired ?? 0)) return true;
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
}

const quiet = (ctx: Ctx, w: Window | null) =>
  untilQuiet(
    () => ctx.stats(),
    () => {
      if (w) w.polls++;
    },
  );

/**
 * Runs each flow's calls in turn (a call placed every `spacingMs`) and prices each. A window runs from
 * the first call until the last of its sessions retired (a connected call lingers a minute for a late
 * recording: that retirement is the call's work too), and opens only once everything before it retired.
 */
export async function benchFlows(ctx: Ctx, spacingMs = 100, rounds = 1): Promise<FlowRow[]> {
  const { queueAgents, outboundAgents } = await seed(ctx.target);
  const m = ctx.carrier.model;
  const n = ctx.calls;
  // The owners answer after a short ring and talk briefly; callers after hours leave a few seconds.
  for (const x of [SAFE, VOICEMAIL]) m.setParty({ number: x.mobile, answer: 'after', afterMs: 300, hangupAfterMs: 1_000 });
  for (const a of [...queueAgents, ...outboundAgents]) m.setParty({ number: a.mobile, answer: 'after', afterMs: 0, hangupAfterMs: 800 });
  // Customers answer after a short ring and talk briefly; each agent places its next call when the last one is over.
  const customer = (i: number) => `+8210${String(44_000_000 + i)}`;
  for (let i = 0; i < n * rounds + 1; i++) m.setParty({ number: customer(i), answer: 'after', afterMs: 300, hangupAfterMs: 1_000 });
  for (const a of [...queueAgents, ...outboundAgents]) {
    const res = await api(ctx, '/api/cc/me/login', a.cookie, {});
    if (!res.ok) throw new Error(`agent login failed: ${res.status}`);
  }
  const rows: FlowRow[] = [];
  let caller = 50_000_000;
  const from = () => `+8210${String(caller++)}`;
  const start = Date.now();
  const at = (base: number) => base + (Date.now() - start);

  // One call of each flow first: it compiles its number's snapshot (the cron's work, not a call's)
  // and brings each flow's code up to speed. All of them retire before the first window opens.
  const warm = (to: string, base: number) => m.placeCall({ from: '+821099990000', to, timeScale: 0.1, deliver: true, at: at(base), hangupAfterMs: 5_000 });
  warm(SAFE.e164, DAY);
  warm(SAFE.e164, NIGHT);
  warm(VOICEMAIL.e164, NIGHT);
  warm(SERVICE, DAY);
  await (await api(ctx, '/api/cc/outbound', outboundAgents[0]?.cookie ?? '', { to: customer(n * rounds) })).arrayBuffer();
  await sleep(6_000);
  if (!(await quiet(ctx, null))) console.log('  (the warm-up calls had not all retired after 150 s)');

  const readMs = await statsReadMs(ctx, await idleCpuPerMs(ctx.worker));
  console.log(
    `  one counter read of the bench costs the worker ${readMs.toFixed(2)} ms (a bare request: ${ctx.platform.requestMs.toFixed(2)} ms); each window's reads are taken out at that price`,
  );
  // BENCH_FLOW_NAMES=after-hours,voicemail: only those flows (a quicker look at one flow's change).
  const only = process.env.BENCH_FLOW_NAMES?.split(',').map((f) => f.trim());
  /**
   * One round of a flow: `n` calls (numbered from `first`) in their window, priced; then, unless under
   * the profiler, its floor at rate (first round only) and its twin.
   */
  const round = async (flow: string, first: number, place: (i: number) => Promise<void> | void, apiAt: number[], atRate: boolean): Promise<FlowRow> => {
    const apiFrom = apiAt.length;
    // The process's own idle CPU (timers, the local runtime's housekeeping), read just before and just
    // after the window (its calls all retired), the mean taken out of the window.
    const idleBefore = await idleCpuPerMs(ctx.worker);
    const w = await open(ctx);
    const wallFrom = Date.now();
    for (let i = 0; i < n; i++) {
      await place(first + i);
      await sleep(spacingMs);
    }
    const recorded = await settle(ctx, w, n);
    if (!(await quiet(ctx, w))) console.log(`  (${flow}: sessions still in hand after 150 s; the window closes anyway)`);
    const quietAt = Date.now();
    // The runtime evicts the calls' objects about 10 s after their last request (0.2 ms each): the
    // calls' work too, so the window stays open past it, and the idle rate read after it is idle.
    await sleep(EVICTION_TAIL_MS);
    const roundApiAt = apiAt.slice(apiFrom);
    const row = await close(ctx, w, flow, n, recorded, idleBefore, roundApiAt.length, readMs);
    const deliveries = ctx.carrier.deliveries.slice(w.deliveries0);
    const idleAfter = await idleCpuPerMs(ctx.worker);
    const idle = idleRateOf(idleBefore, idleAfter);
    // Re-priced with the idle rate of both readings (close() took the rate before; the window's length is known now).
    row.cpuMs += ((idleBefore - idle) * row.windowS * 1000) / n;
    row.idleMsPerCall = (idle * row.windowS * 1000) / n;
    row.aboveFloor = row.cpuMs / row.floorMs - 1;
    if (ctx.floors === false) {
      console.log(`  ${flow}: ${row.cpuMs.toFixed(2)} ms CPU per call (under the profiler; no floors measured)`);
      return row;
    }
    // The runtime's floor at the flow's own rate: its requests came about this far apart while its calls were placed.
    const gapMs = spacingMs / Math.max(1, row.perCall.webhooks + row.perCall.apiRequests);
    if (atRate) {
      const spaced = await medianOf(3, () => measurePlatformSpaced(ctx.worker, gapMs));
      const spacedParts = priceOps(row.perCall, spaced);
      const spacedFloor = sum(spacedParts);
      row.atRate = { gapMs, platform: spaced, floorMs: spacedFloor, floorParts: spacedParts, aboveFloor: row.cpuMs / spacedFloor - 1 };
    }
    // The floor measured: the flow's twin, replayed once the window's objects and the probes' are
    // gone (the at-rate probes make hundreds of new objects; their eviction ~10 s later had landed
    // in the twin's idle reading, which took a third of a twin's CPU out).
    await sleep(EVICTION_TAIL_MS);
    const twin = await runTwin(ctx.worker, { deliveries, apiAt: roundApiAt, quietAt, calls: n, perCall: row.perCall }, EVICTION_TAIL_MS);
    row.twin = { ...twin, aboveTwin: row.cpuMs / twin.cpuMs - 1 };
    try {
      row.d1Rows = await d1Growth(ctx.target, wallFrom, Date.now(), n);
    } catch (err) {
      console.log(`  (D1 growth not measured: ${String(err).slice(0, 200)})`);
    }
    console.log(
      `  ${flow}${rounds > 1 ? ` (round ${first / n + 1} of ${rounds})` : ''}: ${row.cpuMs.toFixed(2)} ms CPU per call, floor ${row.floorMs.toFixed(2)} ms (${(row.aboveFloor * 100).toFixed(0)} % above), ` +
        (row.atRate
          ? `at the flow's rate (probes ${gapMs.toFixed(1)} ms apart) ${row.atRate.floorMs.toFixed(2)} ms (${(row.atRate.aboveFloor * 100).toFixed(0)} % above); `
          : '') +
        `twin ${row.twin.cpuMs.toFixed(2)} ms (${(row.twin.aboveTwin * 100).toFixed(0)} % above; ${row.twin.requests} requests, ${row.twin.objects} objects, idle ${row.twin.idleMsPerCall.toFixed(1)} ms per call); ` +
        `per call ${row.perCall.webhooks.toFixed(1)} webhooks, ${row.perCall.carrierRequests.toFixed(1)} carrier requests (${row.perCall.endedLegCommands.toFixed(1)} to ended legs), ` +
        `${row.perCall.d1Statements.toFixed(1)} D1, ${row.perCall.doRequests.toFixed(1)} object requests, ` +
        `${row.perCall.storageWrites.toFixed(1)} storage writes (${row.perCall.durableInputs.toFixed(1)} inputs, ${row.perCall.docBytes.toFixed(0)} B each); recorded ${recorded}/${n}; ` +
        `window ${row.windowS.toFixed(0)} s, idle taken out ${row.idleMsPerCall.toFixed(1)} ms per call, counter reads ${row.readsMsPerCall.toFixed(1)} ms (rate ${(idleBefore * 1000).toFixed(1)} → ${(idleAfter * 1000).toFixed(1)} ms/s)`,
    );
    return row;
  };

  // A flow in `rounds` rounds, each its own window and twin back to back: a drift of the machine's
  // speed slower than a round lands on both sides of a pair, and the rounds' spread shows the rest.
  const run = async (flow: string, place: (i: number) => Promise<void> | void, apiAt: number[] = []) => {
    if (only && !only.includes(flow)) return;
    const each: FlowRow[] = [];
    for (let r = 0; r < rounds; r++) each.push(await round(flow, r * n, place, apiAt, r === 0));
    rows.push(combineRounds(each));
  };

  await run('safe-number connect', () => void m.placeCall({ from: from(), to: SAFE.e164, timeScale: 0.1, deliver: true, at: at(DAY) }));
  await run('after-hours', () => void m.placeCall({ from: from(), to: SAFE.e164, timeScale: 0.1, deliver: true, at: at(NIGHT) }));
  // The caller speaks for a while after the beep, then hangs up (the announcement is sped up tenfold).
  await run('voicemail', () => void m.placeCall({ from: from(), to: VOICEMAIL.e164, timeScale: 0.1, deliver: true, at: at(NIGHT), hangupAfterMs: 4_000 }));
  await run('queue answered', () => void m.placeCall({ from: from(), to: SERVICE, timeScale: 0.1, deliver: true, at: at(DAY) }));

  const busyUntil = new Map<string, number>();
  const outboundAt: number[] = [];
  await run(
    'agent outbound',
    async (i) => {
      const agent = outboundAgents[i % outboundAgents.length];
      if (!agent) throw new Error('no outbound agent');
      for (;;) {
        const wait = (busyUntil.get(agent.userId) ?? 0) - Date.now();
        if (wait > 0) await sleep(wait);
        outboundAt.push(Date.now());
        const res = await api(ctx, '/api/cc/outbound', agent.cookie, { to: customer(i) });
        await res.arrayBuffer();
        if (res.status === 202) break;
        // Still on the last call (409): try again shortly (each try is one more request, counted).
        busyUntil.set(agent.userId, Date.now() + 300);
      }
      busyUntil.set(agent.userId, Date.now() + 2_500);
    },
    outboundAt,
  );
  return rows;
}
