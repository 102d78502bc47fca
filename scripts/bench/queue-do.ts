// Queue throughput through one Queue object (issue 11) for `npm run bench`: a burst of callers to one
// service number, answered by agents whose simulated phones pick up at once and talk briefly, all
// through the real worker (webhooks, CallSessions, the Queue and Agent objects, D1). Reports calls per
// second from the first call placed to the last record written, and the callers' waits.
// Called from main.ts once the worker and the Node carrier are up:
//
//   import { benchQueueObject } from './queue-do';
//   results.queueObject = await benchQueueObject({ target, worker, carrier });
//
// It seeds its own organisation (org_qbench), so it runs beside the other seeds.
import { createHash, randomBytes } from 'node:crypto';
import { d1ExecuteFile, d1Query, sqlText, type Target } from '../lib/wrangler';
import type { NodeCarrier } from './carrier';
import type { Worker } from './workerd';

export type QueueObjectBenchContext = {
  target: Target;
  worker: Pick<Worker, 'directUrl' | 'direct'>;
  carrier: NodeCarrier;
  /** Callers in the burst (default 100) and agents answering (default 20). */
  calls?: number;
  agents?: number;
  /** How long each answered call lasts (ms, default 300). */
  talkMs?: number;
  timeoutMs?: number;
};

export type QueueObjectBenchResult = {
  calls: number;
  agents: number;
  answered: number;
  seconds: number;
  /** Calls through the one queue per second: first placed → last record written. */
  callsPerSec: number;
  waitP50Ms: number;
  waitP99Ms: number;
};

const ORG = 'org_qbench';
const QUEUE = 'que_qbench';
const SERVICE = '+82215990000';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};

async function seed(target: Target, agents: number): Promise<{ userId: string; mobile: string; cookie: string }[]> {
  const now = Date.now();
  const stmts = [
    `INSERT INTO orgs (id, name, agent_state_after_login, agent_state_after_call) VALUES ('${ORG}', ${sqlText(`qbench-${now}`)}, 'ready', 'ready')`,
    `INSERT INTO queues (id, org_id, name, announce_interval_seconds, max_wait_seconds, tier_widen_seconds) VALUES ('${QUEUE}', '${ORG}', '벤치', 0, 3600, 0)`,
    `INSERT INTO virtual_numbers (id, org_id, e164, kind, queue_id) VALUES ('num_qbench', '${ORG}', '${SERVICE}', 'service', '${QUEUE}')`,
    // A placeholder, as the operator CLI leaves it: the worker compiles it on the first call.
    `INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES ('${SERVICE}', '${ORG}', 'num_qbench', 0, '{}', 0)`,
  ];
  const out: { userId: string; mobile: string; cookie: string }[] = [];
  for (let i = 0; i < agents; i++) {
    const userId = `usr_qbench${i}`;
    const mobile = `+8210${String(60_000_000 + i)}`;
    const token = randomBytes(32).toString('base64url');
    const hash = createHash('sha256').update(token).digest('base64');
    stmts.push(
      `INSERT INTO users (id, org_id, role, login_id, name, password_hash, mobile) VALUES ('${userId}', '${ORG}', 'agent', 'qbench${i}', '상담사${i}', 'x', '${mobile}')`,
      `INSERT INTO queue_members (org_id, queue_id, user_id, level) VALUES ('${ORG}', '${QUEUE}', '${userId}', 1)`,
      `INSERT INTO sessions (token_hash, org_id, user_id, created_at, last_seen_at, expires_at) VALUES (${sqlText(hash)}, '${ORG}', '${userId}', ${now}, ${now}, ${now + 8 * 3600_000})`,
    );
    out.push({ userId, mobile, cookie: `sid=${token}` });
  }
  await d1ExecuteFile(target, stmts);
  return out;
}

export async function benchQueueObject(ctx: QueueObjectBenchContext): Promise<QueueObjectBenchResult> {
  const calls = ctx.calls ?? 100;
  const talkMs = ctx.talkMs ?? 300;
  const agents = await seed(ctx.target, ctx.agents ?? 20);
  const origin = ctx.worker.directUrl;
  for (const a of agents) {
    ctx.carrier.model.setParty({ number: a.mobile, answer: 'after', afterMs: 0, hangupAfterMs: talkMs });
    const res = await fetch(`${origin}/api/cc/me/login`, {
      method: 'POST',
      headers: { cookie: a.cookie, origin, 'content-type': 'application/json', ...ctx.worker.direct },
      body: '{}',
    });
    if (!res.ok) throw new Error(`agent login failed: ${res.status}`);
  }
  const started = Date.now();
  for (let i = 0; i < calls; i++) {
    ctx.carrier.model.placeCall({ from: `+8210${String(70_000_000 + i)}`, to: SERVICE, timeScale: 0.01, deliver: true });
  }
  const deadline = started + (ctx.timeoutMs ?? 120_000);
  let rows: { wait_ms: number | null; answered_at: number | null; created_at: number }[] = [];
  while (Date.now() < deadline) {
    rows = await d1Query(ctx.target, `SELECT wait_ms, answered_at, created_at FROM calls WHERE org_id = '${ORG}' AND kind = 'queue'`);
    if (rows.length >= calls) break;
    await sleep(500);
  }
  const lastWritten = rows.length ? Math.max(...rows.map((r) => r.created_at)) : Date.now();
  const seconds = Math.max(0.001, (lastWritten - started) / 1000);
  const waits = rows.flatMap((r) => (r.wait_ms !== null ? [r.wait_ms] : []));
  return {
    calls,
    agents: agents.length,
    answered: rows.filter((r) => r.answered_at !== null).length,
    seconds,
    callsPerSec: rows.length / seconds,
    waitP50Ms: quantile(waits, 0.5),
    waitP99Ms: quantile(waits, 0.99),
  };
}
