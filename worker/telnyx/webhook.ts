// Ingress for every Telnyx webhook (voice and messaging), doing only what must happen before the
// acknowledgement: verify (key imported once per isolate), validate, hand the event to its durable
// owner. No D1 read for voice. Past what this isolate can carry it refuses new calls with a quick 503
// and Retry-After (Telnyx offers them again), rather than queueing until the carrier gives up at 2 s.
import { Hono } from 'hono';
import { isKnownMessageStatus, updateRecipientStatusByCarrierId } from '../db/messages';
import type { AppEnv } from '../env';
import { ApiError, badRequest } from '../errors';
import { errorBody, loggable } from '../http/errors';
import { metrics } from '../metrics';
import { callSession } from '../../durable-objects/stubs';
import { parseWebhook } from './events';
import { verifyTelnyxSignature } from './signature';

/** Telnyx webhooks are a few KB; anything near this is not one. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;
/**
 * Admission when this isolate is past what it can carry. Two limits: a hard one on webhooks in hand
 * at once (anything past it is refused), and new calls refused while acknowledging has become slow
 * on average (Telnyx gives up at 2 s). Refusing the first event of a new inbound call keeps the
 * capacity for the calls already in progress, whose events are taken (refusing those would leave
 * callers on half-done calls); the carrier offers the new call again after `Retry-After`. Every
 * refusal is a quick 503 with nothing stored.
 */
export class LoadShedder {
  inFlight = 0;
  /** Moving average of how long acknowledging takes here, in ms. */
  ackMs = 0;
  /** New calls are refused until then (epoch ms). */
  refuseNewUntil = 0;
  constructor(
    /** A 200-call burst fits. */
    public maxInFlight = 400,
    public slowAckMs = 1_000,
    /** How long new calls stay refused after acknowledging was seen slow. */
    public coolMs = 500,
  ) {}

  /** False = refuse this webhook outright (past the hard limit). */
  admit(): boolean {
    if (this.inFlight >= this.maxInFlight) return false;
    this.inFlight++;
    return true;
  }

  /** Whether a new inbound call is taken now. */
  takesNewCalls(now = Date.now()): boolean {
    return now >= this.refuseNewUntil;
  }

  done(ms: number, now = Date.now()) {
    this.inFlight--;
    this.ackMs = this.ackMs * 0.95 + ms * 0.05;
    if (this.ackMs > this.slowAckMs) this.refuseNewUntil = now + this.coolMs;
  }
}

export const shedder = new LoadShedder();

const ACK = '{"received":true}';
const JSON_HEADERS = { 'content-type': 'application/json' };

const overloaded = () =>
  new Response('{"error":{"code":"overloaded","message":"Busy; retry shortly."}}', { status: 503, headers: { ...JSON_HEADERS, 'Retry-After': '1' } });

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
  if (event.kind === 'voice' && event.event.type === 'initiated' && event.event.direction === 'incoming' && !shedder.takesNewCalls()) {
    metrics.shed++;
    return overloaded();
  }
  if (event.kind === 'voice') {
    // A stub per request: stubs are bound to the request that made them and cannot be cached.
    await callSession(env, event.sessionId).handleEvent(event.sessionId, event.event);
  } else if (event.kind === 'message' && event.type !== 'message.received') {
    const status = event.statuses[0]?.status;
    const orgId = new URL(req.url).searchParams.get('org');
    if (status && isKnownMessageStatus(status)) await updateRecipientStatusByCarrierId(env, event.carrierMessageId, status, Date.now(), orgId || undefined);
  }
  // message.received (inbound SMS) and unknown event types: acknowledged and ignored for now.
  return new Response(ACK, { headers: JSON_HEADERS });
}

/** The path Telnyx posts every webhook to (configured on the connection and the messaging profile). */
export const WEBHOOK_PATH = '/telnyx/webhook';

/** The path of an absolute request URL, without parsing the rest of it. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const q = url.indexOf('?', start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

/** Whether the entry hands this request to `telnyxWebhook` directly, ahead of the router. */
export const isWebhook = (req: Request) => req.method === 'POST' && pathOf(req.url) === WEBHOOK_PATH;

/**
 * The whole webhook ingress, answered without the Hono router: a carrier webhook needs none of the
 * API's middleware (sessions, CSRF, body rules, request ids). The saving is small (an ignored event
 * costs the same within the bench's noise, README "Design notes"), but nothing of the API runs on
 * the carrier's path. Errors answer as the API's do.
 */
export async function telnyxWebhook(req: Request, env: AppEnv['Bindings']): Promise<Response> {
  if (!shedder.admit()) {
    metrics.shed++;
    return overloaded();
  }
  const started = Date.now();
  try {
    return await acknowledge(req, env);
  } catch (err) {
    if (err instanceof ApiError) return Response.json(errorBody(err.code, err.message, err.fields), { status: err.status });
    console.error(JSON.stringify({ path: WEBHOOK_PATH, ...loggable(err) }));
    return Response.json(errorBody('internal', 'Something went wrong on our side.'), { status: 500 });
  } finally {
    shedder.done(Date.now() - started);
  }
}

/** The same ingress as a route, so the app's route list (OpenAPI, the documented-routes test) names it. */
export const telnyxWebhookRoutes = new Hono<AppEnv>().post(WEBHOOK_PATH, (c) => telnyxWebhook(c.req.raw, c.env));
