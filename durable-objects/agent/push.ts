// Web Push for one person's devices (S14): a missed call named with the caller and today's count,
// encrypted and signed (VAPID) by @block65/webcrypto-web-push. Subscriptions the push service no
// longer knows (404, 410) are removed. Nothing here throws to its caller: push never breaks a call.
import { buildPushPayload, type PushSubscription } from '@block65/webcrypto-web-push';
import type { Bindings } from '../../worker/env';
import { deletePushSubscriptionsById, listPushSubscriptions, type PushSubscriptionRow } from '../../worker/db/notifications';
import type { OrgDb } from '../../worker/db/scope';
import { outbound } from '../../worker/outbound';

/** One push request may take this long; a slow push service is given up on (the call is long over). */
const PUSH_TIMEOUT_MS = 5_000;
/** How long a push service keeps a missed-call notice for an offline device. */
const PUSH_TTL_SECONDS = 12 * 60 * 60;

/** What the service worker (web/public/sw.js) shows. */
export type PushNotice = { title: string; body: string; url: string; tag: string; count: number };

export type PushReport = { sent: number; removed: number; failed: number; skipped?: 'no_vapid' | 'no_devices' };

export function vapidOf(env: Bindings) {
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return null;
  return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT || 'mailto:admin@localhost' };
}

/** Where a push goes: only where worker/push-services.ts allows (a subscription saved before that rule included). */
function destination(env: Bindings, endpoint: string): { sign: string; send: (init: RequestInit) => Promise<Response> } | null {
  const port = outbound(env);
  const to = port.pushTarget(endpoint);
  if (!to) return null;
  const timed = (init: RequestInit): RequestInit => ({ ...init, signal: AbortSignal.timeout(PUSH_TIMEOUT_MS), redirect: 'manual' });
  // The browser suite's local receiver is plain http; the payload is signed for its https form.
  return { sign: to.kind === 'local' ? endpoint.replace(/^http:/, 'https:') : endpoint, send: (init) => port.sendPush(env, to, timed(init)) };
}

async function pushOne(env: Bindings, row: PushSubscriptionRow, notice: PushNotice): Promise<'sent' | 'gone' | 'failed'> {
  const vapid = vapidOf(env);
  const to = destination(env, row.endpoint);
  if (!vapid || !to) return 'failed';
  const subscription: PushSubscription = { endpoint: to.sign, expirationTime: null, keys: { p256dh: row.p256dh, auth: row.auth } };
  try {
    const payload = await buildPushPayload({ data: notice, options: { ttl: PUSH_TTL_SECONDS, urgency: 'high', topic: notice.tag } }, subscription, vapid);
    const res = await to.send({ method: 'POST', headers: payload.headers, body: payload.body });
    await res.body?.cancel();
    if (res.status === 404 || res.status === 410) return 'gone';
    return res.ok ? 'sent' : 'failed';
  } catch (err) {
    console.error(JSON.stringify({ msg: 'push failed', error: String((err as Error)?.name) }));
    // The full error (it may quote the endpoint) only where the carrier is simulated.
    if (outbound(env).verboseErrors) console.error(err);
    return 'failed';
  }
}

/**
 * Pushes the notice to every device of the user; forgets the ones that are gone. The notice is built
 * only when there is a device to send it to (what it says costs reads).
 */
export async function pushToUser(env: Bindings, scope: OrgDb, userId: string, build: () => Promise<PushNotice>): Promise<PushReport> {
  if (!vapidOf(env)) return { sent: 0, removed: 0, failed: 0, skipped: 'no_vapid' };
  const subs = await listPushSubscriptions(scope, userId);
  if (!subs.length) return { sent: 0, removed: 0, failed: 0, skipped: 'no_devices' };
  const notice = await build();
  const results = await Promise.all(subs.map((s) => pushOne(env, s, notice)));
  const gone = subs.filter((_, i) => results[i] === 'gone').map((s) => s.id);
  await deletePushSubscriptionsById(scope, gone);
  return { sent: results.filter((r) => r === 'sent').length, removed: gone.length, failed: results.filter((r) => r === 'failed').length };
}
