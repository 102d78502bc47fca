// Ingress for every Telnyx webhook (voice and messaging): signature first, then the envelope,
// then the event is handed to its durable owner before we answer 2xx. No D1 read here.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { ApiError, badRequest } from '../errors';
import { isKnownMessageStatus, updateRecipientStatusByCarrierId } from '../db/messages';
import { decodeClientState } from './client-state';
import { parseWebhook } from './events';
import { verifyTelnyxSignature } from './signature';

/** Telnyx webhooks are a few KB; anything near this is not one. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export const telnyxWebhookRoutes = new Hono<AppEnv>().post(
  '/telnyx/webhook',
  bodyLimit({
    maxSize: WEBHOOK_BODY_LIMIT,
    onError: () => {
      throw new ApiError(413, 'too_large', 'The webhook body is too large.');
    },
  }),
  async (c) => {
    const body = await c.req.text();
    if (!(await verifyTelnyxSignature(body, c.req.raw.headers, c.env.TELNYX_PUBLIC_KEY))) {
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
      const sessionId = decodeClientState(event.event.clientState)?.sessionId ?? event.event.callSessionId;
      const stub = c.env.CALL_SESSION.get(c.env.CALL_SESSION.idFromName(sessionId));
      await stub.handleEvent(sessionId, event.event);
    } else if (event.kind === 'message' && event.type !== 'message.received') {
      const status = event.statuses[0]?.status;
      const orgId = c.req.query('org');
      if (status && isKnownMessageStatus(status)) await updateRecipientStatusByCarrierId(c.env, event.carrierMessageId, status, Date.now(), orgId || undefined);
    }
    // message.received (inbound SMS) and unknown event types: acknowledged and ignored for now.
    return c.json({ received: true });
  },
);
