// Org administration of teams (P2): list with member counts, create, rename, delete (only when empty).
import { Hono } from 'hono';
import * as v from 'valibot';
import { TeamNameSchema } from '../auth/account-fields';
import { clientIp, requireRole, requireUser } from '../auth/session';
import { writeAudit } from '../db/audit';
import { isForeignKeyViolation, isUniqueViolation } from '../db/constraints';
import { dbFor } from '../db/scope';
import { countTeamMembers, deleteTeam, findTeam, findTeamByName, insertTeam, listTeamsWithCounts, renameTeam } from '../db/teams';
import type { AppEnv } from '../env';
import { conflict, notFound } from '../errors';
import { validate } from '../http/validate';

const TeamBodySchema = v.object({ name: TeamNameSchema });
const IdParamSchema = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

const duplicateName = () => conflict('A team with this name already exists.', [{ field: 'name', message: 'Already in use.' }]);

/** Mounted at /api/admin/teams. */
export const adminTeamRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', async (c) => {
    const teams = await listTeamsWithCounts(dbFor(c.env, c.get('user').orgId));
    return c.json({ teams });
  })
  .post('/', validate('json', TeamBodySchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { name } = c.req.valid('json');
    if (await findTeamByName(scope, name)) throw duplicateName();
    const team = await insertTeam(scope, name).catch((err: unknown) => {
      throw isUniqueViolation(err) ? duplicateName() : err;
    });
    await writeAudit(scope, { actorUserId: me.id, action: 'team.created', targetType: 'team', targetId: team.id, detail: { name }, ip: clientIp(c) });
    return c.json({ team: { id: team.id, name: team.name } }, 201);
  })
  .patch('/:id', validate('param', IdParamSchema), validate('json', TeamBodySchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
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
    await writeAudit(scope, {
      actorUserId: me.id,
      action: 'team.renamed',
      targetType: 'team',
      targetId: id,
      detail: { from: before.name, to: name },
      ip: clientIp(c),
    });
    return c.json({ team: { id: team.id, name: team.name } });
  })
  .delete('/:id', validate('param', IdParamSchema), async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const { id } = c.req.valid('param');
    const team = await findTeam(scope, id);
    if (!team) throw notFound('No such team.');
    if ((await countTeamMembers(scope, id)) > 0) throw conflict('Move the team’s users to another team first.');
    await deleteTeam(scope, id).catch((err: unknown) => {
      // A team announcement still used elsewhere (e.g. by a block window) keeps the team alive.
      throw isForeignKeyViolation(err) ? conflict('The team’s announcements are still in use.') : err;
    });
    await writeAudit(scope, { actorUserId: me.id, action: 'team.deleted', targetType: 'team', targetId: id, detail: { name: team.name }, ip: clientIp(c) });
    return c.json({ ok: true });
  });
