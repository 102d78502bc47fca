// The Worker's entry: composes the Hono app (API, webhook ingress, simulator in dev), and exports
// the fetch and scheduled handlers and the Durable Object classes.
import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { adminAnnouncementChoiceRoutes, adminAnnouncementRoutes } from './api/admin-announcements';
import { adminArchiveRoutes } from './api/admin-archive';
import { adminAuditRoutes } from './api/admin-audit';
import { adminNumberRoutes } from './api/admin-numbers';
import { adminHolidayRoutes, adminOrgRoutes } from './api/admin-org';
import { adminQueueRoutes } from './api/admin-queues';
import { adminShieldRoutes } from './api/admin-shield';
import { adminStaffSettingsRoutes } from './api/admin-staff-settings';
import { adminTeamRoutes } from './api/admin-teams';
import { adminUserRoutes } from './api/admin-users';
import { authRoutes } from './api/auth';
import { ccCallbackRoutes } from './api/cc-callbacks';
import { ccCallRoutes } from './api/cc-calls';
import { ccCategoryRoutes, ccOptionRoutes } from './api/cc-categories';
import { ccLiveRoutes, ccMeRoutes, ccOutboundRoutes, ccQueueSocketRoutes } from './api/cc-live';
import { ccQueueRoutes } from './api/cc-queues';
import { ccStatsRoutes } from './api/cc-stats';
import { faqRoutes } from './api/faqs';
import { fileRoutes } from './api/files';
import { healthRoutes } from './api/health';
import { openApiRoutes } from './api/openapi';
import { inquiryRoutes } from './api/inquiries';
import { meAnnouncementChoiceRoutes, meAnnouncementRoutes } from './api/me-announcements';
import { meBlockWindowRoutes } from './api/me-block-windows';
import { meCallRoutes } from './api/me-calls';
import { meHomeRoutes } from './api/me-home';
import { meFavouriteMessageRoutes } from './api/me-favourite-messages';
import { meListRoutes } from './api/me-lists';
import { meMessageRecipientRoutes, meMessageRoutes } from './api/me-messages';
import { messageMediaRoutes } from './api/message-media';
import { meMobileRoutes } from './api/me-mobile';
import { meOutboundRoutes } from './api/me-outbound';
import { meNumberCheckRoutes } from './api/me-number-check';
import { meScheduleRoutes } from './api/me-schedule';
import { meShieldRoutes } from './api/me-shield';
import { meWhatIfRoutes } from './api/me-what-if';
import { noticeRoutes } from './api/notices';
import { profileRoutes } from './api/profile';
import { liveRoutes } from './api/live';
import { voicemailSettingsRoutes } from './api/me-voicemail';
import { pushRoutes } from './api/push';
import { operatorRoutes } from './api/operator';
import { phonebookRoutes } from './api/phonebook';
import { adminSafeNumberSmsRoutes, meSafeNumberSmsRoutes } from './api/safe-number-sms';
import { recordingRoutes, voicemailRoutes } from './api/recordings';
import { simulatorEnabled, type AppEnv, type Bindings } from './env';
import { ApiError, fieldError } from './errors';
import { jsonBodies } from './http/body';
import { errorResponse, onError } from './http/errors';
import { meterEnv } from './metering';
import { networkOutbound, useOutbound } from './outbound';
import { runScheduled } from './scheduled';
import { simulatorOutbound } from './simulator/outbound';
import { simulatorRoutes } from './simulator/routes';
import { telnyxWebhookRoutes } from './telnyx/webhook';

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
  .route('/admin/teams', adminTeamRoutes)
  .route('/admin/users', adminUserRoutes)
  .route('/admin/users', adminStaffSettingsRoutes)
  .route('/admin/numbers', adminNumberRoutes)
  .route('/admin/queues', adminQueueRoutes)
  .route('/admin/org', adminOrgRoutes)
  .route('/admin/holidays', adminHolidayRoutes)
  .route('/admin/audit', adminAuditRoutes)
  .route('/admin/archive', adminArchiveRoutes)
  .route('/admin/announcements', adminAnnouncementRoutes)
  .route('/admin/announcement-choices', adminAnnouncementChoiceRoutes)
  .route('/admin/shield', adminShieldRoutes)
  .route('/me/profile', profileRoutes)
  // A staff member's safe number (issue 9): home, switches, settings, check, what-if, history.
  .route('/me', meHomeRoutes)
  .route('/me/schedule', meScheduleRoutes)
  .route('/me/block-windows', meBlockWindowRoutes)
  .route('/me/announcements', meAnnouncementRoutes)
  .route('/me/announcement-choices', meAnnouncementChoiceRoutes)
  .route('/me/list-entries', meListRoutes)
  .route('/me/mobile', meMobileRoutes)
  .route('/me/shield', meShieldRoutes)
  .route('/me/number-check', meNumberCheckRoutes)
  .route('/me/what-if', meWhatIfRoutes)
  .route('/me/calls', meCallRoutes)
  .route('/me/outbound-calls', meOutboundRoutes)
  // The phonebook (S17): groups, contacts, bulk import in chunks, export.
  .route('/phonebook', phonebookRoutes)
  .route('/notices', noticeRoutes)
  .route('/inquiries', inquiryRoutes)
  .route('/faqs', faqRoutes)
  .route('/files', fileRoutes)
  .route('/recordings', recordingRoutes)
  .route('/voicemails', voicemailRoutes)
  .route('/me/voicemail', voicemailSettingsRoutes)
  .route('/push', pushRoutes)
  .route('/cc/queues', ccQueueRoutes)
  .route('/cc/categories', ccCategoryRoutes)
  .route('/cc/options', ccOptionRoutes)
  .route('/cc/calls', ccCallRoutes)
  .route('/cc/callbacks', ccCallbackRoutes)
  .route('/cc/stats', ccStatsRoutes)
  // The live contact center (issue 11): docs/contact-center-live.md.
  .route('/cc/me', ccMeRoutes)
  .route('/cc/live', ccLiveRoutes)
  .route('/cc/outbound', ccOutboundRoutes)
  .route('/operator', operatorRoutes)
  // Messaging (issue 17 §2–§4: S12, S15, S16).
  .route('/me/messages', meMessageRoutes)
  .route('/me/message-recipients', meMessageRecipientRoutes)
  .route('/me/favourite-messages', meFavouriteMessageRoutes)
  .route('/me/safe-number-sms', meSafeNumberSmsRoutes)
  .route('/admin/safe-number-sms', adminSafeNumberSmsRoutes);

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
  fetch: (request, env, ctx) => app.fetch(request, meterEnv(env), ctx),
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(meterEnv(env), controller.scheduledTime));
  },
} satisfies ExportedHandler<Bindings>;
