// Outbound calls by agents (C6): from the dial pad, a history row or a callback request, domestic
// numbers only, the customer seeing the service number. The dialling itself belongs to the live
// contact-center machinery (the Agent DO and an outbound call flow), which is not built yet: until it
// lands this route checks the request and answers 501 `not_implemented`, so the screens can already
// offer the button and show why nothing rings. Mounted at /api/cc/outbound.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CC_USER_ROLES } from '../auth/cc-roles';
import { requireRole, requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { coded, IdSchema } from '../fields';
import { validate } from '../http/validate';
import { PhoneSchema } from '../phone';

const OutboundSchema = v.object({
  /** Domestic only (C6): international destinations are refused. */
  to: v.pipe(
    PhoneSchema,
    v.check((e164) => e164.startsWith('+82'), coded('phone_korean', 'International calls are not supported.')),
  ),
  /** Optional context: the callback request or history call this call answers. */
  callbackId: v.optional(IdSchema),
  callId: v.optional(IdSchema),
});

export type OutboundRequest = v.InferOutput<typeof OutboundSchema>;

/** Mounted at /api/cc/outbound. */
export const ccOutboundRoutes = new Hono<AppEnv>().post('/', requireUser, requireRole(...CC_USER_ROLES), validate('json', OutboundSchema), () => {
  throw new ApiError(501, 'not_implemented', 'Outbound calls from the contact center are not available yet.');
});
