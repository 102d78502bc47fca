// The bench's results (bench/results.json) and the printed table: every figure beside its budget
// from DESIGN.md "Performance budgets".
import type { Floor, PlatformCosts } from './floor';
import type { FlowRow } from './flows';
import type { PhonebookBenchResult } from './phonebook';
import type { PopupBenchResult } from './popup';
import type { QueueObjectBenchResult } from './queue-do';
import type { Frame } from './profile';

export type SweepRow = {
  rate: number;
  calls: number;
  recorded: number;
  ackedCalls: number;
  firstCommandP50: number;
  firstCommandP99: number;
  ackP99: number;
  ackTimeouts: number;
  shed503: number;
  cpuMsPerWebhook: number;
  workerAlive: boolean;
  keptUp: boolean;
};

export type Results = {
  at: string;
  machine: { cpus: number; model: string; loadBefore: number; loadAfter?: number };
  bundle: { rawKb: number; gzipKb: number; startupMs: number | null };
  unloaded: { calls: number; firstCommandP50: number; ackP50: number };
  burst: {
    calls: number;
    recorded: number;
    wallSeconds: number;
    webhooks: number;
    webhooksPerCall: number;
    cpuMsPerWebhook: number;
    userMsPerWebhook: number;
    systemMsPerWebhook: number;
    firstCommandP50: number;
    firstCommandP99: number;
    ackP50: number;
    ackP99: number;
    ackTimeouts: number;
    shed503: number;
    telnyxRequestsPerCall: number;
    d1ReadsPerCall: number;
    sqlStatementsPerEvent: number | null;
    alarmWritesPerEvent: number | null;
    storageWritesPerEvent: number | null;
    /** The CallSession's commands and effects per call, by kind. */
    jobsPerCall?: Record<string, number>;
    /** The share of the process's CPU that its busiest thread used (1 = everything on one thread). */
    busiestThreadShare?: number | null;
  };
  /** Every repetition of the burst (the median one is `burst`). */
  burstRuns?: { cpuMsPerWebhook: number; firstCommandP50: number; firstCommandP99: number }[];
  floor: Floor;
  /** The runtime's own cost per operation, timed in the same run, and what the burst's calls needed of them per webhook. */
  platform?: PlatformCosts & { perWebhookMs: number; perWebhook: Record<string, number> };
  sweep: SweepRow[];
  profile?: Frame[];
  popup?: PopupBenchResult;
  phonebook?: PhonebookBenchResult;
  queueObject?: QueueObjectBenchResult;
  micro: Record<string, Record<string, number>>;
  /** The per-flow table: each flow's cost per call beside the runtime's floor for its operations. */
  flows?: FlowRow[];
  /** The runtime's cost per operation the per-flow table was priced with. */
  flowPlatform?: PlatformCosts;
};

const f = (x: number | null | undefined, digits = 1, unit = '') => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(digits)}${unit}`);
const verdict = (ok: boolean | null) => (ok === null ? '' : ok ? 'ok' : 'OVER');

/**
 * What the runtime itself charges per webhook for the operations the burst's calls needed (at the
 * least): each webhook an HTTP request and a call to its CallSession, each call one new object, its
 * D1 statements (route read, record write), its Telnyx requests, and its calls to the owner's Agent.
 */
export function platformPerWebhook(p: PlatformCosts, burst: Results['burst']): { perWebhookMs: number; perWebhook: Record<string, number> } {
  const jobs = burst.jobsPerCall ?? {};
  const per = (k: string) => jobs[k] ?? 0;
  const agentCalls = per('effect:popup') + per('effect:shield') + per('effect:notify_missed');
  const d1 = per('effect:route') + per('effect:write_call');
  const w = burst.webhooksPerCall || 1;
  const perWebhook = {
    'HTTP request': p.requestMs,
    'signature verify (Ed25519)': p.verifyMs ?? 0,
    'call to its CallSession': p.objectCallMs,
    'new CallSession (1 per call)': p.newObjectMs / w,
    [`D1 statements (${f(d1, 1)} per call)`]: (d1 * p.d1StatementMs) / w,
    [`Telnyx requests (${f(burst.telnyxRequestsPerCall, 1)} per call)`]: (burst.telnyxRequestsPerCall * p.fetchMs) / w,
    [`calls to the owner's Agent (${f(agentCalls, 1)} per call)`]: (agentCalls * p.objectCallMs) / w,
  };
  return { perWebhook, perWebhookMs: Object.values(perWebhook).reduce((a, b) => a + b, 0) };
}

