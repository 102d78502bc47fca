// Missed-call push (S14): the VAPID public key the web app subscribes with, and each device's
// subscription (saved, removed). Sending happens in the owner's Agent object after a missed call.
import { Hono } from 'hono';
import { requireUser } from '../auth/session';
import { onUniqueViolation } from '../db/constraints';
import { deletePushSubscriptionById, savePushSubscription } from '../db/notifications';
import type { AppEnv } from '../env';
import { outbound } from '../outbound';
import { conflict, fieldError, invalidField, notFound } from '../errors';
import { audit } from '../http/audit';
import { validate, validateId } from '../http/validate';
import { PushSubscriptionBody } from '../../contract/requests/common';

/** Mounted at /api/push. */
export const pushRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/key', (c) => c.json({ publicKey: c.env.VAPID_PUBLIC_KEY && c.env.VAPID_PRIVATE_KEY ? c.env.VAPID_PUBLIC_KEY : null }))
  .post('/subscriptions', validate('json', PushSubscriptionBody), async (c) => {
    const { endpoint, keys } = c.req.valid('json');
    if (!outbound(c.env).pushTarget(endpoint)) throw invalidField('endpoint', 'push_service', 'Not a browser push service address.');
    const me = c.get('user');
    const userAgent = (c.req.header('user-agent') ?? '').slice(0, 200) || null;
    const sub = { endpoint, p256dh: keys.p256dh, auth: keys.auth, userAgent };
    // A double submit: the other request's insert won the endpoint's unique key; saving again finds its row.
    const saved = await onUniqueViolation(
      () => savePushSubscription(c.get('scope'), me.id, sub),
      () => savePushSubscription(c.get('scope'), me.id, sub),
    );
    if (saved === 'taken') throw conflict('This device is subscribed for another account.', [fieldError('endpoint', 'taken', 'Already subscribed.')]);
    await audit(c, 'push.subscribed', { targetType: 'push_subscription', targetId: saved.id });
    return c.json({ subscription: { id: saved.id } }, 201);
  })
  .delete('/subscriptions/:id', validateId(), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deletePushSubscriptionById(c.get('scope'), c.get('user').id, id))) throw notFound('No such subscription.');
    await audit(c, 'push.unsubscribed', { targetType: 'push_subscription', targetId: id });
    return c.json({ ok: true });
  });
