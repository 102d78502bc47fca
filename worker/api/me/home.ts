// Home = my safe number (issue 9 §2, S1, S4, S6): the number, the linked mobile (masked), what a
// caller gets right now and until when, the pause and immediate-block switches, and today's calls.
// Mounted at /api/me.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import { callCountsSince, callHistoryPage } from '../../db/call-history';
import { ownedSafeNumbers, setOwnedNumbersPaused } from '../../db/my-numbers';
import { getOwnOrg } from '../../db/orgs';
import { findPersonalSettings, savePersonalSettings } from '../../db/personal-settings';
import { compileSnapshot } from '../../db/snapshot-compiler';
import { findUser } from '../../db/users';
import type { AppEnv } from '../../env';
import { invalidField, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate } from '../../http/validate';
import { localClock, startOfLocalDay } from '../../safe-number/local-day';
import { statusView } from '../../safe-number/status-view';
import { routingChanged } from '../routing-freshness';
import { callRowView, maskedMobile, phoneView } from '../safe-number-views';
import { SwitchesBody } from '../../../contract/requests/me';

/** How many of today's calls the card lists (the rest are one tap away in the history). */
export const HOME_LATEST = 3;

/** The signed-in user's row, their org and their safe numbers (the first is the one the home card shows). */
export async function mySafeNumber(c: Context<AppEnv>) {
  const scope = c.get('scope');
  const id = c.get('user').id;
  const [user, org, numbers] = await Promise.all([findUser(scope, id), getOwnOrg(scope), ownedSafeNumbers(scope, id)]);
  if (!user || !org) throw notFound();
  return { user, org, number: numbers[0] ?? null, numbers };
}

async function homeView(c: Context<AppEnv>, now: number) {
  const scope = c.get('scope');
  const { user, org, number } = await mySafeNumber(c);
  const tz = org.timezone;
  const since = startOfLocalDay(tz, localClock(tz, now).date);
  const [snapshot, personal, counts, latest] = await Promise.all([
    number ? compileSnapshot(c.env, number.id) : null,
    findPersonalSettings(scope, user.id),
    callCountsSince(scope, user.id, since),
    callHistoryPage(scope, user.id, { since, limit: HOME_LATEST }),
  ]);
  return {
    timezone: tz,
    now,
    number: number ? { id: number.id, ...phoneView(number.e164) } : null,
    mobile: maskedMobile(user.mobile),
    switches: { paused: number?.paused ?? false, immediateBlock: personal?.immediateBlock ?? false },
    status: snapshot ? statusView(snapshot, now) : null,
    today: { ...counts, latest: latest.map((r) => callRowView(r)) },
  };
}

export const meHomeRoutes = new Hono<AppEnv>()
  .get('/home', requireUser, async (c) => c.json(await homeView(c, Date.now())))
  .put('/switches', requireUser, validate('json', SwitchesBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { paused, immediateBlock } = c.req.valid('json');
    if (paused !== undefined && (await ownedSafeNumbers(scope, me.id)).length === 0) {
      throw invalidField('paused', 'not_available', 'You have no safe number to pause.');
    }
    if (paused !== undefined) await setOwnedNumbersPaused(scope, me.id, paused);
    if (immediateBlock !== undefined) await savePersonalSettings(scope, me.id, { immediateBlock });
    if (paused !== undefined || immediateBlock !== undefined) {
      await routingChanged(c, { userId: me.id });
      await audit(c, 'safe_number.switched', { targetType: 'user', targetId: me.id, detail: { paused, immediateBlock } });
    }
    return c.json(await homeView(c, Date.now()));
  });
