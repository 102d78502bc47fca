// Org defaults (P2, S2, S21): time zone, recording, service level and the default weekly hours;
// and the org's holidays shown beside the built-in Korean national ones.
import { Hono } from 'hono';
import * as v from 'valibot';
import { clientIp, requireRole, requireUser } from '../auth/session';
import { writeAudit } from '../db/audit';
import { isUniqueViolation } from '../db/constraints';
import { deleteHoliday, findHolidayOnDate, insertHoliday, listOrgHolidays } from '../db/holidays';
import { getOrgDefaults, saveOrgDefaults } from '../db/org-settings';
import { markOrgSnapshotsStale, refreshSnapshots } from '../db/snapshot-refresh';
import { dbFor } from '../db/scope';
import type { AppEnv } from '../env';
import { conflict, notFound } from '../errors';
import { validate } from '../http/validate';
import { BUILT_IN_YEARS, koreanHolidays } from '../routing/holidays';

/** The canonical spelling of an IANA zone, or undefined when Intl does not know it. */
function canonicalZone(tz: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** isoDate accepts 2026-02-30; a real calendar day survives a round trip through Date. */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

const TimeSchema = v.pipe(v.string('Enter a time.'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour).'));

const OrgDefaultsSchema = v.object({
  timezone: v.pipe(
    v.string('Enter a time zone.'),
    v.maxLength(64),
    v.check((tz) => canonicalZone(tz) !== undefined, 'Unknown time zone.'),
    v.transform((tz) => canonicalZone(tz) ?? tz),
  ),
  recordingEnabled: v.boolean('Choose on or off.'),
  recordingRetentionDays: v.pipe(
    v.number('Enter a number of days.'),
    v.integer('Whole days only.'),
    v.minValue(1, 'At least 1 day.'),
    v.maxValue(3650, 'At most 3650 days.'),
  ),
  recordingNoticeText: v.pipe(
    v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(240, 'At most 240 characters.'))), null),
    v.transform((s) => (s ? s : null)),
  ),
  serviceLevelSeconds: v.pipe(
    v.number('Enter a number of seconds.'),
    v.integer('Whole seconds only.'),
    v.minValue(1, 'At least 1 second.'),
    v.maxValue(3600, 'At most 3600 seconds.'),
  ),
});

const ScheduleSchema = v.pipe(
  v.object({
    workStartTime: TimeSchema,
    workEndTime: TimeSchema,
    weekdays: v.pipe(
      v.number('Pick the working days.'),
      v.integer('Pick the working days.'),
      v.minValue(1, 'Pick at least one working day.'),
      v.maxValue(0b1111111, 'Unknown weekday bits.'),
    ),
    lunchStartTime: v.optional(v.nullable(TimeSchema), null),
    lunchEndTime: v.optional(v.nullable(TimeSchema), null),
  }),
  // HH:MM strings compare in time order.
  v.forward(
    v.check((s) => s.workEndTime > s.workStartTime, 'Work must end after it starts.'),
    ['workEndTime'],
  ),
  v.forward(
    v.check((s) => (s.lunchStartTime === null) === (s.lunchEndTime === null), 'Give both lunch times or neither.'),
    ['lunchEndTime'],
  ),
  v.forward(
    v.check((s) => s.lunchStartTime === null || s.lunchEndTime === null || s.lunchEndTime > s.lunchStartTime, 'Lunch must end after it starts.'),
    ['lunchEndTime'],
  ),
  v.forward(
    v.check(
      (s) => s.lunchStartTime === null || s.lunchEndTime === null || (s.lunchStartTime >= s.workStartTime && s.lunchEndTime <= s.workEndTime),
      'Lunch must be inside working hours.',
    ),
    ['lunchStartTime'],
  ),
);

/** `org.name` may be sent back as read; it is ignored (renaming an org is an operator's job). */
const PutOrgSchema = v.object({ org: OrgDefaultsSchema, schedule: ScheduleSchema });

