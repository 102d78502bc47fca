// My abuse shield (B3): the org's default beside my own override, field by field (null = the org's;
// a limit of 0 switches it off for my number). Mounted at /api/me/shield.
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import { getOwnOrg, type Org } from '../../db/orgs';
import { findPersonalSettings, savePersonalSettings, type PersonalSettings } from '../../db/personal-settings';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate } from '../../http/validate';
import { mergeShieldPolicy } from '../../routing/shield';
import { routingChanged } from '../routing-freshness';
import { PersonalShieldBody } from '../../../contract/requests/me';

export function orgShield(org: Org) {
  return { limit: org.shieldLimit, windowMinutes: org.shieldWindowMinutes, coolOffMinutes: org.shieldCoolOffMinutes };
}

export function shieldView(org: Org, personal: PersonalSettings | undefined) {
  const mine = {
    limit: personal?.shieldLimit ?? null,
    windowMinutes: personal?.shieldWindowMinutes ?? null,
    coolOffMinutes: personal?.shieldCoolOffMinutes ?? null,
  };
  return { org: orgShield(org), personal: mine, effective: mergeShieldPolicy(orgShield(org), mine) };
}

export const meShieldRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const scope = c.get('scope');
    const [org, personal] = await Promise.all([getOwnOrg(scope), findPersonalSettings(scope, c.get('user').id)]);
    if (!org) throw notFound();
    return c.json(shieldView(org, personal));
  })
  .put('/', validate('json', PersonalShieldBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const input = c.req.valid('json');
    const org = await getOwnOrg(scope);
    if (!org) throw notFound();
    const saved = await savePersonalSettings(scope, me.id, {
      shieldLimit: input.limit,
      shieldWindowMinutes: input.windowMinutes,
      shieldCoolOffMinutes: input.coolOffMinutes,
    });
    await routingChanged(c, { userId: me.id });
    await audit(c, 'shield.personal_updated', { targetType: 'user', targetId: me.id, detail: input });
    return c.json(shieldView(org, saved));
  });
