// The benchmark's carrier: the simulator's own leg model (worker/simulator/model.ts) served from
// this Node process, so the worker's workerd process does only the worker's work. It answers the
// worker's Telnyx REST commands and delivers signed webhooks straight to the worker's workerd
// socket, with Telnyx's 2 s acknowledgement limit.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { CarrierModel } from '../../worker/simulator/model';
import { carrierApp } from '../../worker/simulator/rest';

/** Telnyx waits this long for a 2xx before it counts the delivery as failed and retries. */
export const ACK_TIMEOUT_MS = 2_000;

/** One delivery attempt: its call session, event type, the worker's answer, how long it took, when it was sent (Date.now) and its body's length. */
export type Delivery = { session: string; type: string; status: number; ms: number; sentAt: number; bytes: number };

export type NodeCarrier = {
  url: string;
  model: CarrierModel;
  /** Every delivery attempt since the last reset: status 0 = timed out or refused. */
  deliveries: Delivery[];
  setTarget(webhookUrl: string): void;
  /** Extra headers on every delivery (to reach the worker directly). */
  setHeaders(headers: Record<string, string>): void;
  close(): Promise<void>;
};

export async function startNodeCarrier(opts: { privateKey: string; apiKey: string; connectionId: string }): Promise<NodeCarrier> {
  let target = '';
  let extraHeaders: Record<string, string> = {};
  const deliveries: Delivery[] = [];
  let url = '';
  const model = new CarrierModel({
    post: async (body, headers) => {
      const sentAt = Date.now();
      const t0 = performance.now();
      let status = 0;
      try {
        const res = await fetch(target, { method: 'POST', headers: { ...headers, ...extraHeaders }, body, signal: AbortSignal.timeout(ACK_TIMEOUT_MS) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      // The session and type sit at fixed places in our own bodies; avoid a second JSON.parse.
      const type = /"event_type":"([^"]+)"/.exec(body)?.[1] ?? '?';
      const session = /"call_session_id":"([^"]+)"/.exec(body)?.[1] ?? '?';
      deliveries.push({ session, type, status, ms: performance.now() - t0, sentAt, bytes: body.length });
      return status;
    },
    privateKey: () => opts.privateKey,
    waitUntil: () => {},
    recordingBase: () => url,
    connectionId: () => opts.connectionId,
    messagingProfileId: () => 'mp-bench',
  });
  const app = carrierApp(model, () => opts.apiKey);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    model,
    deliveries,
    setTarget: (t) => (target = t),
    setHeaders: (h) => (extraHeaders = h),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
