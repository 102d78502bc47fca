// The floor, measured in the same run as the worker: what no webhook handler can avoid — verifying
// the Ed25519 signature and parsing a call.initiated body — timed here in Node's WebCrypto, and the
// worker's own CPU for a signed webhook of an ignored type (verify + parse + HTTP, no session).
import { webhook } from '../../worker/simulator/payloads';
import { signWebhook } from '../../worker/simulator/sign';
import type { Worker } from './workerd';

const ROUNDS = 3_000;

function sampleBody(type = 'call.initiated') {
  const body = webhook.initiated(
    crypto.randomUUID(),
    new Date().toISOString(),
    {
      callControlId: `v3:${crypto.randomUUID()}-${crypto.randomUUID()}`,
      callLegId: crypto.randomUUID(),
      callSessionId: crypto.randomUUID(),
      connectionId: '1494404757140276705',
      from: '+821012345678',
      to: '+8250512340001',
      clientState: 'eyJzIjoiYWJjZGVmMDEtMjM0NS02Nzg5LWFiY2QtZWYwMTIzNDU2Nzg5IiwiciI6ImNhbGxlciJ9',
    },
    'incoming',
  );
  return JSON.stringify({ ...body, data: { ...body.data, event_type: type } });
}

/** The worker process's CPU per request over `rounds` requests, `concurrency` at a time; each must answer 200. */
async function cpuPerRequest(worker: Worker, rounds: number, concurrency: number, request: (i: number) => [string, RequestInit]): Promise<number> {
  const cpu0 = worker.cpuFine();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rounds) {
        const [url, init] = request(next++);
        const res = await fetch(url, init);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      }
    }),
  );
  return ((worker.cpuFine() - cpu0) * 1000) / rounds;
}

export type Floor = { bodyBytes: number; verifyParseUs: number; ignoredEventCpuMs: number; ignoredEventViaAssetsCpuMs: number };

export async function measureFloor(worker: Worker, privateKeyPkcs8: string): Promise<Floor> {
  const body = sampleBody();
  const headers = await signWebhook(privateKeyPkcs8, body);
  const priv = await crypto.subtle.importKey('pkcs8', Buffer.from(privateKeyPkcs8, 'base64'), { name: 'Ed25519' }, true, ['sign']);
  const jwk = (await crypto.subtle.exportKey('jwk', priv)) as { x?: string };
  const pub = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x! }, { name: 'Ed25519' }, false, ['verify']);
  const sig = Buffer.from(headers['telnyx-signature-ed25519']!, 'base64');
  const signed = new TextEncoder().encode(`${headers['telnyx-timestamp']}|${body}`);
  for (let i = 0; i < 200; i++) await crypto.subtle.verify('Ed25519', pub, sig, signed);
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    if (!(await crypto.subtle.verify('Ed25519', pub, sig, new TextEncoder().encode(`${headers['telnyx-timestamp']}|${body}`))))
      throw new Error('floor: bad signature');
    JSON.parse(body);
  }
  const verifyParseUs = ((performance.now() - t0) * 1000) / ROUNDS;

  // The worker acknowledging signed events it does not act on: same verify + parse, plus HTTP and routing.
  const ignoredCpu = async (headers: Record<string, string>) => {
    const ignored = Array.from({ length: ROUNDS }, () => sampleBody('call.cost'));
    const signedIgnored = await Promise.all(ignored.map((b) => signWebhook(privateKeyPkcs8, b)));
    return cpuPerRequest(worker, ROUNDS, 20, (i) => [
      `${worker.directUrl}/telnyx/webhook`,
      { method: 'POST', headers: { ...signedIgnored[i], ...headers }, body: ignored[i] },
    ]);
  };
  const ignoredEventCpuMs = await ignoredCpu(worker.direct);
  const ignoredEventViaAssetsCpuMs = await ignoredCpu({});
  return { bodyBytes: new TextEncoder().encode(body).length, verifyParseUs, ignoredEventCpuMs, ignoredEventViaAssetsCpuMs };
}

export type PlatformCosts = {
  /** CPU of an HTTP request to the worker that reads a webhook-sized body and does nothing else (the local runtime's entry included, no router). */
  requestMs: number;
  /** Added by one Ed25519 verify of a webhook-sized message in the runtime's WebCrypto (every webhook needs one). */
  verifyMs: number;
  /** Added by one call to a live Durable Object, a new one, one D1 statement, one outbound fetch. */
  objectCallMs: number;
  newObjectMs: number;
  /** Added by a call to a live object that stores one session-sized document (beyond the call itself). */
  storageWriteMs: number;
  d1StatementMs: number;
  fetchMs: number;
  /** Added by one R2 put of a voicemail-sized recording (absent in results from before 2026-12-07). */
  r2PutMs?: number;
};

