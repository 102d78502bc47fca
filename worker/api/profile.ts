// Profile (S18): the SMS sender number and outbound caller ID, changed only after re-entering the
// current password. Numbers are Korean, stored in E.164 like every number in the product.
import { Hono } from 'hono';
import * as v from 'valibot';
import { verifyPassword } from '../auth/password';
import { clientIp, requireUser } from '../auth/session';
import { MAX_FAILURES_PER_ACCOUNT, THROTTLE_WINDOW_MS } from '../auth/throttle';
import { writeAudit } from '../db/audit';
import { globalDb } from '../db/client';
import { dbFor } from '../db/scope';
import { clearFailures, readFailures, recordFailure } from '../db/throttle';
import { findUser, updateUser } from '../db/users';
import type { AppEnv } from '../env';
import { ApiError, badRequest, notFound } from '../errors';
import { validate } from '../http/validate';
import { PhoneSchema } from '../phone';
import { meUser } from './me-view';

/** A Korean number, or null / "" to clear it; left out = unchanged. */
const KoreanNumberSchema = v.optional(
  v.union(
    [
      v.pipe(
        v.null(),
        v.transform(() => null),
      ),
      v.pipe(
        v.literal(''),
        v.transform(() => null),
      ),
      v.pipe(
        PhoneSchema,
        v.check((e164) => e164.startsWith('+82'), 'Enter a Korean phone number.'),
      ),
    ],
    'Enter a valid Korean phone number.',
  ),
);

const ProfileSchema = v.object({
  password: v.pipe(v.string('Enter your password.'), v.minLength(1, 'Enter your password.'), v.maxLength(128)),
  smsSender: KoreanNumberSchema,
  outboundCallerId: KoreanNumberSchema,
});

/**
 * A stolen session must not become a password oracle: wrong re-entries count like failed logins,
 * per user, in the same window (but on their own key, so they do not lock the login screen).
 */
const reentryKey = (userId: string) => `reentry:${userId}`;

/** Mounted at /api/me/profile. */
export const profileRoutes = new Hono<AppEnv>().put('/', requireUser, validate('json', ProfileSchema), async (c) => {
  const me = c.get('user');
  const scope = dbFor(c.env, me.orgId);
  const { password, ...fields } = c.req.valid('json');
  const db = globalDb(c.env);
  const now = Date.now();
  if ((await readFailures(db, reentryKey(me.id), THROTTLE_WINDOW_MS, now)) >= MAX_FAILURES_PER_ACCOUNT) {
    throw new ApiError(429, 'throttled', 'Too many wrong passwords. Try again in 15 minutes.', undefined, {
      'Retry-After': String(THROTTLE_WINDOW_MS / 1000),
    });
  }
  const user = await findUser(scope, me.id);
  if (!user) throw notFound();
  if (!(await verifyPassword(password, user.passwordHash))) {
    await recordFailure(db, reentryKey(me.id), THROTTLE_WINDOW_MS, now);
    throw badRequest('Your password is incorrect.', [{ field: 'password', message: 'Your password is incorrect.' }]);
  }
  await clearFailures(db, reentryKey(me.id));
  const patch: { smsSender?: string | null; outboundCallerId?: string | null } = {};
  if (fields.smsSender !== undefined) patch.smsSender = fields.smsSender;
  if (fields.outboundCallerId !== undefined) patch.outboundCallerId = fields.outboundCallerId;
  const updated = Object.keys(patch).length > 0 ? await updateUser(scope, me.id, patch) : user;
  if (!updated) throw notFound();
  // Field names only: the numbers themselves stay out of the log.
  await writeAudit(scope, {
    actorUserId: me.id,
    action: 'profile.updated',
    targetType: 'user',
    targetId: me.id,
    detail: { changed: Object.keys(patch) },
    ip: clientIp(c),
  });
  return c.json({ user: meUser(updated) });
});
