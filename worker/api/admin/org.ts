// Org defaults (P2, S2, S21): time zone, recording, service level and the default weekly hours;
// the org's contact-center policy (C2, C10, B5), which supervisors set too; and the org's holidays
// shown beside the built-in Korean national ones.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CC_MANAGER_ROLES } from '../../auth/cc-roles';
import { requireRole, requireUser } from '../../auth/session';
import { isUniqueViolation } from '../../db/constraints';
import { deleteHoliday, findHolidayOnDate, insertHoliday, listOrgHolidays } from '../../db/holidays';
import { getContactCenterSettings, getOrgDefaults, saveContactCenterSettings, saveOrgDefaults } from '../../db/org-settings';
import { applyRetention } from '../../db/recordings';
import { markOrgSnapshotsStale, refreshSnapshots } from '../../db/snapshot-refresh';
import type { AppEnv } from '../../env';
import { conflict, fieldError, notFound } from '../../errors';
import { coded, outOfRange, required, requiredText, tooLong, wholeNumber } from '../../fields';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { BUILT_IN_YEARS, koreanHolidays } from '../../routing/holidays';

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

const TimeSchema = v.pipe(v.string(required('Enter a time.')), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, coded('time', 'Use HH:MM (24-hour).')));
const UNKNOWN_ZONE = coded('timezone', 'Unknown time zone.');

const OrgDefaultsSchema = v.object({
  timezone: v.pipe(
    v.string(required('Enter a time zone.')),
    v.maxLength(64, UNKNOWN_ZONE),
    v.check((tz) => canonicalZone(tz) !== undefined, UNKNOWN_ZONE),
    v.transform((tz) => canonicalZone(tz) ?? tz),
  ),
  recordingEnabled: v.boolean(coded('choice', 'Choose on or off.')),
  recordingRetentionDays: v.pipe(
    v.number(required('Enter a number of days.')),
    v.integer(outOfRange(1, 3650, 'Whole days from 1 to 3650.')),
    v.minValue(1, outOfRange(1, 3650, 'At least 1 day.')),
    v.maxValue(3650, outOfRange(1, 3650, 'At most 3650 days.')),
  ),
  recordingNoticeText: v.pipe(
    v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(240, tooLong(240)))), null),
    v.transform((s) => (s ? s : null)),
  ),
  /** Absent = unchanged (older clients do not send it). */
  recordingAdminAccess: v.optional(v.boolean(coded('choice', 'Choose on or off.'))),
  /** Left out = unchanged: the contact-center settings below own it too. */
  serviceLevelSeconds: v.optional(wholeNumber(1, 3600)),
  /** Months of call records and audit log kept in D1 (issue 20 §3); older ones are archived to R2. Left out = unchanged. */
  callRetentionMonths: v.optional(wholeNumber(1, 120)),
});

const choice = (text: string) => coded('choice', text);

/** The org-wide contact-center policy (C2, C10, B5); queues override some of it (worker/api/cc/queues.ts). */
const ContactCenterSettingsSchema = v.object({
  agentStateAfterLogin: v.picklist(['ready', 'break'], choice('Choose ready or break.')),
  agentStateAfterCall: v.picklist(['ready', 'break', 'acw'], choice('Choose ready, break or acw.')),
  acwLimitSeconds: v.nullable(wholeNumber(1, 3600)),
  serviceLevelSeconds: wholeNumber(1, 3600),
  serviceLevelTargetPercent: wholeNumber(1, 99),
  shortAbandonSeconds: wholeNumber(0, 600),
});

const ScheduleSchema = v.pipe(
  v.object({
    workStartTime: TimeSchema,
    workEndTime: TimeSchema,
    weekdays: v.pipe(
      v.number(coded('no_weekday', 'Pick the working days.')),
      v.integer(coded('invalid', 'Unknown weekday bits.')),
      v.minValue(1, coded('no_weekday', 'Pick at least one working day.')),
      v.maxValue(0b1111111, coded('invalid', 'Unknown weekday bits.')),
    ),
    lunchStartTime: v.optional(v.nullable(TimeSchema), null),
    lunchEndTime: v.optional(v.nullable(TimeSchema), null),
  }),
  // HH:MM strings compare in time order.
  v.forward(
    v.check((s) => s.workEndTime > s.workStartTime, coded('end_before_start', 'Work must end after it starts.')),
    ['workEndTime'],
  ),
  v.forward(
    v.check((s) => (s.lunchStartTime === null) === (s.lunchEndTime === null), coded('both_or_neither', 'Give both lunch times or neither.')),
    ['lunchEndTime'],
  ),
  v.forward(
    v.check(
      (s) => s.lunchStartTime === null || s.lunchEndTime === null || s.lunchEndTime > s.lunchStartTime,
      coded('end_before_start', 'Lunch must end after it starts.'),
    ),
    ['lunchEndTime'],
  ),
  v.forward(
    v.check(
      (s) => s.lunchStartTime === null || s.lunchEndTime === null || (s.lunchStartTime >= s.workStartTime && s.lunchEndTime <= s.workEndTime),
      coded('lunch_outside_hours', 'Lunch must be inside working hours.'),
    ),
    ['lunchStartTime'],
  ),
);

/** `org.name` may be sent back as read; it is ignored (renaming an org is an operator's job). */
const PutOrgSchema = v.object({ org: OrgDefaultsSchema, schedule: ScheduleSchema });

const YEAR_RANGE = outOfRange(BUILT_IN_YEARS.min, BUILT_IN_YEARS.max, `A year from ${BUILT_IN_YEARS.min} to ${BUILT_IN_YEARS.max}.`);
const YearQuerySchema = v.object({
  year: v.pipe(
    v.string(required('Give a year.')),
    v.regex(/^\d{4}$/, YEAR_RANGE),
    v.transform(Number),
    v.minValue(BUILT_IN_YEARS.min, YEAR_RANGE),
    v.maxValue(BUILT_IN_YEARS.max, YEAR_RANGE),
  ),
});

