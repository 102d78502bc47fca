// Contact-center statistics (호처리 통계, C10, B5, C8): the period report by total, agent or consult
// category with every figure of statsReport, its CSV export (headers in the user's language), the
// hourly graph data of yesterday and today, and the Erlang C staffing hint from the last 30 minutes.
// Definitions: worker/contact-center/stats.ts and the README. Mounted at /api/cc/stats.
import { Hono } from 'hono';
import { CC_USER_ROLES } from '../../auth/cc-roles';
import { requireRole, requireUser } from '../../auth/session';
import { addDays, localDateOf } from '../../contact-center/periods';
import { statsCsv } from '../../contact-center/stats';
import { hourlyBuckets, staffingReport, statsReport, statsSettings } from '../../db/stats';
import type { AppEnv } from '../../env';
import { validate } from '../../http/validate';
import { checkFilters } from './query';
import { StatsCsvQuery, StatsQueueQuery, StatsReportQuery } from '../../../contract/requests/cc';

/** What the first column says for the total row and for calls without an agent or category. */
const LABELS = {
  ko: { total: '합계', agent: '상담사 없음', category: '상담 업무 없음' },
  en: { total: 'Total', agent: 'No agent', category: 'No category' },
} as const;

/** Mounted at /api/cc/stats. */
export const ccStatsRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole(...CC_USER_ROLES))
  .get('/', validate('query', StatsReportQuery), async (c) => {
    const scope = c.get('scope');
    const q = c.req.valid('query');
    await checkFilters(scope, q);
    const [report, settings] = await Promise.all([statsReport(scope, { ...q, now: Date.now() }), statsSettings(scope)]);
    return c.json({ report, timezone: settings.timezone, serviceLevelTargetPercent: settings.serviceLevelTargetPercent });
  })
  .get('/csv', validate('query', StatsCsvQuery), async (c) => {
    const scope = c.get('scope');
    const { lang, ...q } = c.req.valid('query');
    await checkFilters(scope, q);
    const report = await statsReport(scope, { ...q, now: Date.now() });
    const l = LABELS[lang];
    const csv = statsCsv(report, lang, { total: l.total, none: report.group === 'agent' ? l.agent : l.category });
    const name = `contact-center-${report.group}-${report.period.firstDate}_${report.period.lastDate}.csv`;
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    });
  })
  .get('/hourly', validate('query', StatsQueueQuery), async (c) => {
    const scope = c.get('scope');
    const q = c.req.valid('query');
    await checkFilters(scope, q);
    const { timezone } = await statsSettings(scope);
    const today = localDateOf(Date.now(), timezone);
    const yesterday = addDays(today, -1);
    const [y, t] = await Promise.all([
      hourlyBuckets(scope, { date: yesterday, timezone, queueId: q.queueId }),
      hourlyBuckets(scope, { date: today, timezone, queueId: q.queueId }),
    ]);
    return c.json({
      timezone,
      queueId: q.queueId ?? null,
      days: [
        { day: 'yesterday', date: yesterday, hours: y },
        { day: 'today', date: today, hours: t },
      ],
    });
  })
  .get('/staffing', validate('query', StatsQueueQuery), async (c) => {
    const scope = c.get('scope');
    const q = c.req.valid('query');
    await checkFilters(scope, q);
    return c.json({ staffing: await staffingReport(scope, { now: Date.now(), queueId: q.queueId }) });
  });
