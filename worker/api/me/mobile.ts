// Change the linked mobile (S8): the password again, and never twice within 24 hours (the time
// left is in the refusal). The login ID never changes. Mounted at /api/me/mobile.
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireUser } from '../../auth/session';
import { confirmOwnPassword } from '../../auth/throttle';
import { findUser, updateUser, type User } from '../../db/users';
import type { AppEnv } from '../../env';
import { invalidField, notFound } from '../../errors';
import { required } from '../../fields';
import { audit } from '../../http/audit';
import { validate } from '../../http/validate';
import { PersonPhoneSchema } from '../../destinations';
import { routingChanged } from '../routing-freshness';
import { maskedMobile } from '../safe-number-views';

export const MOBILE_CHANGE_GAP_MS = 24 * 60 * 60 * 1000;

const ChangeMobileSchema = v.object({
  password: v.pipe(v.string(required('Enter your password.')), v.minLength(1, required('Enter your password.')), v.maxLength(128)),
  mobile: PersonPhoneSchema,
});

function mobileView(user: User) {
  const next = user.mobileChangedAt === null ? null : user.mobileChangedAt + MOBILE_CHANGE_GAP_MS;
  return { mobile: maskedMobile(user.mobile), changedAt: user.mobileChangedAt, nextChangeAt: next !== null && next > Date.now() ? next : null };
}

export const meMobileRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const user = await findUser(c.get('scope'), c.get('user').id);
    if (!user) throw notFound();
    return c.json(mobileView(user));
  })
  .put('/', validate('json', ChangeMobileSchema), async (c) => {
    const scope = c.get('scope');
    const { password, mobile } = c.req.valid('json');
    const before = await findUser(scope, c.get('user').id);
    if (!before) throw notFound();
    const now = Date.now();
    // Refused before the password is checked: a refusal costs no attempt of the shared throttle.
    if (before.mobileChangedAt !== null && now - before.mobileChangedAt < MOBILE_CHANGE_GAP_MS) {
      const left = Math.ceil((before.mobileChangedAt + MOBILE_CHANGE_GAP_MS - now) / 60_000);
      throw invalidField('mobile', 'mobile_change_wait', 'Changed less than 24 hours ago.', { hours: Math.floor(left / 60), minutes: left % 60 });
    }
    if (mobile === before.mobile) throw invalidField('mobile', 'unchanged', 'This is the linked mobile already.');
    const user = await confirmOwnPassword(c, 'password', password);
    const updated = await updateUser(scope, user.id, { mobile, mobileChangedAt: now });
    if (!updated) throw notFound();
    await routingChanged(c, { userId: user.id });
    // The numbers stay out of the log.
    await audit(c, 'mobile.changed', { targetType: 'user', targetId: user.id });
    return c.json(mobileView(updated));
  });
