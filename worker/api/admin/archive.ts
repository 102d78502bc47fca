// The archive of months past the retention window (issue 20 §3): an org admin lists an archived
// month's parts and downloads them, as stored (gzip NDJSON, one JSON object a line). Another
// organisation's parts are never listed nor served: every lookup goes through archive_parts by org.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole, requireUser } from '../../auth/session';
import { archiveParts } from '../../db/schema';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { coded } from '../../fields';
import { validate } from '../../http/validate';
import { ArchiveMonthQuery } from '../../../contract/requests/admin';

/** Mounted at /api/admin/archive. */
export const adminArchiveRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  // Every archived month of the org (the retention screen's list), newest first.
  .get('/months', async (c) => {
    const scope = c.get('scope');
    const months = await scope.db
      .select({
        dataset: archiveParts.dataset,
        month: archiveParts.month,
        parts: sql<number>`count(*)`.mapWith(Number),
        rows: sql<number>`sum(${archiveParts.rows})`.mapWith(Number),
        bytes: sql<number>`sum(${archiveParts.bytes})`.mapWith(Number),
      })
      .from(archiveParts)
      .where(scope.where(archiveParts))
      .groupBy(archiveParts.dataset, archiveParts.month)
      .orderBy(desc(archiveParts.month), asc(archiveParts.dataset))
      .all();
    return c.json({ months });
  })
  .get('/', validate('query', ArchiveMonthQuery), async (c) => {
    const scope = c.get('scope');
    const { dataset, month } = c.req.valid('query');
    const parts = await scope.db
      .select({ firstAt: archiveParts.firstAt, lastAt: archiveParts.lastAt, rows: archiveParts.rows, bytes: archiveParts.bytes })
      .from(archiveParts)
      .where(scope.where(archiveParts, eq(archiveParts.dataset, dataset), eq(archiveParts.month, month)))
      .orderBy(asc(archiveParts.firstAt))
      .all();
    return c.json({
      dataset,
      month,
      rows: parts.reduce((s, p) => s + p.rows, 0),
      parts: parts.map((p, i) => ({ ...p, part: i + 1, download: `/api/admin/archive/download?dataset=${dataset}&month=${month}&part=${i + 1}` })),
    });
  })
  .get(
    '/download',
    validate(
      'query',
      v.object({
        ...ArchiveMonthQuery.entries,
        part: v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/, coded('invalid', 'Not a part number.')), v.transform(Number)),
      }),
    ),
    async (c) => {
      const scope = c.get('scope');
      const { dataset, month, part } = c.req.valid('query');
      const row = await scope.db
        .select({ r2Key: archiveParts.r2Key })
        .from(archiveParts)
        .where(scope.where(archiveParts, and(eq(archiveParts.dataset, dataset), eq(archiveParts.month, month))))
        .orderBy(asc(archiveParts.firstAt))
        .limit(1)
        .offset(part - 1)
        .get();
      const obj = row ? await c.env.FILES.get(row.r2Key) : null;
      if (!obj) throw notFound();
      return c.body(obj.body, 200, {
        'content-type': 'application/gzip',
        'content-disposition': `attachment; filename="${dataset}-${month}-part${part}.ndjson.gz"`,
        'cache-control': 'no-store',
      });
    },
  );
