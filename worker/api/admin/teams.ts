// Org administration of teams (P2): list with member counts, create, rename, delete (only when empty).
import { Hono } from 'hono';
import { requireRole, requireUser } from '../../auth/session';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/constraints';
import { countTeamMembers, deleteTeam, findTeam, findTeamByName, insertTeam, listTeamsWithCounts, renameTeam } from '../../db/teams';
import type { AppEnv } from '../../env';
import { conflict, fieldError, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { TeamBody } from '../../../contract/requests/admin';

const duplicateName = () => conflict('A team with this name already exists.', [fieldError('name', 'taken', 'Already in use.')]);

/** Mounted at /api/admin/teams. */
export const adminTeamRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', async (c) => {
    const teams = await listTeamsWithCounts(c.get('scope'));
    return c.json({ teams });
  })
  .post('/', validate('json', TeamBody), async (c) => {
    const scope = c.get('scope');
    const { name } = c.req.valid('json');
    if (await findTeamByName(scope, name)) throw duplicateName();
    const team = await insertTeam(scope, name).catch((err: unknown) => {
      throw isUniqueViolation(err) ? duplicateName() : err;
    });
    await audit(c, 'team.created', { targetType: 'team', targetId: team.id, detail: { name } });
    return c.json({ team: { id: team.id, name: team.name } }, 201);
  })
  .patch('/:id', validateId(), validate('json', TeamBody), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const { name } = c.req.valid('json');
    const before = await findTeam(scope, id);
    if (!before) throw notFound('No such team.');
    const clash = await findTeamByName(scope, name);
    if (clash && clash.id !== id) throw duplicateName();
    const team = await renameTeam(scope, id, name).catch((err: unknown) => {
      throw isUniqueViolation(err) ? duplicateName() : err;
    });
    if (!team) throw notFound('No such team.');
    await audit(c, 'team.renamed', { targetType: 'team', targetId: id, detail: { from: before.name, to: name } });
    return c.json({ team: { id: team.id, name: team.name } });
  })
  .delete('/:id', validateId(), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const team = await findTeam(scope, id);
    if (!team) throw notFound('No such team.');
    if ((await countTeamMembers(scope, id)) > 0) throw conflict('Move the team’s users to another team first.');
    await deleteTeam(scope, id).catch((err: unknown) => {
      // A team announcement still used elsewhere (e.g. by a block window) keeps the team alive.
      throw isForeignKeyViolation(err) ? conflict('The team’s announcements are still in use.') : err;
    });
    await audit(c, 'team.deleted', { targetType: 'team', targetId: id, detail: { name: team.name } });
    return c.json({ ok: true });
  });
