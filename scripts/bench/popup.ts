// The popup's latency (S14) for `npm run bench`: from the carrier sending a call's call.initiated to
// the "ringing" popup reaching an open WebSocket of the owner (the web app's /api/live, held by the
// owner's Agent object). One socket stays open, calls come one at a time, so this is the path's
// own latency, not queueing. Called from main.ts once the worker, the carrier and the seed are up.
import { createHash, randomBytes } from 'node:crypto';
import { d1ExecuteFile, sqlText, type Target } from '../lib/wrangler';
import type { NodeCarrier } from './carrier';
import type { Worker } from './workerd';

export type PopupBenchContext = {
  target: Target;
  worker: Pick<Worker, 'directUrl' | 'direct'>;
  carrier: NodeCarrier;
  /** A seeded safe number and its owner (main.ts seeds usr_bench<i> owning numbers[i] in org_bench). */
  number: { e164: string };
  userId: string;
  orgId: string;
  calls?: number;
  /** Pause between calls (ms). */
  spacingMs?: number;
  /** The instant a call is placed at (inside the number's working hours, so it rings and pops up). */
  at: () => number;
};

export type PopupBenchResult = { calls: number; received: number; p50: number; p99: number; max: number };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A session row for the owner (the bench's users have no usable password): the cookie's token. */
async function sessionCookie(ctx: PopupBenchContext): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('base64');
  const now = Date.now();
  await d1ExecuteFile(ctx.target, [
    `INSERT INTO sessions (token_hash, org_id, user_id, created_at, last_seen_at, expires_at) VALUES (${sqlText(hash)}, ${sqlText(ctx.orgId)}, ${sqlText(ctx.userId)}, ${now}, ${now}, ${now + 8 * 3600_000})`,
  ]);
  return `sid=${token}`;
}

export async function benchPopup(ctx: PopupBenchContext): Promise<PopupBenchResult> {
  const calls = ctx.calls ?? 30;
  const cookie = await sessionCookie(ctx);
  const url = `${ctx.worker.directUrl.replace(/^http/, 'ws')}/api/live`;
  // Node's WebSocket (undici) takes request headers: the session cookie, and the direct-route headers.
  const Ws = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;
  const ws = new Ws(url, { headers: { cookie, ...ctx.worker.direct } });
  const arrived = new Map<string, number>();
  ws.addEventListener('message', (e) => {
    const at = Date.now();
    try {
      const msg = JSON.parse(String(e.data)) as { type: string; call?: { sessionId: string; state: string } };
      if (msg.type === 'call' && msg.call?.state === 'ringing' && !arrived.has(msg.call.sessionId)) arrived.set(msg.call.sessionId, at);
    } catch {
      // not ours
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('popup socket did not open')), { once: true });
  });
  const placed: string[] = [];
  try {
    for (let i = 0; i < calls; i++) {
      const { callSessionId } = ctx.carrier.model.placeCall({
        from: `+8210${String(40_000_000 + i)}`,
        to: ctx.number.e164,
        timeScale: 0.1,
        deliver: true,
        at: ctx.at(),
      });
      placed.push(callSessionId);
      const deadline = Date.now() + 5_000;
      while (!arrived.has(callSessionId) && Date.now() < deadline) await sleep(5);
      await sleep(ctx.spacingMs ?? 200);
    }
  } finally {
    ws.close();
  }
  const latencies: number[] = [];
  for (const id of placed) {
    const initiated = ctx.carrier.deliveries.find((d) => d.session === id && d.type === 'call.initiated');
    const at = arrived.get(id);
    if (initiated && at !== undefined) latencies.push(at - initiated.sentAt);
  }
  return { calls, received: latencies.length, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: Math.max(...latencies) };
}
