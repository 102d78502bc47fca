// Masked outbound calls for staff (S11 a, click-to-call), mounted at /api/me/outbound-calls: the
// staff member's registered mobile rings first showing the org's access number, then the citizen is
// dialled showing their outbound caller ID (worker/calls/outbound/click.ts). The destination goes
// through the one policy (worker/destinations.ts): a refused number is a field error with its code.
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { ClickToCallParams } from '../../calls/outbound/click';
import { CLICK_TO_CALL_FLOW } from '../../calls/outbound/click';
import { DEFAULT_ANNOUNCEMENTS } from '../../routing/snapshot';
import { requireRole, requireUser } from '../../auth/session';
import { outboundCallerIdOf, outboundOrgFacts } from '../../db/outbound';
import { users } from '../../db/schema';
import { mayDial, OutboundNumberSchema } from '../../destinations';
import type { AppEnv } from '../../env';
import { ApiError, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { required } from '../../fields';
import { validate } from '../../http/validate';
import { callSession } from '../../../durable-objects/stubs';

/** Who may make masked calls: people with a safe number or a caller ID of their own (not agents, who have /api/cc/outbound). */
export const OUTBOUND_ROLES = ['staff', 'org_admin', 'supervisor'] as const;

// A missing `to` is reported by the object (valibot's missing-key issue): `required`.
const ClickToCallSchema = v.object({ to: OutboundNumberSchema }, required('Enter the number to call.'));

/** A state that keeps the call from being placed: 409 with the reason as the error's code. */
const notPossible = (code: 'no_mobile' | 'no_caller_id' | 'no_access_number', message: string) => new ApiError(409, code, message);

async function start(c: Context<AppEnv>, params: ClickToCallParams): Promise<string> {
  const sessionId = crypto.randomUUID();
  await callSession(c.env, sessionId).start(sessionId, CLICK_TO_CALL_FLOW, params);
  return sessionId;
}

export const meOutboundRoutes = new Hono<AppEnv>().post('/', requireUser, requireRole(...OUTBOUND_ROLES), validate('json', ClickToCallSchema), async (c) => {
  const me = c.get('user');
  const scope = c.get('scope');
  const { to } = c.req.valid('json');
  const self = await scope.db
    .select({ id: users.id, mobile: users.mobile, outboundCallerId: users.outboundCallerId })
    .from(users)
    .where(scope.where(users, eq(users.id, me.id)))
    .get();
  if (!self) throw notFound();
  // A mobile stored before the destination policy that it refuses counts as none.
  if (!self.mobile || !mayDial(self.mobile, 'person')) throw notPossible('no_mobile', 'Register your mobile first.');
  const callerId = await outboundCallerIdOf(scope, self);
  if (!callerId) throw notPossible('no_caller_id', 'Set an outbound caller ID first.');
  const org = await outboundOrgFacts(scope);
  if (!org.accessNumber) throw notPossible('no_access_number', 'The organisation has no access number to call from.');
  const callSessionId = await start(c, {
    orgId: me.orgId,
    userId: me.id,
    staffMobile: self.mobile,
    accessNumber: org.accessNumber,
    citizen: to,
    callerId,
    recording: org.recording,
    notice: org.recording ? (org.notice ?? DEFAULT_ANNOUNCEMENTS.recording_notice) : null,
  });
  // The audit names the call, never the number (the history shows it to its owner only).
  await audit(c, 'outbound.call', { targetType: 'call', targetId: callSessionId });
  return c.json({ callSessionId }, 202);
});
