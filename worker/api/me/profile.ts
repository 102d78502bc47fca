// Profile (S18): the SMS sender number and outbound caller ID, changed only after re-entering the
// current password. Numbers are Korean, stored in E.164 like every number in the product.
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireUser } from '../../auth/session';
import { confirmOwnPassword } from '../../auth/throttle';
import { updateUser } from '../../db/users';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { coded, required } from '../../fields';
import { audit } from '../../http/audit';
import { validate } from '../../http/validate';
import { PhoneSchema } from '../../phone';
import { meUser } from './view';

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
        v.check((e164) => e164.startsWith('+82'), coded('phone_korean', 'Enter a Korean phone number.')),
      ),
    ],
    coded('phone_korean', 'Enter a valid Korean phone number.'),
  ),
);

const ProfileSchema = v.object({
  password: v.pipe(v.string(required('Enter your password.')), v.minLength(1, required('Enter your password.')), v.maxLength(128)),
  smsSender: KoreanNumberSchema,
  outboundCallerId: KoreanNumberSchema,
});

/** Mounted at /api/me/profile. */
export const profileRoutes = new Hono<AppEnv>().put('/', requireUser, validate('json', ProfileSchema), async (c) => {
  const { password, ...fields } = c.req.valid('json');
  const user = await confirmOwnPassword(c, 'password', password);
  const patch: { smsSender?: string | null; outboundCallerId?: string | null } = {};
  if (fields.smsSender !== undefined) patch.smsSender = fields.smsSender;
  if (fields.outboundCallerId !== undefined) patch.outboundCallerId = fields.outboundCallerId;
  const updated = Object.keys(patch).length > 0 ? await updateUser(c.get('scope'), user.id, patch) : user;
  if (!updated) throw notFound();
  // Field names only: the numbers themselves stay out of the log.
  await audit(c, 'profile.updated', { targetType: 'user', targetId: user.id, detail: { changed: Object.keys(patch) } });
  return c.json({ user: meUser(updated) });
});
