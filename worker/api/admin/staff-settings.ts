// A staff member's effective safe-number settings, read-only for their org admin (issue 9 §2): the
// schedule with the source of each field, the switches, block windows, the announcement each
// situation uses and where it comes from, the abuse shield, and what a caller gets now. Lists and
// calls stay the staff member's own. Mounted at /api/admin/users (GET /:id/settings).
import { Hono } from 'hono';
import { requireRole, requireUser } from '../../auth/session';
import { announcementsVisibleTo, choicesOf } from '../../db/announcements';
import { listBlockWindows } from '../../db/block-windows';
import { ownedSafeNumbers } from '../../db/my-numbers';
import { getOwnOrg } from '../../db/orgs';
import { findPersonalSettings, findSchedules } from '../../db/personal-settings';
import { compileSnapshot } from '../../db/snapshot-compiler';
import { findUser } from '../../db/users';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { validateId } from '../../http/validate';
import { resolveSituations } from '../../safe-number/situations';
import { statusView } from '../../safe-number/status-view';
import { shieldView } from '../me/shield';
import { blockWindowView, maskedMobile, phoneView, scheduleView } from '../safe-number-views';

export const adminStaffSettingsRoutes = new Hono<AppEnv>().get('/:id/settings', requireUser, requireRole('org_admin', 'operator'), validateId(), async (c) => {
  const scope = c.get('scope');
  const { id } = c.req.valid('param');
  const user = await findUser(scope, id);
  if (!user) throw notFound('No such user.');
  const [org, numbers, personal, schedules, windows, announcements, choices] = await Promise.all([
    getOwnOrg(scope),
    ownedSafeNumbers(scope, id),
    findPersonalSettings(scope, id),
    findSchedules(scope, id),
    listBlockWindows(scope, id),
    announcementsVisibleTo(scope, user),
    choicesOf(scope, [
      { scope: 'org', scopeId: scope.orgId },
      ...(user.teamId ? [{ scope: 'team' as const, scopeId: user.teamId }] : []),
      { scope: 'personal', scopeId: id },
    ]),
  ]);
  if (!org) throw notFound();
  const number = numbers[0] ?? null;
  const snapshot = number ? await compileSnapshot(c.env, number.id) : null;
  const names = new Map(announcements.map((a) => [a.id, a.name]));
  return c.json({
    user: { id: user.id, loginId: user.loginId, name: user.name, role: user.role, teamId: user.teamId, disabled: user.disabled },
    timezone: org.timezone,
    number: number ? { id: number.id, ...phoneView(number.e164) } : null,
    mobile: maskedMobile(user.mobile),
    switches: { paused: number?.paused ?? false, immediateBlock: personal?.immediateBlock ?? false },
    status: snapshot ? statusView(snapshot, Date.now()) : null,
    schedule: scheduleView(schedules.org, schedules.personal),
    blockWindows: windows.map((w) => ({ ...blockWindowView(w), announcementName: w.announcementId ? (names.get(w.announcementId) ?? null) : null })),
    // The texts are the org's business too (they speak for it); personal ones show as chosen.
    situations: resolveSituations(choices, announcements, { orgId: scope.orgId, teamId: user.teamId, userId: id }),
    shield: shieldView(org, personal),
  });
});
