// The audit log viewer's API (P8): the org's entries newest first, paged by an opaque cursor,
// optionally filtered by action (exact, or a family such as `number.*`).
import { Hono } from 'hono';
import { withArchivedAudit } from '../../archive/history';
import { requireRole, requireUser } from '../../auth/session';
import { listAuditPage } from '../../db/audit';
import type { AppEnv } from '../../env';
import { validate } from '../../http/validate';
import { formatNational } from '../../phone';
import { AuditQuery } from '../../../contract/requests/admin';

const cursorOf = (e: { createdAt: number; id: string }) => `${e.createdAt}:${e.id}`;

/** Mounted at /api/admin/audit. */
export const adminAuditRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', validate('query', AuditQuery), async (c) => {
    const { before, action, limit } = c.req.valid('query');
    const family = action?.endsWith('.*') ? action.slice(0, -1) : undefined;
    const filter = { before, action: family ? undefined : action, actionPrefix: family, limit };
    // Months past the org's retention window are read from their archive (issue 20 §3).
    const entries = await withArchivedAudit(c.env, c.get('scope'), filter, await listAuditPage(c.get('scope'), filter));
    const last = entries.at(-1);
    // A number target reads as people read numbers; names as they were typed.
    const shown = entries.map((e) => (e.targetType === 'number' && e.targetName?.startsWith('+') ? { ...e, targetName: formatNational(e.targetName) } : e));
    return c.json({ entries: shown, nextBefore: entries.length === limit && last ? cursorOf(last) : null });
  });
