// Proof at national size (issue 20 §3): loads CAP_ROWS (10,000,000) call rows into the LOCAL D1
// (wrangler's sqlite file under .wrangler/state, written directly with node:sqlite for speed, after
// `wrangler d1 migrations apply --local`), builds the hourly rollups with migration 0009's own
// backfill statement, then measures through the real local D1 runtime (wrangler's getPlatformProxy:
// workerd's D1 and R2 on the same files) the worker's own functions: history pages, the statistics
// of a month and its CSV, EXPLAIN QUERY PLAN of each, and the archive job moving one org-month in
// parts while call records keep being written beside it.
//
//   npm run capacity -- load      (CAP_ROWS=100000 for a quick run; CAP_ORGS, default 100)
//   npm run capacity -- measure
//   npm run capacity -- backfill  (the rollups again, e.g. after a load stopped part-way)
//   npm run capacity -- archive   (only the archive beside call writes: unpaced parts of CAP_PART_ROWS
//                                   on July of org CAP_UNPACED_ORG (2), then the paced cron job on
//                                   July of org CAP_PACED_ORG (3); each org-month moves once)
//
// Not a test: the numbers go into docs/capacity.md ("Proven locally").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { getPlatformProxy } from 'wrangler';
import { archiveOldRows, archivePart } from '../../worker/archive/job';
import { figuresOf, statsCsv, sumCounts } from '../../worker/contact-center/stats';
import { callHistoryPage } from '../../worker/db/call-history';
import { insertCallRecordOnce } from '../../worker/db/calls';
import { dbFor } from '../../worker/db/scope';
import { statsRows } from '../../worker/db/stats';
import type { Bindings } from '../../worker/env';
import { PROJECT_ROOT, runWrangler } from '../lib/wrangler';

const ROWS = Number(process.env.CAP_ROWS ?? 10_000_000);
const ORGS = Number(process.env.CAP_ORGS ?? 100);
const OWNERS_PER_ORG = 100;
const AGENTS_PER_ORG = 20;
const QUEUES_PER_ORG = 4;
/** The generated calls span the six months before this instant (Seoul): July–November 2026 and December so far. */
const NOW = Date.parse('2026-12-06T12:00:00+09:00');
const SPAN_MS = 158 * 86_400_000;
const kst = (wall: string) => Date.parse(`${wall}+09:00`);

const orgId = (o: number) => `org_cap_${String(o).padStart(4, '0')}`;
const ownerId = (o: number, u: number) => `usr_cap_${o}_o${u}`;
const agentId = (o: number, a: number) => `usr_cap_${o}_a${a}`;
const queueId = (o: number, q: number) => `que_cap_${o}_${q}`;

function localSqlite(): string {
  const dir = path.join(PROJECT_ROOT, '.wrangler', 'state', 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  const biggest = files.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!biggest) throw new Error(`no local D1 under ${dir}: run wrangler d1 migrations apply DB --local`);
  return biggest;
}

/** A small deterministic generator, so two loads make the same rows. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Migration 0009's backfill, as it would run on a database of this size (also after a load cut short). */
function backfillRollups(db: DatabaseSync) {
  const migration = readFileSync(path.join(PROJECT_ROOT, 'migrations', '0009_stats_rollups_archive.sql'), 'utf8');
  const backfill = migration.slice(migration.indexOf('INSERT INTO `cc_stats_hourly`'));
  const t1 = performance.now();
  db.exec(`delete from cc_stats_hourly where org_id like 'org_cap_%'`);
  db.exec(backfill.replace('WHERE c.kind', `WHERE c.org_id like 'org_cap_%' AND c.kind`));
  const rollups = db.prepare(`select count(*) as n from cc_stats_hourly where org_id like 'org_cap_%'`).get() as { n: number };
  console.log(`rollup backfill: ${rollups.n.toLocaleString()} rows in ${Math.round(performance.now() - t1)} ms`);
}