/**
 * The runtime's own cost of each kind of operation a call needs, timed in this run (simulator-only probe
 * routes, answered ahead of the router as webhooks are), `concurrency` at a time: the burst's figures
 * at 10, the per-flow table's at 2 (its calls come one every 100 ms, so the runtime is rarely busy
 * with more than one request at once). Each probe is a POST with a body of a call.initiated's size,
 * which the probe reads, as every webhook is.
 */
/**
 * measurePlatform `passes` times, each figure the median of its passes: one pass's figures moved by
 * half between runs (a new object 0.7–1.8 ms, an object call 0–0.36 ms), which moved the per-flow
 * floors as much as any change of ours.
 */
export async function measurePlatformMedian(worker: Worker, passes: number, rounds: number, concurrency: number): Promise<PlatformCosts> {
  return medianOf(passes, () => measurePlatform(worker, rounds, concurrency));
}

/** Each figure the median of `passes` measurements. */
export async function medianOf(passes: number, measure: () => Promise<PlatformCosts>): Promise<PlatformCosts> {
  const runs: PlatformCosts[] = [];
  for (let i = 0; i < passes; i++) runs.push(await measure());
  const median = (k: keyof PlatformCosts) => {
    const v = runs.map((r) => r[k] ?? 0).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)] ?? 0;
  };
  return {
    requestMs: median('requestMs'),
    verifyMs: median('verifyMs'),
    objectCallMs: median('objectCallMs'),
    newObjectMs: median('newObjectMs'),
    storageWriteMs: median('storageWriteMs'),
    d1StatementMs: median('d1StatementMs'),
    fetchMs: median('fetchMs'),
    r2PutMs: median('r2PutMs'),
  };
}

export async function measurePlatform(worker: Worker, rounds = 1500, concurrency = 10): Promise<PlatformCosts> {
  return probeEach(worker, (url, init) => cpuPerRequest(worker, rounds, concurrency, () => [url, init]));
}

/**
 * The same probes one request at a time, `gapMs` between one's answer and the next (the runtime idle
 * in between, as between a flow's requests when its calls come every 100 ms), the process's idle CPU
 * over the time taken out. An idle workerd pays for each request's wake-up again: a request that does
 * nothing cost 1.4 ms 10 ms apart against 0.5 ms back to back on this machine, a D1 statement
 * 1.5 ms more against 0.6.
 */
export async function measurePlatformSpaced(worker: Worker, gapMs: number, rounds = 250): Promise<PlatformCosts> {
  const idle = await idleCpuPerMs(worker, 2_000);
  return probeEach(worker, async (url, init) => {
    const c0 = worker.cpuFine();
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) {
      const res = await fetch(url, init);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      await sleep(gapMs);
    }
    return Math.max(0, (worker.cpuFine() - c0) * 1000 - idle * (performance.now() - t0)) / rounds;
  });
}

/** Each probe's CPU per request by `cpuPer`, and what each operation adds to a bare request. */
async function probeEach(worker: Worker, cpuPer: (url: string, init: RequestInit) => Promise<number>): Promise<PlatformCosts> {
  const body = sampleBody();
  const probe = async (what: string) => {
    const url = `${worker.directUrl}/_sim/api/probe/${what}`;
    const init = { method: 'POST', headers: { ...worker.direct, 'content-type': 'application/json' }, body };
    for (let i = 0; i < 50; i++) await (await fetch(url, init)).arrayBuffer();
    return cpuPer(url, init);
  };
  const requestMs = await probe('nothing');
  const added = async (what: string) => Math.max(0, (await probe(what)) - requestMs);
  const objectCallMs = await added('object-live');
  return {
    requestMs,
    verifyMs: await added('verify'),
    objectCallMs,
    newObjectMs: await added('object-new'),
    storageWriteMs: Math.max(0, (await probe('object-write')) - requestMs - objectCallMs),
    d1StatementMs: await added('d1'),
    fetchMs: await added('fetch'),
    r2PutMs: await added('r2-put'),
  };
}

/**
 * The idle rate to take out of a window from the readings just before and just after it: the lower.
 * A reading can only be raised by work that is not idle (the eviction of the objects of what ran
 * before it, seen at 8.3 ms/s before a window and 1.7 after), never lowered, so the mean of the two
 * took a contaminated reading's excess out of the calls' CPU.
 */
export const idleRateOf = (before: number, after: number) => Math.min(before, after);

/** The worker process's CPU per wall-clock ms while the bench sends it nothing, read over `forMs`. */
export async function idleCpuPerMs(worker: Worker, forMs = 5_000): Promise<number> {
  const c0 = worker.cpuFine();
  const t0 = performance.now();
  await sleep(forMs);
  return ((worker.cpuFine() - c0) * 1000) / (performance.now() - t0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
