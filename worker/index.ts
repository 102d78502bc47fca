// The Worker's entry: composes the Hono app (API, webhook ingress, simulator in dev), and exports
// the fetch and scheduled handlers and the Durable Object classes.
import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './api/admin';
import { authRoutes } from './api/auth';
import { ccQueueSocketRoutes, ccRoutes } from './api/cc';
import { faqRoutes } from './api/faqs';
import { fileRoutes } from './api/files';
import { healthRoutes } from './api/health';
import { openApiRoutes } from './api/openapi';
import { inquiryRoutes } from './api/inquiries';
import { messageMediaRoutes } from './api/message-media';
import { noticeRoutes } from './api/notices';
import { liveRoutes } from './api/live';
import { meRoutes } from './api/me';
import { pushRoutes } from './api/push';
import { operatorRoutes } from './api/operator';
import { phonebookRoutes } from './api/phonebook';
import { recordingRoutes, voicemailRoutes } from './api/recordings';
import { simulatorEnabled, type AppEnv, type Bindings } from './env';
import { ApiError, fieldError } from './errors';
import { jsonBodies } from './http/body';
import { errorResponse, onError } from './http/errors';
import { meterEnv } from './metering';
import { networkOutbound, useOutbound } from './outbound';
import { runScheduled } from './scheduled';
import { simulatorOutbound } from './simulator/outbound';
import { probeOf, runProbe } from './simulator/probe';
import { simulatorRoutes } from './simulator/routes';
import { isWebhook, telnyxWebhook, telnyxWebhookRoutes } from './telnyx/webhook';

export { Agent } from '../durable-objects/agent';
export { CallSession } from '../durable-objects/call-session';
export { Queue } from '../durable-objects/queue';
export { SimCarrier } from './simulator/carrier';

// The one place that decides where everything leaving the worker goes (worker/outbound.ts): the
// simulator's port when it is on (commands in-process when TELNYX_API_BASE points at it), else the network.
useOutbound((env) => (simulatorEnabled(env) ? simulatorOutbound : networkOutbound));

/** JSON bodies larger than this are refused; uploads have their own limit on their route. */
const JSON_BODY_LIMIT = 64 * 1024;
/** A 20 MB file (checked on its route) plus room for the multipart envelope and the other fields. */
const UPLOAD_BODY_LIMIT = 20 * 1024 * 1024 + 64 * 1024;

const tooLarge = (limit: number) => () => {
  const maxKb = Math.round(limit / 1024);
  throw new ApiError(400, 'too_large', `The request body is larger than ${maxKb} KB.`, [fieldError('(body)', 'body_too_large', 'Too large.', { maxKb })]);
};

const limitBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  const upload = c.req.header('content-type')?.startsWith('multipart/form-data') ?? false;
  const limit = upload ? UPLOAD_BODY_LIMIT : JSON_BODY_LIMIT;
  return bodyLimit({ maxSize: limit, onError: tooLarge(limit) })(c, next);
};

/** The app's routes, for the OpenAPI description (set once `app` below is built). */
const mounted: { routes: RouterRoute[] } = { routes: [] };

const api = new Hono<AppEnv>()
  .use('*', secureHeaders())
  // Cross-site form posts are refused; JSON bodies already need a same-origin fetch (SameSite=Lax + CORS).
  .use('*', csrf())
  .use('*', limitBodies)
  // A body is a JSON object or, for uploads, multipart: never read as something else (415 / 400).
  .use('*', jsonBodies)
  .route('/', healthRoutes)
  .route(
    '/',
    openApiRoutes(() => mounted.routes),
  )
  .route('/', authRoutes)
  // By audience, each one sub-app (worker/api/<audience>/index.ts says where each resource sits).
  .route('/admin', adminRoutes)
  .route('/me', meRoutes)
  .route('/cc', ccRoutes)
  // The phonebook (S17): groups, contacts, bulk import in chunks, export.
  .route('/phonebook', phonebookRoutes)
  .route('/notices', noticeRoutes)
  .route('/inquiries', inquiryRoutes)
  .route('/faqs', faqRoutes)
  .route('/files', fileRoutes)
  .route('/recordings', recordingRoutes)
  .route('/voicemails', voicemailRoutes)
  .route('/push', pushRoutes)
  .route('/operator', operatorRoutes);

export const app = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    c.set('requestId', c.req.header('cf-ray') ?? crypto.randomUUID());
    await next();
  })
  // The popup's WebSocket: outside the JSON API's middleware (its answer is the socket itself).
  .route('/api/live', liveRoutes)
  .route('/api/cc/live/queues', ccQueueSocketRoutes)
  .route('/api', api)
  // Outside /api: Telnyx is not a browser, so no CSRF/cookie rules; it has its own body cap.
  .route('/', telnyxWebhookRoutes)
  // MMS images for the carrier, at signed short-lived addresses (no session).
  .route('/media/messages', messageMediaRoutes)
  // Mounted always, answers 404 unless CARRIER_SIMULATOR is on (checked per request).
  .route('/_sim', simulatorRoutes)
  .all('/api/*', (c) => errorResponse(c, 404, 'not_found', 'No such API route.'));

app.onError(onError);
mounted.routes = app.routes;

export default {
  // meterEnv hands the env on untouched unless the bench asked for its operation counters.
  fetch: (request, env, ctx) => {
    const e = meterEnv(env);
    // Carrier webhooks, most of all requests, skip the router (worker/telnyx/webhook.ts says why).
    if (isWebhook(request)) return telnyxWebhook(request, e);
    // The bench's probes of the runtime's own costs, likewise (only with the simulator on).
    const probe = probeOf(request, e);
    if (probe !== null) return runProbe(probe, request, e);
    return app.fetch(request, e, ctx);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(meterEnv(env), controller.scheduledTime));
  },
} satisfies ExportedHandler<Bindings>;
