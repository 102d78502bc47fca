// My announcements (S5): the org's common ones and my team's (read-only), my own (type, name, text
// ≤ 240 characters), and which one each situation uses, falling back team → org → built-in.
// Mounted at /api/me/announcements and /api/me/announcement-choices.
import { Hono } from 'hono';
import { requireUser } from '../../auth/session';
import {
  announcementsVisibleTo,
  choicesOf,
  deleteAnnouncement,
  findAnnouncement,
  insertAnnouncement,
  saveChoice,
  updateAnnouncement,
} from '../../db/announcements';
import { findUser, type User } from '../../db/users';
import type { OrgDb } from '../../db/scope';
import type { AppEnv } from '../../env';
import { ApiError, fieldError, forbidden, invalidField, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { resolveSituations, type AnnouncementRow, type Situation } from '../../safe-number/situations';
import { routingChanged } from '../routing-freshness';
import { announcementView } from '../safe-number-views';
import { MeAnnouncementChoiceBody, MeAnnouncementCreateBody, MeAnnouncementUpdateBody } from '../../../contract/requests/me';

/** A person's own announcements are capped so the choice lists stay usable. */
export const PERSONAL_ANNOUNCEMENTS_MAX = 100;

/** Whether a staff member may read and choose an announcement: the org's, their team's, their own. */
export function usableBy(a: AnnouncementRow, user: { id: string; teamId: string | null }): boolean {
  return a.scope === 'org' || (a.scope === 'team' && a.teamId !== null && a.teamId === user.teamId) || (a.scope === 'personal' && a.userId === user.id);
}

/**
 * An announcement `user` may use for `type`, or a 400 on `field`: another org's id or another
 * person's reads as not available, a text for another situation as the wrong type.
 */
export async function usableAnnouncement(scope: OrgDb, user: { id: string; teamId: string | null }, id: string, type: Situation, field: string) {
  const a = await findAnnouncement(scope, id);
  if (!a || !usableBy(a, user)) throw invalidField(field, 'not_available', 'No such announcement for you.');
  if (a.type !== type) throw invalidField(field, 'wrong_type', `Choose a ${type} announcement.`);
  return a;
}

async function me(scope: OrgDb, id: string): Promise<User> {
  const user = await findUser(scope, id);
  if (!user) throw notFound();
  return user;
}

/** My own announcement, or 404 (another org's, another person's); 403 for the common ones I can read but not change. */
async function ownAnnouncement(scope: OrgDb, user: User, id: string): Promise<AnnouncementRow> {
  const a = await findAnnouncement(scope, id);
  if (!a || !usableBy(a, user)) throw notFound('No such announcement.');
  if (a.scope !== 'personal') throw forbidden('Common and team announcements are read-only.');
  return a;
}

async function myAnnouncementsView(scope: OrgDb, user: User) {
  const [rows, choices] = await Promise.all([
    announcementsVisibleTo(scope, user),
    choicesOf(scope, [
      { scope: 'org', scopeId: scope.orgId },
      ...(user.teamId ? [{ scope: 'team' as const, scopeId: user.teamId }] : []),
      { scope: 'personal', scopeId: user.id },
    ]),
  ]);
  return {
    announcements: rows.map((a) => announcementView(a, a.scope === 'personal')),
    situations: resolveSituations(choices, rows, { orgId: scope.orgId, teamId: user.teamId, userId: user.id }),
  };
}

export const meAnnouncementRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const scope = c.get('scope');
    return c.json(await myAnnouncementsView(scope, await me(scope, c.get('user').id)));
  })
  .post('/', validate('json', MeAnnouncementCreateBody), async (c) => {
    const scope = c.get('scope');
    const user = await me(scope, c.get('user').id);
    const input = c.req.valid('json');
    const mine = (await announcementsVisibleTo(scope, user)).filter((a) => a.scope === 'personal');
    if (mine.length >= PERSONAL_ANNOUNCEMENTS_MAX) {
      const max = PERSONAL_ANNOUNCEMENTS_MAX;
      throw new ApiError(400, 'invalid', `At most ${max} announcements.`, [fieldError('(body)', 'list_full', `At most ${max}.`, { max })]);
    }
    const created = await insertAnnouncement(scope, { scope: 'personal', teamId: null, userId: user.id, ...input });
    await audit(c, 'announcement.created', { targetType: 'announcement', targetId: created.id, detail: { scope: 'personal', type: created.type } });
    return c.json({ announcement: announcementView(created, true) }, 201);
  })
  .put('/:id', validateId(), validate('json', MeAnnouncementUpdateBody), async (c) => {
    const scope = c.get('scope');
    const user = await me(scope, c.get('user').id);
    const { id } = c.req.valid('param');
    await ownAnnouncement(scope, user, id);
    const updated = await updateAnnouncement(scope, id, c.req.valid('json'));
    if (!updated) throw notFound('No such announcement.');
    // Its text may be chosen for a situation or spoken by a block window.
    await routingChanged(c, { userId: user.id });
    await audit(c, 'announcement.updated', { targetType: 'announcement', targetId: id });
    return c.json({ announcement: announcementView(updated, true) });
  })
  .delete('/:id', validateId(), async (c) => {
    const scope = c.get('scope');
    const user = await me(scope, c.get('user').id);
    const { id } = c.req.valid('param');
    await ownAnnouncement(scope, user, id);
    if (!(await deleteAnnouncement(scope, id))) throw notFound('No such announcement.');
    await routingChanged(c, { userId: user.id });
    await audit(c, 'announcement.deleted', { targetType: 'announcement', targetId: id });
    return c.json({ ok: true });
  });

/** Mounted at /api/me/announcement-choices: `{type, announcementId}` (null = use my team's or the org's). */
export const meAnnouncementChoiceRoutes = new Hono<AppEnv>().put('/', requireUser, validate('json', MeAnnouncementChoiceBody), async (c) => {
  const scope = c.get('scope');
  const user = await me(scope, c.get('user').id);
  const { type, announcementId } = c.req.valid('json');
  if (announcementId !== null) await usableAnnouncement(scope, user, announcementId, type, 'announcementId');
  await saveChoice(scope, { scope: 'personal', scopeId: user.id }, type, announcementId);
  await routingChanged(c, { userId: user.id });
  await audit(c, 'announcement.chosen', { targetType: 'user', targetId: user.id, detail: { type, announcementId } });
  return c.json(await myAnnouncementsView(scope, user));
});