/** What the runtime charges a new call before its first command: the webhook, the call to its new object, the route read, the command. */
export const firstStepMs = (p: PlatformCosts) => p.requestMs + (p.verifyMs ?? 0) + p.objectCallMs + p.newObjectMs + p.d1StatementMs + p.fetchMs;

/** Our own cost per call may be at most this far above the runtime's floor for the flow's operations (issue 20). */
export const ABOVE_FLOOR_GOAL = 0.25;

/** The per-flow table: CPU per call beside the floor of its operations, and the operations per call. */
export function printFlows(r: Pick<Results, 'flows' | 'flowPlatform'>) {
  if (!r.flows?.length || !r.flowPlatform) return;
  const p = r.flowPlatform;
  console.log(
    `\nper flow (runtime floor per operation in this run: request ${f(p.requestMs, 2)} ms, verify ${f(p.verifyMs ?? 0, 2)} ms, object call ${f(p.objectCallMs, 2)} ms, new object ${f(p.newObjectMs, 2)} ms, storage write ${f(p.storageWriteMs, 2)} ms, D1 statement ${f(p.d1StatementMs, 2)} ms, fetch ${f(p.fetchMs, 2)} ms, R2 put ${f(p.r2PutMs, 2)} ms)`,
  );
  const head = [
    'flow',
    'CPU/call',
    'floor/call',
    'above',
    'goal',
    'floor at rate (gap)',
    'above',
    'goal',
    'twin',
    'above',
    'goal',
    'rounds (above twin each)',
    'webhooks',
    'carrier req (to ended legs)',
    'D1 stmts (writes, round trips)',
    'object req',
    'storage writes (inputs)',
    'API req',
    'recorded',
  ];
  const rows = r.flows.map((x) => [
    x.flow,
    f(x.cpuMs, 2, ' ms'),
    f(x.floorMs, 2, ' ms'),
    `${f(x.aboveFloor * 100, 0)} %`,
    x.aboveFloor <= ABOVE_FLOOR_GOAL ? 'ok' : 'OVER',
    x.atRate ? `${f(x.atRate.floorMs, 2, ' ms')} (${f(x.atRate.gapMs, 1, ' ms')})` : '—',
    x.atRate ? `${f(x.atRate.aboveFloor * 100, 0)} %` : '—',
    x.atRate ? (x.atRate.aboveFloor <= ABOVE_FLOOR_GOAL ? 'ok' : 'OVER') : '—',
    x.twin ? f(x.twin.cpuMs, 2, ' ms') : '—',
    x.twin ? `${f(x.twin.aboveTwin * 100, 0)} %` : '—',
    x.twin ? (x.twin.aboveTwin <= ABOVE_FLOOR_GOAL ? 'ok' : 'OVER') : '—',
    x.rounds ? x.rounds.map((o) => `${f(o.aboveTwin * 100, 0)} %`).join(', ') : '—',
    f(x.perCall.webhooks, 1),
    `${f(x.perCall.carrierRequests, 1)} (${f(x.perCall.endedLegCommands, 1)})`,
    x.perCall.d1Batches === undefined
      ? f(x.perCall.d1Statements, 1)
      : `${f(x.perCall.d1Statements, 1)} (${f(x.perCall.d1Writes ?? 0, 1)} w, ${f(x.perCall.d1Statements - (x.perCall.d1BatchedStatements ?? 0) + x.perCall.d1Batches, 1)} trips)`,
    f(x.perCall.doRequests, 1),
    `${f(x.perCall.storageWrites, 1)} (${f(x.perCall.durableInputs, 1)})`,
    f(x.perCall.apiRequests, 1),
    `${x.recorded}/${x.calls}`,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(w[i] ?? 0)).join('  '));
  console.log(
    "  floor: the probes back to back, two at a time; floor at rate: the same probes one at a time, the flow's own mean interval between requests apart (an idle runtime pays each request's wake-up again)",
  );
  console.log(
    "  twin: the flow's requests replayed at the moments they came, each doing its share of the flow's operations (object call, documents, alarm, D1 round trips, carrier requests) with none of our code (scripts/bench/twin.ts)",
  );
  for (const x of r.flows)
    if (x.atRate) {
      const q = x.atRate.platform;
      console.log(
        `  ${x.flow} at rate: request ${f(q.requestMs, 2)}, verify ${f(q.verifyMs, 2)}, object call ${f(q.objectCallMs, 2)}, new object ${f(q.newObjectMs, 2)}, storage write ${f(q.storageWriteMs, 2)}, D1 ${f(q.d1StatementMs, 2)}, fetch ${f(q.fetchMs, 2)}, R2 put ${f(q.r2PutMs, 2)} ms`,
      );
    }
  for (const x of r.flows)
    console.log(
      `  ${x.flow}: ${Object.entries(x.commands)
        .map(([k, v]) => `${k} ${f(v, 2)}`)
        .join(
          ', ',
        )}; storage ${f(x.perCall.docBytes, 0)} B per write, ${f(x.perCall.alarmWrites, 1)} alarm writes, ${f(x.perCall.alarmRuns ?? 0, 1)} alarm runs; D1 rows ${Object.entries(
        x.d1Rows ?? {},
      )
        .map(([t, v]) => `${t} ${f(v.rows, 1)} × ${f(v.bytes / Math.max(v.rows, 1e-9), 0)} B`)
        .join(', ')}${
        x.objectRequests
          ? `; object requests ${Object.entries(x.objectRequests)
              .map(([k, v]) => `${k} ${f(v, 2)}`)
              .join(', ')}`
          : ''
      }${
        x.effects
          ? `; effects ${Object.entries(x.effects)
              .map(([k, v]) => `${k} ${f(v, 2)}`)
              .join(', ')}`
          : ''
      }`,
    );
}