const YearQuerySchema = v.object({
  year: v.pipe(
    v.string('Give a year.'),
    v.regex(/^\d{4}$/, 'Give a four-digit year.'),
    v.transform(Number),
    v.minValue(BUILT_IN_YEARS.min, `From ${BUILT_IN_YEARS.min}.`),
    v.maxValue(BUILT_IN_YEARS.max, `Up to ${BUILT_IN_YEARS.max}.`),
  ),
});

const HolidaySchema = v.object({
  date: v.pipe(v.string('Enter a date.'), v.isoDate('Use YYYY-MM-DD.'), v.check(isCalendarDay, 'No such day.')),
  name: v.pipe(v.string('Enter a name.'), v.trim(), v.minLength(1, 'Enter a name.'), v.maxLength(50, 'At most 50 characters.')),
});

const IdParamSchema = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

const guard = [requireUser, requireRole('org_admin', 'operator')] as const;

/** Mounted at /api/admin/org. */
export const adminOrgRoutes = new Hono<AppEnv>()
  .use('*', ...guard)
  .get('/', async (c) => {
    const found = await getOrgDefaults(dbFor(c.env, c.get('user').orgId));
    if (!found) throw notFound();
    return c.json({ org: { name: found.name, ...found.org }, schedule: found.schedule });
  })
  .put('/', validate('json', PutOrgSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { org, schedule } = c.req.valid('json');
    const before = await getOrgDefaults(scope);
    if (!before) throw notFound();
    await saveOrgDefaults(scope, org, schedule);
    await markOrgSnapshotsStale(scope);
    c.executionCtx.waitUntil(refreshSnapshots(c.env));
    const changed = [
      ...Object.keys(org).filter((k) => org[k as keyof typeof org] !== before.org[k as keyof typeof org]),
      ...Object.keys(schedule).filter((k) => schedule[k as keyof typeof schedule] !== before.schedule[k as keyof typeof schedule]),
    ];
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'org.settings_updated',
      targetType: 'org',
      targetId: me.orgId,
      detail: { changed },
      ip: clientIp(c),
    });
    return c.json({ org: { name: before.name, ...org }, schedule });
  });

/** Mounted at /api/admin/holidays. */
export const adminHolidayRoutes = new Hono<AppEnv>()
  .use('*', ...guard)
  .get('/', validate('query', YearQuerySchema), async (c) => {
    const { year } = c.req.valid('query');
    const own = await listOrgHolidays(dbFor(c.env, c.get('user').orgId), year);
    const builtIn = koreanHolidays(year).map((h, i) => ({ id: `kr-${h.date}-${i}`, date: h.date, name: h.name, builtIn: true }));
    const holidays = [...builtIn, ...own.map((h) => ({ id: h.id, date: h.date, name: h.name, builtIn: false }))].sort((a, b) => a.date.localeCompare(b.date));
    return c.json({ holidays });
  })
  .post('/', validate('json', HolidaySchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const input = c.req.valid('json');
    const duplicate = () => conflict('This date is already one of your holidays.', [{ field: 'date', message: 'Already a holiday.' }]);
    if (await findHolidayOnDate(scope, input.date)) throw duplicate();
    const holiday = await insertHoliday(scope, input).catch((err: unknown) => {
      throw isUniqueViolation(err) ? duplicate() : err;
    });
    // Holidays are compiled into every routing snapshot of the org.
    await markOrgSnapshotsStale(scope);
    c.executionCtx.waitUntil(refreshSnapshots(c.env));
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'holiday.created',
      targetType: 'holiday',
      targetId: holiday.id,
      detail: input,
      ip: clientIp(c),
    });
    return c.json({ holiday: { id: holiday.id, date: holiday.date, name: holiday.name, builtIn: false } }, 201);
  })
  .delete('/:id', validate('param', IdParamSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { id } = c.req.valid('param');
    // Built-in ids (kr-…) are never rows, so they are 404 like another org's holiday.
    const removed = await deleteHoliday(scope, id);
    if (!removed) throw notFound('No such holiday.');
    await markOrgSnapshotsStale(scope);
    c.executionCtx.waitUntil(refreshSnapshots(c.env));
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'holiday.deleted',
      targetType: 'holiday',
      targetId: id,
      detail: { date: removed.date, name: removed.name },
      ip: clientIp(c),
    });
    return c.json({ ok: true });
  });