const HolidaySchema = v.object({
  date: v.pipe(v.string(required('Enter a date.')), v.isoDate(coded('date', 'Use YYYY-MM-DD.')), v.check(isCalendarDay, coded('date', 'No such day.'))),
  name: requiredText(50, { message: 'Enter a name.' }),
});

const guard = [requireUser, requireRole('org_admin', 'operator')] as const;
/** Supervisors run the contact center: they set its policy too, but none of the org's other defaults. */
const ccGuard = [requireUser, requireRole(...CC_MANAGER_ROLES)] as const;

/** Mounted at /api/admin/org. Each route names its own guard (the contact-center part is wider). */
export const adminOrgRoutes = new Hono<AppEnv>()
  .get('/', ...guard, async (c) => {
    const found = await getOrgDefaults(c.get('scope'));
    if (!found) throw notFound();
    return c.json({ org: { name: found.name, ...found.org }, schedule: found.schedule });
  })
  .put('/', ...guard, validate('json', PutOrgSchema), async (c) => {
    const scope = c.get('scope');
    const { org: input, schedule } = c.req.valid('json');
    const before = await getOrgDefaults(scope);
    if (!before) throw notFound();
    const org = {
      ...input,
      recordingAdminAccess: input.recordingAdminAccess ?? before.org.recordingAdminAccess,
      serviceLevelSeconds: input.serviceLevelSeconds ?? before.org.serviceLevelSeconds,
    };
    await saveOrgDefaults(scope, org, schedule);
    // P5: recordings kept follow the new retention period (the cron tick deletes what is now past it).
    if (org.recordingRetentionDays !== before.org.recordingRetentionDays) await applyRetention(scope, org.recordingRetentionDays);
    await markOrgSnapshotsStale(scope);
    c.executionCtx.waitUntil(refreshSnapshots(c.env));
    const changed = [
      ...Object.keys(org).filter((k) => org[k as keyof typeof org] !== before.org[k as keyof typeof org]),
      ...Object.keys(schedule).filter((k) => schedule[k as keyof typeof schedule] !== before.schedule[k as keyof typeof schedule]),
    ];
    await audit(c, 'org.settings_updated', { targetType: 'org', targetId: scope.orgId, detail: { changed } });
    return c.json({ org: { name: before.name, ...org }, schedule });
  })
  .get('/contact-center', ...ccGuard, async (c) => {
    const settings = await getContactCenterSettings(c.get('scope'));
    if (!settings) throw notFound();
    return c.json({ settings });
  })
  .put('/contact-center', ...ccGuard, validate('json', ContactCenterSettingsSchema), async (c) => {
    const scope = c.get('scope');
    const settings = c.req.valid('json');
    const before = await getContactCenterSettings(scope);
    if (!before) throw notFound();
    await saveContactCenterSettings(scope, settings);
    // The live Agent and Queue objects load this policy through worker/db/contact-center-config.ts;
    // they pick the change up when they are next configured (the live side decides when).
    const changed = (Object.keys(settings) as (keyof typeof settings)[]).filter((k) => settings[k] !== before[k]);
    await audit(c, 'org.contact_center_updated', { targetType: 'org', targetId: scope.orgId, detail: { changed } });
    return c.json({ settings });
  });

/** Mounted at /api/admin/holidays. */
export const adminHolidayRoutes = new Hono<AppEnv>()
  .use('*', ...guard)
  .get('/', validate('query', YearQuerySchema), async (c) => {
    const { year } = c.req.valid('query');
    const own = await listOrgHolidays(c.get('scope'), year);
    const builtIn = koreanHolidays(year).map((h, i) => ({ id: `kr-${h.date}-${i}`, date: h.date, name: h.name, builtIn: true }));
    const holidays = [...builtIn, ...own.map((h) => ({ id: h.id, date: h.date, name: h.name, builtIn: false }))].sort((a, b) => a.date.localeCompare(b.date));
    return c.json({ holidays });
  })
  .post('/', validate('json', HolidaySchema), async (c) => {
    const scope = c.get('scope');
    const input = c.req.valid('json');
    const duplicate = () => conflict('This date is already one of your holidays.', [fieldError('date', 'taken', 'Already a holiday.')]);
    if (await findHolidayOnDate(scope, input.date)) throw duplicate();
    const holiday = await insertHoliday(scope, input).catch((err: unknown) => {
      throw isUniqueViolation(err) ? duplicate() : err;
    });
    // Holidays are compiled into every routing snapshot of the org.
    await markOrgSnapshotsStale(scope);
    c.executionCtx.waitUntil(refreshSnapshots(c.env));
    await audit(c, 'holiday.created', { targetType: 'holiday', targetId: holiday.id, detail: input });
    return c.json({ holiday: { id: holiday.id, date: holiday.date, name: holiday.name, builtIn: false } }, 201);
  })
  .delete('/:id', validateId(), async (c) => {
    const { id } = c.req.valid('param');
    // Built-in ids (kr-…) are never rows, so they are 404 like another org's holiday.
    const removed = await deleteHoliday(c.get('scope'), id);
    if (!removed) throw notFound('No such holiday.');
    await markOrgSnapshotsStale(c.get('scope'));
    c.executionCtx.waitUntil(refreshSnapshots(c.env));
    await audit(c, 'holiday.deleted', { targetType: 'holiday', targetId: id, detail: { date: removed.date, name: removed.name } });
    return c.json({ ok: true });
  });