async function load() {
  const migrate = await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local']);
  if (migrate.code !== 0) throw new Error(migrate.stderr || migrate.stdout);
  const file = localSqlite();
  const db = new DatabaseSync(file);
  db.exec('PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1000000;');
  const have = db.prepare(`select count(*) as n from calls where org_id like 'org_cap_%'`).get() as { n: number };
  if (have.n > 0) {
    console.log(`already loaded: ${have.n} generated calls in ${file}`);
    return;
  }
  const t0 = performance.now();
  db.exec('BEGIN');
  const org = db.prepare(`insert into orgs (id, name, timezone) values (?, ?, 'Asia/Seoul')`);
  const user = db.prepare(`insert into users (id, org_id, role, login_id, name, password_hash) values (?, ?, ?, ?, ?, 'x')`);
  const queue = db.prepare(`insert into queues (id, org_id, name) values (?, ?, ?)`);
  for (let o = 0; o < ORGS; o++) {
    org.run(orgId(o), `용량시험-${o}`);
    for (let u = 0; u < OWNERS_PER_ORG; u++) user.run(ownerId(o, u), orgId(o), 'staff', `0501000${String(u).padStart(4, '0')}`, `직원${u}`);
    for (let a = 0; a < AGENTS_PER_ORG; a++) user.run(agentId(o, a), orgId(o), 'agent', `agent${a}`, `상담사${a}`);
    for (let q = 0; q < QUEUES_PER_ORG; q++) queue.run(queueId(o, q), orgId(o), `대기열${q}`);
  }
  db.exec('COMMIT');
  const insert = db.prepare(
    `insert into calls (id, org_id, call_session_id, direction, kind, from_number, to_number, owner_user_id, agent_user_id, queue_id,
      started_at, answered_at, ended_at, outcome, wait_ms, duration_ms, acw_ms, trace, created_at)
     values (?, ?, ?, 'inbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rand = rng(20);
  const TRACE = JSON.stringify([
    { rule: 'hours', matched: false },
    { rule: 'block_list', matched: false },
  ]);
  const CHUNK = 100_000;
  for (let i = 0; i < ROWS;) {
    db.exec('BEGIN');
    const end = Math.min(ROWS, i + CHUNK);
    for (; i < end; i++) {
      const o = Math.floor(rand() * ORGS);
      // In time order, as calls arrive (a little jitter): the indexes grow at their ends.
      const at = NOW - SPAN_MS + Math.floor(((i + rand()) * SPAN_MS) / ROWS);
      const queueCall = rand() < 0.2;
      const answered = rand() < 0.8;
      const wait = Math.floor(rand() * 60_000);
      const talk = Math.floor(rand() * 300_000);
      const id = `call_cap_${i.toString(36).padStart(8, '0')}`;
      insert.run(
        id,
        orgId(o),
        `${id}-s`,
        queueCall ? 'queue' : 'safe_number',
        `+8210${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
        '+825010000000',
        queueCall ? null : ownerId(o, Math.floor(rand() * OWNERS_PER_ORG)),
        queueCall && answered ? agentId(o, Math.floor(rand() * AGENTS_PER_ORG)) : null,
        queueCall ? queueId(o, Math.floor(rand() * QUEUES_PER_ORG)) : null,
        at,
        answered ? at + wait : null,
        at + wait + (answered ? talk : 0),
        answered ? 'connected' : queueCall ? 'abandoned' : 'missed',
        wait,
        answered ? talk : null,
        queueCall && answered ? Math.floor(rand() * 60_000) : null,
        queueCall ? null : TRACE,
        at + wait + talk,
      );
    }
    db.exec('COMMIT');
    console.log(`${i.toLocaleString()} rows, ${Math.round(i / ((performance.now() - t0) / 1000)).toLocaleString()} rows/s`);
  }
  backfillRollups(db);
  console.log(`loaded ${ROWS.toLocaleString()} calls in ${Math.round((performance.now() - t0) / 1000)} s; file ${(statSync(file).size / 1e9).toFixed(2)} GB`);
  db.close();
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; max: number; value: T }> {
  let value = await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), max: Math.max(...times), value };
}