export function printReport(r: Results) {
  const kept = r.sweep.filter((s) => s.keptUp).map((s) => s.rate);
  const best = kept.length ? Math.max(...kept) : 0;
  const past = r.sweep.find((s) => !s.keptUp);
  const rows: [string, string, string, string][] = [
    ['CPU per webhook, worker workerd process', f(r.burst.cpuMsPerWebhook, 3, ' ms'), '≤ 1 ms (aim 0.3)', verdict(r.burst.cpuMsPerWebhook <= 1)],
    ['  of which user / system (kernel: sockets, storage I/O)', `${f(r.burst.userMsPerWebhook, 3)} / ${f(r.burst.systemMsPerWebhook, 3)} ms`, '', ''],
    ['  floor: Ed25519 verify + JSON.parse (Node, same run)', f(r.floor.verifyParseUs, 0, ' µs'), `${r.floor.bodyBytes}-byte call.initiated`, ''],
    ['  floor: worker acking an ignored event', f(r.floor.ignoredEventCpuMs, 3, ' ms'), 'verify + parse + HTTP', ''],
    ['  same, through the local static-assets router', f(r.floor.ignoredEventViaAssetsCpuMs, 3, ' ms'), 'local dev only', ''],
    ...(r.platform
      ? [
          ["  floor: the runtime's own cost of what a call needs", f(r.platform.perWebhookMs, 3, ' ms'), 'per webhook, no code of ours', ''] as [
            string,
            string,
            string,
            string,
          ],
          ...Object.entries(r.platform.perWebhook).map(([k, v]): [string, string, string, string] => [`    ${k}`, f(v, 3, ' ms'), '', '']),
          ['  above that floor: our code (verify, parse, hosts, flows), GC', f(r.burst.cpuMsPerWebhook - r.platform.perWebhookMs, 3, ' ms'), '', ''] as [
            string,
            string,
            string,
            string,
          ],
        ]
      : []),
    [`call.initiated → first command p50, ${r.burst.calls} at once`, f(r.burst.firstCommandP50, 0, ' ms'), '', ''],
    [`call.initiated → first command p99, ${r.burst.calls} at once`, f(r.burst.firstCommandP99, 0, ' ms'), '≤ 500 ms', verdict(r.burst.firstCommandP99 <= 500)],
    ...(r.platform
      ? [
          [
            `  floor: the runtime's own cost of ${Math.ceil(r.burst.calls * 0.99)} calls' first steps`,
            f(Math.ceil(r.burst.calls * 0.99) * firstStepMs(r.platform), 0, ' ms'),
            `request, object call, new object, D1 read, command; busiest thread ${f((r.burst.busiestThreadShare ?? NaN) * 100, 0)} % of the CPU`,
            '',
          ] as [string, string, string, string],
        ]
      : []),
    ['webhook ack p50 / p99 (burst)', `${f(r.burst.ackP50, 1)} / ${f(r.burst.ackP99, 1)} ms`, '< 2000 ms (Telnyx)', verdict(r.burst.ackTimeouts === 0)],
    ['unloaded first command p50', f(r.unloaded.firstCommandP50, 1, ' ms'), '≤ 10 ms', verdict(r.unloaded.firstCommandP50 <= 10)],
    // BENCH_QUICK without BENCH_RATES runs no sweep: say so rather than "0 calls/s, OVER".
    r.sweep.length
      ? ['open-loop rate kept up with', `${best} calls/s`, '≥ 100 calls/s', verdict(best >= 100)]
      : ['open-loop rate kept up with', 'not run (BENCH_QUICK)', '≥ 100 calls/s', ''],
    [
      '  past it',
      past
        ? `${past.rate}/s: p99 ${f(past.firstCommandP99, 0)} ms, ${past.shed503} × 503, ${past.ackTimeouts} ack timeouts, ${past.workerAlive ? 'no crash' : 'WORKER DIED'}, acked calls recorded ${past.recorded}/${past.ackedCalls}`
        : 'not reached',
      'quick 503s, no crash, nothing acked lost',
      past ? verdict(past.workerAlive && past.recorded >= past.ackedCalls && past.ackTimeouts === 0) : '',
    ],
    ['SQL statements per event (CallSession)', f(r.burst.sqlStatementsPerEvent, 2), '', ''],
    ['storage writes per event', f(r.burst.storageWritesPerEvent, 2), '', ''],
    ['alarm writes per event', f(r.burst.alarmWritesPerEvent, 2), '', ''],
    ['D1 reads per call', f(r.burst.d1ReadsPerCall, 2), '≤ 1', verdict(r.burst.d1ReadsPerCall <= 1)],
    ['Telnyx requests per call', f(r.burst.telnyxRequestsPerCall, 1), '', ''],
    ['webhooks per call', f(r.burst.webhooksPerCall, 1), '', ''],
    ['worker bundle (gzip)', f(r.bundle.gzipKb, 0, ' KiB'), 'report', ''],
    ['cold start (startup CPU)', f(r.bundle.startupMs, 1, ' ms'), 'report', ''],
  ];
  if (r.popup)
    rows.push([
      'call.initiated → popup on an open socket p50 / p99',
      `${f(r.popup.p50, 1)} / ${f(r.popup.p99, 1)} ms`,
      `${r.popup.received}/${r.popup.calls} popups`,
      '',
    ]);
  if (r.phonebook)
    rows.push([
      `phonebook import, ${r.phonebook.rows.toLocaleString('en')}-row XLSX: parse / upload`,
      `${f(r.phonebook.parseMs, 0)} / ${f(r.phonebook.uploadMs, 0)} ms`,
      'report',
      `${r.phonebook.imported} imported in ${r.phonebook.chunks} chunks, chunk p50 ${f(r.phonebook.chunkP50Ms, 0)} ms`,
    ]);
  if (r.queueObject)
    rows.push([
      'queue throughput (one Queue object, whole calls)',
      f(r.queueObject.callsPerSec, 1, ' calls/s'),
      'report',
      `${r.queueObject.answered}/${r.queueObject.calls} answered by ${r.queueObject.agents} agents; wait p50 / p99 ${f(r.queueObject.waitP50Ms, 0)} / ${f(r.queueObject.waitP99Ms, 0)} ms`,
    ]);
  const routing = r.micro.routing;
  if (routing)
    rows.push([
      `routing decision median (${routing.listSize ?? '?'}-entry lists)`,
      f(routing.medianUs, 2, ' µs'),
      '≤ 20 µs',
      verdict((routing.medianUs ?? Infinity) <= 20),
    ]);
  const queue = r.micro.queue;
  if (queue) {
    rows.push(['distribution decision median', f(queue.decisionMedianUs, 2, ' µs'), '', '']);
    rows.push([
      'agent ready → next offer (processing)',
      f(queue.readyToOfferMedianUs, 2, ' µs'),
      '≤ 1 ms',
      verdict((queue.readyToOfferMedianUs ?? Infinity) <= 1000),
    ]);
    rows.push(['queue throughput (one Queue reducer)', f(queue.throughputCallsPerSec, 0, ' calls/s'), '', '']);
  }
  for (const [k, v] of Object.entries(r.micro)) {
    if (k === 'routing' || k === 'queue') continue;
    for (const [name, value] of Object.entries(v)) rows.push([`${k}: ${name}`, f(value, 2), '', '']);
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log(`\n── bench results ${r.at} · ${r.machine.cpus} × ${r.machine.model} · load ${f(r.machine.loadBefore)} → ${f(r.machine.loadAfter)}`);
  for (const row of rows) console.log(`${row[0].padEnd(w[0]!)}  ${row[1].padEnd(w[1]!)}  ${row[2].padEnd(w[2]!)}  ${row[3]}`);
  console.log(
    `\nburst: ${r.burst.recorded}/${r.burst.calls} calls recorded in ${f(r.burst.wallSeconds)} s, ${r.burst.webhooks} webhooks, ${r.burst.shed503} × 503, ${r.burst.ackTimeouts} ack timeouts`,
  );
  console.log('open-loop sweep:');
  for (const s of r.sweep)
    console.log(
      `  ${String(s.rate).padStart(3)}/s  first command p50 ${f(s.firstCommandP50, 0).padStart(5)} ms  p99 ${f(s.firstCommandP99, 0).padStart(5)} ms  ack p99 ${f(s.ackP99, 0).padStart(5)} ms  CPU/webhook ${f(s.cpuMsPerWebhook, 3)} ms  503 ${s.shed503}  timeouts ${s.ackTimeouts}  recorded ${s.recorded}/${s.calls}  ${s.keptUp ? 'kept up' : 'did not keep up'}`,
    );
  printFlows(r);
  if (r.profile?.length) {
    console.log('top CPU frames (self time) under the burst:');
    for (const fr of r.profile)
      console.log(`  ${(fr.share * 100).toFixed(1).padStart(5)}%  ${fr.fn}  ${fr.where}${fr.hotLines ? `  (lines ${fr.hotLines})` : ''}`);
  }
}
