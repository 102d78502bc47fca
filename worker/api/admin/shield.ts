// The org's abuse-shield defaults (B3): at most `limit` calls from one caller to one number in
// `windowMinutes`, then `coolOffMinutes` refused; limit 0 = off. Staff may override per number.
// Mounted at /api/admin/shield.
import { Hono } from 'hono';
import { requireRole, requireUser } from '../../auth/session';
import { getOwnOrg, saveOrgShield } from '../../db/orgs';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate } from '../../http/validate';
import { orgShield } from '../me/shield';
import { routingChanged } from '../routing-freshness';
import { OrgShieldBody } from '../../../contract/requests/admin';

export const adminShieldRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', async (c) => {
    const org = await getOwnOrg(c.get('scope'));
    if (!org) throw notFound();
    return c.json({ shield: orgShield(org) });
  })
  .put('/', validate('json', OrgShieldBody), async (c) => {
    const scope = c.get('scope');
    const shield = c.req.valid('json');
    await saveOrgShield(scope, shield);
    await routingChanged(c, 'org');
    await audit(c, 'shield.org_updated', { targetType: 'org', targetId: scope.orgId, detail: shield });
    return c.json({ shield });
  });