async function measure() {
  const file = localSqlite();
  const sqlite = new DatabaseSync(file, { readOnly: true });
  const total = (sqlite.prepare('select count(*) as n from calls').get() as { n: number }).n;
  const plan = (q: string, ...params: (string | number)[]) =>
    (sqlite.prepare(`explain query plan ${q}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  const proxy = await getPlatformProxy<Bindings>({ persist: true });
  const env = proxy.env;
  const orgIndex = Number(process.env.CAP_ARCHIVE_ORG ?? 0);
  const org = orgId(orgIndex);
  const scope = dbFor(env, org);
  const out: string[] = [`calls in D1: ${total.toLocaleString()} (${(statSync(file).size / 1e9).toFixed(2)} GB)`];

  // History: the first page of a staff member, and a page deep in it (by cursor).
  const owner = ownerId(orgIndex, 7);
  const first = await timed(20, () => callHistoryPage(scope, owner, { limit: 30 }));
  const deepCursor = first.value.at(-1);
  let cursor = deepCursor ? { startedAt: deepCursor.startedAt, id: deepCursor.id } : undefined;
  for (let p = 0; p < 5 && cursor; p++) {
    const page = await callHistoryPage(scope, owner, { limit: 30, before: cursor });
    const last = page.at(-1);
    cursor = last ? { startedAt: last.startedAt, id: last.id } : undefined;
  }
  const deep = await timed(20, () => callHistoryPage(scope, owner, { limit: 30, before: cursor }));
  out.push(`history first page (30 rows of ${first.value.length}): median ${first.ms.toFixed(1)} ms, max ${first.max.toFixed(1)} ms`);
  out.push(`history 7th page by cursor: median ${deep.ms.toFixed(1)} ms, max ${deep.max.toFixed(1)} ms`);
  out.push(
    `  plan: ${plan(`select id from calls where org_id = ? and owner_user_id = ? and kind in ('safe_number','masked_outbound') order by started_at desc, id desc limit 30`, org, owner)}`,
  );

  // Statistics of November (a whole month) by total, agent and category, and its CSV.
  const range = { from: kst('2026-11-01T00:00:00'), to: kst('2026-12-01T00:00:00'), now: NOW, serviceLevelSeconds: 20, shortAbandonSeconds: 5 };
  for (const group of ['total', 'agent', 'category'] as const) {
    const r = await timed(20, () => statsRows(scope, group, range));
    out.push(`stats November by ${group}: median ${r.ms.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (inbound ${r.value.reduce((s, x) => s + x.inbound, 0)})`);
  }
  const csv = await timed(20, async () => {
    const rows = await statsRows(scope, 'agent', range);
    return statsCsv({
      period: { name: 'this_month', from: range.from, to: range.to, firstDate: '2026-11-01', lastDate: '2026-11-30' },
      group: 'agent',
      queueId: null,
      serviceLevelSeconds: 20,
      shortAbandonSeconds: 5,
      rows,
      total: { ...figuresOf(sumCounts(rows)), key: null, name: null },
    });
  });
  out.push(`stats CSV November by agent: median ${csv.ms.toFixed(1)} ms, max ${csv.max.toFixed(1)} ms (${csv.value.length} bytes)`);
  out.push(
    `  plan: ${plan('select sum(inbound) from cc_stats_hourly r where r.org_id = ? and r.hour_start >= ? and r.hour_start < ? group by agent_user_id', org, range.from, range.to)}`,
  );
  const raw = await timed(5, () => statsRows(scope, 'total', { ...range, from: range.from + 1 }));
  out.push(`for comparison, the same month from raw rows (unaligned range): median ${raw.ms.toFixed(1)} ms`);

  // The archive job on one org-month (July 2026 of org 0) while call records keep being written.
  const month = { from: kst('2026-07-01T00:00:00'), to: kst('2026-08-01T00:00:00') };
  const julyRows = (
    sqlite.prepare('select count(*) as n from calls where org_id = ? and started_at >= ? and started_at < ?').get(org, month.from, month.to) as { n: number }
  ).n;
  // A window of 5 months at "now" = mid-December puts July past it, and only July.
  const orgRow = { id: org, timezone: 'Asia/Seoul', callRetentionMonths: 5 };
  // The same writes alone first, for comparison.
  const base = [...(await writesBeside(env, () => new Promise((r) => setTimeout(r, 5_000))))].sort((a, b) => a - b);
  out.push(`call records written alone: ${base.length}, p50 ${median(base).toFixed(1)} ms, p99 ${(base[Math.floor(base.length * 0.99)] ?? NaN).toFixed(1)} ms`);
  const t0 = performance.now();
  let moved = 0;
  let parts = 0;
  let seconds = 0;
  const writeTimes = await writesBeside(env, async () => {
    for (let n = -1; n !== 0; parts++) {
      n = await archivePart(env, orgRow, 'calls', NOW, Number(process.env.CAP_PART_ROWS ?? 2_000));
      moved += n;
    }
    seconds = (performance.now() - t0) / 1000;
  });
  const sorted = [...writeTimes].sort((a, b) => a - b);
  out.push(
    `archive of ${org}'s July (${julyRows.toLocaleString()} rows): ${moved.toLocaleString()} rows in ${parts - 1} parts, ${seconds.toFixed(1)} s = ${Math.round(moved / seconds).toLocaleString()} rows/s`,
  );
  out.push(
    `  call records written meanwhile: ${sorted.length}, p50 ${median(sorted).toFixed(1)} ms, p99 ${(sorted[Math.floor(sorted.length * 0.99)] ?? NaN).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
  );
  out.push(`  plan: ${plan('select c.id from calls c where c.org_id = ? and c.started_at < ? order by c.started_at, c.id limit 2000', org, month.to)}`);
  const after = await timed(5, () => statsRows(scope, 'total', { ...range, from: month.from, to: month.to }));
  out.push(`stats of the archived July from rollups: median ${after.ms.toFixed(1)} ms (inbound ${after.value[0]?.inbound ?? 0})`);
  await proxy.dispose();
  sqlite.close();
  console.log(out.join('\n'));
}

const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${median(s).toFixed(1)} ms, p99 ${(s[Math.floor(s.length * 0.99)] ?? NaN).toFixed(1)} ms, max ${(s.at(-1) ?? NaN).toFixed(1)} ms (${s.length} writes)`;
};

/** Call records written to org 1 (one every 20 ms, each with its rollup rebuild) while `work` runs; their times. */
async function writesBeside(env: Bindings, work: () => Promise<unknown>): Promise<number[]> {
  let writing = true;
  const times: number[] = [];
  const writer = (async () => {
    for (let k = 0; writing; k++) {
      const t = performance.now();
      await insertCallRecordOnce(dbFor(env, orgId(1)), {
        callSessionId: `cap-pace-${Date.now()}-${k}`,
        direction: 'inbound',
        kind: 'queue',
        fromNumber: '+821012345678',
        toNumber: '+8221001234',
        queueId: queueId(1, 0),
        startedAt: NOW,
        outcome: 'abandoned',
        waitMs: 1000,
      });
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await work();
  writing = false;
  await writer;
  return times;
}

/** The archive job beside call writes: unpaced (parts back to back, the job before pacing) and paced (the cron job as it runs). */
async function archiveBesideCalls() {
  // Everything through the local D1 runtime (a second sqlite connection beside workerd's makes its writes fail busy).
  const proxy = await getPlatformProxy<Bindings>({ persist: true });
  const env = proxy.env;
  const july = { from: kst('2026-07-01T00:00:00'), to: kst('2026-08-01T00:00:00') };
  const count = async (org: string) =>
    (
      await env.DB.prepare('select count(*) as n from calls where org_id = ? and started_at >= ? and started_at < ?')
        .bind(org, july.from, july.to)
        .first<{ n: number }>()
    )?.n ?? 0;
  const total = (await env.DB.prepare('select count(*) as n from calls').first<{ n: number }>())?.n ?? 0;
  const out = [`calls in D1: ${total.toLocaleString()}`];
  out.push(`call records written alone (15 s): ${p99(await writesBeside(env, () => new Promise((r) => setTimeout(r, 15_000))))}`);

  const unpacedOrg = { id: orgId(Number(process.env.CAP_UNPACED_ORG ?? 2)), timezone: 'Asia/Seoul', callRetentionMonths: 5 };
  const partRows = Number(process.env.CAP_PART_ROWS ?? 2_000);
  let moved = 0;
  let t0 = performance.now();
  const before = process.env.CAP_UNPACED_ORG === 'none' ? 0 : await count(unpacedOrg.id);
  let times = await writesBeside(env, async () => {
    if (before) for (let n = -1; n !== 0; moved += n) n = await archivePart(env, unpacedOrg, 'calls', NOW, partRows);
  });
  let seconds = (performance.now() - t0) / 1000;
  if (before)
    out.push(
      `unpaced, parts of ${partRows}: ${moved.toLocaleString()} of ${before.toLocaleString()} rows in ${seconds.toFixed(1)} s (${Math.round(moved / seconds)} rows/s)`,
    );
  if (before) out.push(`  call records meanwhile: ${p99(times)}`);

  // The paced job: the org's window set to 5 months (July past it), cron ticks back to back (the 20 s
  // between a 40 s tick and the next minute left out, so this is the job at its busiest).
  const pacedOrg = orgId(Number(process.env.CAP_PACED_ORG ?? 3));
  const retention = (months: number) => env.DB.prepare('update orgs set call_retention_months = ? where id = ?').bind(months, pacedOrg).run();
  await retention(5);
  const pacedBefore = await count(pacedOrg);
  // The job's own pace unless CAP_PACE_ROWS / CAP_PACE_FACTOR try another.
  const pace = {
    ...(process.env.CAP_PACE_ROWS ? { partRows: Number(process.env.CAP_PACE_ROWS) } : {}),
    ...(process.env.CAP_PACE_FACTOR ? { pauseFactor: Number(process.env.CAP_PACE_FACTOR) } : {}),
  };
  moved = 0;
  let ticks = 0;
  t0 = performance.now();
  times = await writesBeside(env, async () => {
    for (let n = -1; n !== 0; moved += n, ticks++) n = await archiveOldRows(env, NOW, pace);
  });
  seconds = (performance.now() - t0) / 1000;
  await retention(13);
  out.push(
    `paced cron job (${JSON.stringify(pace)}): ${moved.toLocaleString()} of ${pacedBefore.toLocaleString()} rows in ${seconds.toFixed(1)} s over ${ticks} ticks (${Math.round(moved / seconds)} rows/s)`,
  );
  out.push(`  call records meanwhile: ${p99(times)}`);
  await proxy.dispose();
  console.log(out.join('\n'));
}

const cmd = process.argv[2];
if (cmd === 'load') await load();
else if (cmd === 'measure') await measure();
else if (cmd === 'archive') await archiveBesideCalls();
else if (cmd === 'backfill') backfillRollups(new DatabaseSync(localSqlite()));
else {
  console.error('usage: npm run capacity -- load | measure | backfill | archive');
  process.exit(2);
}
