// My hours and lunch (S2): each field my own or, left empty, the org's; the answer shows both and
// where each effective value comes from (mergeSchedule). Mounted at /api/me/schedule.
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import { getOwnOrg } from '../../db/orgs';
import { findSchedules, savePersonalSchedule } from '../../db/personal-settings';
import type { AppEnv } from '../../env';
import { invalidField, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate } from '../../http/validate';
import { mergeSchedule, type ScheduleFields } from '../../routing/schedule';
import { routingChanged } from '../routing-freshness';
import { scheduleView } from '../safe-number-views';
import { PersonalScheduleBody } from '../../../contract/requests/me';

/** The rules the org's schedule follows, applied to the merged result so an override cannot break them. */
function checkMerged(org: ScheduleFields | null, mine: ScheduleFields): void {
  if ((mine.lunchStartTime === null) !== (mine.lunchEndTime === null)) {
    throw invalidField('lunchEndTime', 'both_or_neither', 'Give both lunch times or neither.');
  }
  const merged = mergeSchedule(org, mine);
  // HH:MM strings compare in time order.
  if (merged.hours.end <= merged.hours.start) {
    throw invalidField(mine.workEndTime !== null ? 'workEndTime' : 'workStartTime', 'end_before_start', 'Work must end after it starts.');
  }
  if (mine.lunchStartTime !== null && mine.lunchEndTime !== null) {
    if (mine.lunchEndTime <= mine.lunchStartTime) throw invalidField('lunchEndTime', 'end_before_start', 'Lunch must end after it starts.');
    if (mine.lunchStartTime < merged.hours.start || mine.lunchEndTime > merged.hours.end) {
      throw invalidField('lunchStartTime', 'lunch_outside_hours', 'Lunch must be inside working hours.');
    }
  }
}

export const meScheduleRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const scope = c.get('scope');
    const [org, { org: orgFields, personal }] = await Promise.all([getOwnOrg(scope), findSchedules(scope, c.get('user').id)]);
    if (!org) throw notFound();
    return c.json({ timezone: org.timezone, ...scheduleView(orgFields, personal) });
  })
  .put('/', validate('json', PersonalScheduleBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const mine = c.req.valid('json');
    const [org, before] = await Promise.all([getOwnOrg(scope), findSchedules(scope, me.id)]);
    if (!org) throw notFound();
    checkMerged(before.org, mine);
    await savePersonalSchedule(scope, me.id, mine);
    await routingChanged(c, { userId: me.id });
    const changed = (Object.keys(mine) as (keyof ScheduleFields)[]).filter((k) => mine[k] !== (before.personal?.[k] ?? null));
    await audit(c, 'schedule.updated', { targetType: 'user', targetId: me.id, detail: { changed } });
    return c.json({ timezone: org.timezone, ...scheduleView(before.org, mine) });
  });
