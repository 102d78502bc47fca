// The routing decision's budget (DESIGN.md: ≤ 20 µs median with 10,000-entry lists), measured in
// Node on this machine: a realistic snapshot, lists of 10,000 entries, callers half of them listed,
// instants spread over a year (so the zone-offset cache and holiday tables are exercised, not one
// warm answer). `npm run bench` calls benchRouting(); `npx tsx scripts/bench/routing.ts` runs it alone.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ListIndex, type ListEntry } from '../../worker/routing/lists';
import { route } from '../../worker/routing/route';
import { DEFAULT_ANNOUNCEMENTS, SNAPSHOT_VERSION, type RoutingSnapshot } from '../../worker/routing/snapshot';

export type RoutingBench = {
  /** route() with a 10,000-entry ListIndex (what-if's path; the lookup included). */
  medianUs: number;
  p99Us: number;
  listSize: number;
  /** route() with the caller's prefetched rows (the inbound path's). */
  prefetchedMedianUs: number;
  prefetchedP99Us: number;
  /** ListIndex#entriesFor alone. */
  lookupMedianUs: number;
  /** Building the index of all entries once. */
  indexBuildMs: number;
  iterations: number;
};

const LIST_SIZE = 10_000;
const WARMUP = 20_000;
const ITERATIONS = 200_000;

/** A small deterministic generator, so every run measures the same work. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function snapshot(): RoutingSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    numberId: 'num_bench',
    orgId: 'org_bench',
    e164: '+825012340001',
    kind: 'safe_number',
    paused: false,
    owner: { userId: 'usr_bench', mobile: '+821012345678', disabled: false },
    forwardCallerId: '+825012340001',
    ringTimeoutSeconds: 30,
    timezone: 'Asia/Seoul',
    recordingEnabled: true,
    voicemail: { afterHours: false, noAnswer: false },
    queueId: null,
    announcements: DEFAULT_ANNOUNCEMENTS,
    hours: { start: '09:00', end: '18:00', weekdays: 0b0011111 },
    lunch: { start: '12:00', end: '13:00' },
    immediateBlock: false,
    blockWindows: [
      { name: '주간회의', start: '09:00', end: '10:00', weekdays: 0b0000001, announcement: '회의 중입니다.' },
      { name: '현장점검', start: '14:00', end: '16:00', weekdays: 0b0001010, announcement: '현장 점검 중입니다.' },
      { name: '야간', start: '22:00', end: '07:00', weekdays: 0b1111111, announcement: '야간에는 받을 수 없습니다.' },
    ],
    holidays: Array.from({ length: 12 }, (_, i) => ({ date: `2026-${String(i + 1).padStart(2, '0')}-15`, name: '기관 행사일' })),
    shield: { limit: 5, windowMinutes: 10, coolOffMinutes: 30 },
  };
}

function entries(random: () => number): ListEntry[] {
  const now = Date.UTC(2026, 0, 1);
  return Array.from({ length: LIST_SIZE }, (_, i) => ({
    kind: i % 4 === 0 ? 'free_pass' : 'spam',
    number: `+8210${String(20_000_000 + i * 7)}`,
    // Every tenth a temporary block, some of them already expired over the year measured.
    expiresAt: i % 10 === 0 ? now + Math.floor(random() * 365 * 86_400_000) : null,
  }));
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function measure(iterations: number, run: (i: number) => unknown): Float64Array {
  const times = new Float64Array(iterations);
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const r = run(i);
    times[i] = performance.now() - t0;
    if (r) sink++;
  }
  if (sink < 0) console.log(sink);
  return times.sort();
}

const us = (ms: number) => Math.round(ms * 1000 * 100) / 100;

export async function benchRouting(): Promise<RoutingBench> {
  const random = lcg(9);
  const snap = snapshot();
  const list = entries(random);
  const t0 = performance.now();
  const index = new ListIndex(list);
  const indexBuildMs = performance.now() - t0;

  // Half the callers are on a list, half are not; instants anywhere in 2026.
  const pool = 4096;
  const callers = Array.from({ length: pool }, (_, i) =>
    i % 2 === 0 ? (list[Math.floor(random() * list.length)]?.number ?? '') : `+8210${String(90_000_000 + i)}`,
  );
  const instants = Array.from({ length: pool }, () => Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * 86_400_000));
  const prefetched = callers.map((c) => index.entriesFor(c));

  const viaIndex = (i: number) => route({ snapshot: snap, caller: callers[i % pool] ?? '', now: instants[(i * 7) % pool] ?? 0, lists: index, shield: null });
  const viaRows = (i: number) =>
    route({ snapshot: snap, caller: callers[i % pool] ?? '', now: instants[(i * 7) % pool] ?? 0, lists: prefetched[i % pool] ?? [], shield: null });
  const lookup = (i: number) => index.entriesFor(callers[i % pool] ?? '');

  measure(WARMUP, viaIndex);
  measure(WARMUP, viaRows);
  measure(WARMUP, lookup);
  const decision = measure(ITERATIONS, viaIndex);
  const inbound = measure(ITERATIONS, viaRows);
  const lookups = measure(ITERATIONS, lookup);
  return {
    medianUs: us(quantile(decision, 0.5)),
    p99Us: us(quantile(decision, 0.99)),
    listSize: index.size,
    prefetchedMedianUs: us(quantile(inbound, 0.5)),
    prefetchedP99Us: us(quantile(inbound, 0.99)),
    lookupMedianUs: us(quantile(lookups, 0.5)),
    indexBuildMs: Math.round(indexBuildMs * 100) / 100,
    iterations: ITERATIONS,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchRouting();
  console.log(JSON.stringify(result, null, 2));
  console.log(`routing decision: median ${result.medianUs} µs, p99 ${result.p99Us} µs with ${result.listSize} list entries (budget: median ≤ 20 µs)`);
}
