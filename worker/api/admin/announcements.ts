// Org and team announcements (S5) as an org admin manages them: the org's common ones and each
// team's (type, name, text ≤ 240), and which one each situation uses at org and at team level.
// Personal announcements are their owners' own and never listed here.
// Mounted at /api/admin/announcements and /api/admin/announcement-choices.
import { Hono } from 'hono';
import { requireRole, requireUser } from '../../auth/session';
import {
  choicesOf,
  deleteAnnouncement,
  findAnnouncement,
  insertAnnouncement,
  orgAndTeamAnnouncements,
  saveChoice,
  updateAnnouncement,
  type ChoiceOwner,
} from '../../db/announcements';
import type { OrgDb } from '../../db/scope';
import { findTeam, listTeamsWithCounts } from '../../db/teams';
import type { AppEnv } from '../../env';
import { invalidField, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { resolveSituations, type AnnouncementRow } from '../../safe-number/situations';
import { routingChanged, type Affected } from '../routing-freshness';
import { announcementView } from '../safe-number-views';
import { AdminAnnouncementChoiceBody, AdminAnnouncementCreateBody, AdminAnnouncementUpdateBody } from '../../../contract/requests/admin';

/** The team a team-level request names, which must be the org's own; none for org level. */
async function teamOf(scope: OrgDb, level: 'org' | 'team', teamId: string | null): Promise<string | null> {
  if (level === 'org') return null;
  if (!teamId) throw invalidField('teamId', 'required', 'Choose a team.');
  if (!(await findTeam(scope, teamId))) throw invalidField('teamId', 'not_in_org', 'No such team.');
  return teamId;
}

/** An org or team announcement of this org; personal ones (and other orgs') are 404 here. */
async function managed(scope: OrgDb, id: string): Promise<AnnouncementRow> {
  const a = await findAnnouncement(scope, id);
  if (!a || a.scope === 'personal') throw notFound('No such announcement.');
  return a;
}

/** Whose snapshots an announcement's text reaches: the whole org for a common one (block windows may name it), the team's for a team one. */
const reach = (a: AnnouncementRow): Affected => (a.scope === 'team' && a.teamId ? { teamId: a.teamId } : 'org');

async function view(scope: OrgDb) {
  const [rows, teams] = await Promise.all([orgAndTeamAnnouncements(scope), listTeamsWithCounts(scope)]);
  const owners: ChoiceOwner[] = [{ scope: 'org', scopeId: scope.orgId }, ...teams.map((t) => ({ scope: 'team' as const, scopeId: t.id }))];
  const choices = await choicesOf(scope, owners);
  const at = (teamId: string | null) => resolveSituations(choices, rows, { orgId: scope.orgId, teamId, userId: null });
  return {
    announcements: rows.map((a) => announcementView(a, true)),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    situations: { org: at(null), teams: Object.fromEntries(teams.map((t) => [t.id, at(t.id)])) },
  };
}

const guard = [requireUser, requireRole('org_admin', 'operator')] as const;

export const adminAnnouncementRoutes = new Hono<AppEnv>()
  .use('*', ...guard)
  .get('/', async (c) => c.json(await view(c.get('scope'))))
  .post('/', validate('json', AdminAnnouncementCreateBody), async (c) => {
    const scope = c.get('scope');
    const { scope: level, teamId, ...input } = c.req.valid('json');
    const team = await teamOf(scope, level, teamId);
    const created = await insertAnnouncement(scope, { scope: level, teamId: team, userId: null, ...input });
    await audit(c, 'announcement.created', { targetType: 'announcement', targetId: created.id, detail: { scope: level, type: created.type } });
    return c.json({ announcement: announcementView(created, true) }, 201);
  })
  .put('/:id', validateId(), validate('json', AdminAnnouncementUpdateBody), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const before = await managed(scope, id);
    const updated = await updateAnnouncement(scope, id, c.req.valid('json'));
    if (!updated) throw notFound('No such announcement.');
    await routingChanged(c, reach(before));
    await audit(c, 'announcement.updated', { targetType: 'announcement', targetId: id });
    return c.json({ announcement: announcementView(updated, true) });
  })
  .delete('/:id', validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const before = await managed(scope, id);
    if (!(await deleteAnnouncement(scope, id))) throw notFound('No such announcement.');
    await routingChanged(c, reach(before));
    await audit(c, 'announcement.deleted', { targetType: 'announcement', targetId: id });
    return c.json({ ok: true });
  });

/** Mounted at /api/admin/announcement-choices: `{scope, teamId?, type, announcementId}` (null = fall back). */
export const adminAnnouncementChoiceRoutes = new Hono<AppEnv>().put('/', ...guard, validate('json', AdminAnnouncementChoiceBody), async (c) => {
  const scope = c.get('scope');
  const { scope: level, teamId, type, announcementId } = c.req.valid('json');
  const team = await teamOf(scope, level, teamId);
  if (announcementId !== null) {
    const a = await findAnnouncement(scope, announcementId);
    // The org level speaks common announcements; a team its own or common ones.
    const fits = a && (a.scope === 'org' || (team !== null && a.scope === 'team' && a.teamId === team));
    if (!a || !fits) throw invalidField('announcementId', 'not_available', 'No such announcement for this level.');
    if (a.type !== type) throw invalidField('announcementId', 'wrong_type', `Choose a ${type} announcement.`);
  }
  await saveChoice(scope, team ? { scope: 'team', scopeId: team } : { scope: 'org', scopeId: scope.orgId }, type, announcementId);
  await routingChanged(c, team ? { teamId: team } : 'org');
  await audit(c, 'announcement.chosen', { targetType: team ? 'team' : 'org', targetId: team ?? scope.orgId, detail: { type, announcementId } });
  return c.json(await view(scope));
});
