// My call history (S13, B1): my safe number's calls newest first, paged, filtered by local date range
// (the org's zone) and outcome, each row with its caller (national format, phonebook name) and the
// decision's trace. Mounted at /api/me/calls.
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireUser } from '../../auth/session';
import { MASKED_OUTCOMES } from '../../calls/outbound/state';
import { withArchivedHistory } from '../../archive/history';
import { callHistoryPage } from '../../db/call-history';
import { callMediaFields } from '../../db/recordings';
import { getOwnOrg } from '../../db/orgs';
import type { AppEnv } from '../../env';
import { invalidField, notFound } from '../../errors';
import { coded, pageCursorSchema, pageLimitSchema } from '../../fields';
import { validate } from '../../http/validate';
import { CALL_OUTCOMES } from '../../routing/decision';
import { localDayRange } from '../../safe-number/local-day';
import { callRowView } from '../safe-number-views';

const PAGE_MAX = 100;
const PAGE_DEFAULT = 30;
/** What a call record's outcome may be (voicemail included, S20; masked outbound calls', S11). */
export const HISTORY_OUTCOMES = [...new Set<string>([...CALL_OUTCOMES, ...MASKED_OUTCOMES])];

const isCalendarDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const DateSchema = v.optional(
  v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, coded('date', 'Use YYYY-MM-DD.')), v.check(isCalendarDay, coded('date', 'No such day.'))),
);

const HistoryQuerySchema = v.object({
  from: DateSchema,
  to: DateSchema,
  /** One outcome or several, comma-separated (e.g. `after_hours,lunch`). */
  outcome: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(200),
      v.transform((s) => s.split(',').filter(Boolean)),
      v.array(v.picklist(HISTORY_OUTCOMES, coded('choice', 'Unknown outcome.'))),
    ),
  ),
  before: pageCursorSchema('startedAt'),
  limit: pageLimitSchema(PAGE_MAX, PAGE_DEFAULT),
});

export const meCallRoutes = new Hono<AppEnv>().get('/', requireUser, validate('query', HistoryQuerySchema), async (c) => {
  const scope = c.get('scope');
  const { from, to, outcome, before, limit } = c.req.valid('query');
  if (from && to && to < from) throw invalidField('to', 'end_before_start', 'The end date is before the start date.');
  const org = await getOwnOrg(scope);
  if (!org) throw notFound();
  const tz = org.timezone;
  const since = from ? localDayRange(tz, from, from).start : undefined;
  const until = to ? localDayRange(tz, to, to).end : undefined;
  const me = c.get('user');
  const filter = { since, until, outcomes: outcome, before, limit };
  // Months past the retention window are read from their archive (worker/archive/history.ts).
  const rows = await withArchivedHistory(c.env, scope, me.id, filter, await callHistoryPage(scope, me.id, filter));
  const media = await callMediaFields(
    scope,
    me,
    rows.map((r) => r.id),
  );
  const last = rows.at(-1);
  return c.json({
    timezone: tz,
    calls: rows.map((r) => callRowView(r, media.get(r.id))),
    nextBefore: rows.length === limit && last ? `${last.startedAt}:${last.id}` : null,
  });
});
