// Ingress for every Telnyx webhook (voice and messaging), doing only what must happen before the
// acknowledgement: verify (key imported once per isolate), validate, hand the event to its durable
// owner. No D1 read for voice. Past what this isolate can carry it sheds load with a quick 503 and
// Retry-After (Telnyx retries), rather than queueing until the carrier gives up at 2 s.
import { Hono } from 'hono';
import { isKnownMessageStatus, updateRecipientStatusByCarrierId } from '../db/messages';
import type { AppEnv } from '../env';
import { ApiError, badRequest } from '../errors';
import { metrics } from '../metrics';
import { parseWebhook } from './events';
import { verifyTelnyxSignature } from './signature';

/** Telnyx webhooks are a few KB; anything near this is not one. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;
/**
 * When this isolate is past what it can carry: too many webhooks in hand at once, or acknowledging
 * has become slow on average (Telnyx gives up at 2 s and retries anyway). Refusing quickly with 503
 * and Retry-After lets the carrier retry later instead of timing out on a queue.
 */
export class LoadShedder {
  inFlight = 0;
  /** Moving average of how long acknowledging takes here, in ms. */
  ackMs = 0;
  constructor(
    /** A 200-call burst fits. */
    public maxInFlight = 400,
    public slowAckMs = 1_000,
  ) {}

  /** False = shed this one. */
  admit(): boolean {
    if (this.inFlight >= this.maxInFlight || this.ackMs > this.slowAckMs) {
      // Let the average recover while refusing: shedding is itself evidence the load is past us.
      this.ackMs *= 0.9;
      return false;
    }
    this.inFlight++;
    return true;
  }

  done(ms: number) {
    this.inFlight--;
    this.ackMs = this.ackMs * 0.95 + ms * 0.05;
  }
}

export const shedder = new LoadShedder();

const ACK = '{"received":true}';
const JSON_HEADERS = { 'content-type': 'application/json' };

const tooLarge = () => new ApiError(413, 'too_large', 'The webhook body is too large.');

async function acknowledge(req: Request, env: AppEnv['Bindings']): Promise<Response> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > WEBHOOK_BODY_LIMIT) throw tooLarge();
  const bytes = await req.arrayBuffer();
  if (bytes.byteLength > WEBHOOK_BODY_LIMIT) throw tooLarge();
  const body = new TextDecoder().decode(bytes);
  if (!(await verifyTelnyxSignature(body, req.headers, env.TELNYX_PUBLIC_KEY))) {
    throw new ApiError(401, 'bad_signature', 'The webhook signature is missing, invalid or stale.');
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw badRequest('The webhook body is not JSON.', [{ field: '(body)', message: 'Not JSON.' }]);
  }
  const parsed = parseWebhook(json);
  if (!parsed.ok) {
    // Paths only: valibot messages can quote received values, which may be phone numbers.
    throw badRequest(
      'The webhook does not match its schema.',
      parsed.issues.map((i) => ({ field: i.split(':')[0] ?? '(body)', message: 'Invalid.' })),
    );
  }
  const event = parsed.value;
  if (event.kind === 'voice') {
    // A stub per request: stubs are bound to the request that made them and cannot be cached.
    await env.CALL_SESSION.get(env.CALL_SESSION.idFromName(event.sessionId)).handleEvent(event.sessionId, event.event);
  } else if (event.kind === 'message' && event.type !== 'message.received') {
    const status = event.statuses[0]?.status;
    const orgId = new URL(req.url).searchParams.get('org');
    if (status && isKnownMessageStatus(status)) await updateRecipientStatusByCarrierId(env, event.carrierMessageId, status, Date.now(), orgId || undefined);
  }
  // message.received (inbound SMS) and unknown event types: acknowledged and ignored for now.
  return new Response(ACK, { headers: JSON_HEADERS });
}

export const telnyxWebhookRoutes = new Hono<AppEnv>().post('/telnyx/webhook', async (c) => {
  if (!shedder.admit()) {
    metrics.shed++;
    return c.json({ error: { code: 'overloaded', message: 'Busy; retry shortly.' } }, 503, { 'Retry-After': '1' });
  }
  const started = Date.now();
  try {
    return await acknowledge(c.req.raw, c.env);
  } finally {
    shedder.done(Date.now() - started);
  }
});
