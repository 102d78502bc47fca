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
import { outOfRange, required } from '../../fields';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { BUILT_IN_YEARS, koreanHolidays } from '../../routing/holidays';
import { ContactCenterSettingsBody, HolidayBody, PutOrgBody } from '../../../contract/requests/admin';

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
  .put('/', ...guard, validate('json', PutOrgBody), async (c) => {
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
  .put('/contact-center', ...ccGuard, validate('json', ContactCenterSettingsBody), async (c) => {
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
  .post('/', validate('json', HolidayBody), async (c) => {
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
