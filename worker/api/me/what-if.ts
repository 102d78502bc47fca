// What-if (B2): "if this number calls at this date and time, what happens?" answered by the same
// engine the calls use, on the current settings (compiled fresh), the owner's whole lists and no
// shield count (the shield counts real calls only), beside the settings the answer depends on.
// Mounted at /api/me/what-if.
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireUser } from '../../auth/session';
import { ownerListEntries } from '../../db/routing-snapshots';
import { compileSnapshot } from '../../db/snapshot-compiler';
import type { AppEnv } from '../../env';
import { invalidField, notFound } from '../../errors';
import { coded, required } from '../../fields';
import { validate } from '../../http/validate';
import { PhoneSchema } from '../../phone';
import { builtInHolidayName } from '../../routing/holidays';
import { entryOf, inForce, ListIndex, type ListEntry } from '../../routing/lists';
import { route } from '../../routing/route';
import { mergeSchedule } from '../../routing/schedule';
import { findSchedules } from '../../db/personal-settings';
import { localClock, localInstant } from '../../safe-number/local-day';
import { mySafeNumber } from './home';
import { maskedMobile, phoneView } from '../safe-number-views';

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(([01]\d|2[0-3]):[0-5]\d)$/;
const isCalendarDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

const WhatIfSchema = v.object({
  caller: PhoneSchema,
  /** The org's wall clock, `YYYY-MM-DDTHH:MM` (what a date and a time picker give). */
  at: v.pipe(
    v.string(required('Pick a date and time.')),
    v.regex(LOCAL, coded('date', 'Use YYYY-MM-DDTHH:MM.')),
    v.check((s) => isCalendarDay(s.slice(0, 10)), coded('date', 'No such day.')),
  ),
});

function listFact(entry: ListEntry | undefined, at: number) {
  if (!entry) return null;
  return { expiresAt: entry.expiresAt, inForce: inForce(entry, at) };
}

export const meWhatIfRoutes = new Hono<AppEnv>().post('/', requireUser, validate('json', WhatIfSchema), async (c) => {
  const scope = c.get('scope');
  const { caller, at: wall } = c.req.valid('json');
  const { user, org, number } = await mySafeNumber(c);
  if (!number) throw notFound('You have no safe number.');
  const [snapshot, entries, schedules] = await Promise.all([
    compileSnapshot(c.env, number.id),
    ownerListEntries(scope, user.id),
    findSchedules(scope, user.id),
  ]);
  if (!snapshot) throw notFound('You have no safe number.');
  const tz = snapshot.timezone;
  const at = localInstant(tz, wall.slice(0, 10), wall.slice(11));
  if (at === null) throw invalidField('at', 'no_such_local_time', 'That time does not exist in the time zone.');

  const lists = new ListIndex(entries);
  const decision = route({ snapshot, caller, now: at, lists, shield: null });
  const local = localClock(tz, at);
  const orgHoliday = snapshot.holidays.find((h) => h.date === local.date);
  const schedule = mergeSchedule(schedules.org, schedules.personal);
  return c.json({
    timezone: org.timezone,
    at,
    local,
    caller: phoneView(caller),
    number: phoneView(number.e164),
    decision: {
      action: decision.action,
      outcome: decision.outcome,
      decidedBy: decision.decidedBy,
      /** What the caller would hear before the call ends; null when connected or turned away as busy. */
      announcement: decision.action === 'announce' ? decision.announcement : null,
      trace: decision.trace,
    },
    settings: {
      hours: snapshot.hours,
      lunch: snapshot.lunch,
      from: schedule.from,
      paused: snapshot.paused,
      immediateBlock: snapshot.immediateBlock,
      blockWindows: snapshot.blockWindows.map(({ name, start, end, weekdays }) => ({ name, start, end, weekdays })),
      holiday:
        builtInHolidayName(local.date) !== undefined
          ? { name: builtInHolidayName(local.date), source: 'builtin' }
          : orgHoliday
            ? { name: orgHoliday.name, source: 'org' }
            : null,
      lists: { spam: listFact(entryOf(lists, caller, 'spam', at), at), freePass: listFact(entryOf(lists, caller, 'free_pass', at), at) },
      shield: snapshot.shield,
      mobile: maskedMobile(snapshot.owner?.mobile ?? null),
    },
  });
});
