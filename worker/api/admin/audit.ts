// The audit log viewer's API (P8): the org's entries newest first, paged by an opaque cursor,
// optionally filtered by action (exact, or a family such as `number.*`).
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole, requireUser } from '../../auth/session';
import { listAuditPage, type AuditCursor } from '../../db/audit';
import type { AppEnv } from '../../env';
import { coded, pageLimitSchema } from '../../fields';
import { validate } from '../../http/validate';
import { formatNational } from '../../phone';

export const AUDIT_PAGE_MAX = 200;
const AUDIT_PAGE_DEFAULT = 50;

/** `<createdAt ms>:<id>`; a bare millisecond time also works (everything strictly before it). */
function parseCursor(s: string): AuditCursor | undefined {
  const m = /^(\d{1,15})(?::([A-Za-z0-9_]{1,64}))?$/.exec(s);
  if (!m?.[1]) return undefined;
  return { createdAt: Number(m[1]) + (m[2] ? 0 : -1), id: m[2] ?? '\uffff' };
}

const cursorOf = (e: { createdAt: number; id: string }) => `${e.createdAt}:${e.id}`;

const AuditQuerySchema = v.object({
  before: v.optional(
    v.pipe(
      v.string(),
      v.check((s) => parseCursor(s) !== undefined, coded('invalid', 'Not a cursor from this API.')),
      v.transform((s) => parseCursor(s)),
    ),
  ),
  action: v.optional(v.pipe(v.string(), v.maxLength(64), v.regex(/^[a-z_.]+(\.\*)?$/, coded('invalid', 'Unknown action.')))),
  limit: pageLimitSchema(AUDIT_PAGE_MAX, AUDIT_PAGE_DEFAULT),
});

/** Mounted at /api/admin/audit. */
export const adminAuditRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', validate('query', AuditQuerySchema), async (c) => {
    const { before, action, limit } = c.req.valid('query');
    const family = action?.endsWith('.*') ? action.slice(0, -1) : undefined;
    const entries = await listAuditPage(c.get('scope'), {
      before,
      action: family ? undefined : action,
      actionPrefix: family,
      limit,
    });
    const last = entries.at(-1);
    // A number target reads as people read numbers; names as they were typed.
    const shown = entries.map((e) => (e.targetType === 'number' && e.targetName?.startsWith('+') ? { ...e, targetName: formatNational(e.targetName) } : e));
    return c.json({ entries: shown, nextBefore: entries.length === limit && last ? cursorOf(last) : null });
  });
