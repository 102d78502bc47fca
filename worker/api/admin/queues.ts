// Org administration of queues (P2): the read-only list of the org's contact-center queues, so the
// numbers screen can offer them by name. Queues are managed under /api/cc/queues (worker/api/cc/queues.ts)
// and provisioned by the operator CLI (docs/org-file.md).
import { Hono } from 'hono';
import { requireRole, requireUser } from '../../auth/session';
import { listQueues } from '../../db/queues';
import type { AppEnv } from '../../env';

/** Mounted at /api/admin/queues. */
export const adminQueueRoutes = new Hono<AppEnv>().use('*', requireUser, requireRole('org_admin', 'operator')).get('/', async (c) => {
  const queues = await listQueues(c.get('scope'));
  return c.json({ queues });
});
