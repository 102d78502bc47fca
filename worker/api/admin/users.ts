// Org administration of accounts (P2, S18): list and search users, issue accounts with an initial
// password, change role/team/mobile, disable, and reset passwords. Mounted at /api/admin/users.
import { Hono } from 'hono';
import * as v from 'valibot';
import { LoginIdSchema, PersonNameSchema } from '../../../contract/requests/account';
import { hashPassword, PasswordSchema } from '../../auth/password';
import { requireRole, requireUser } from '../../auth/session';
import { revokeSockets } from '../../auth/socket-revocation';
import { globalDb } from '../../db/client';
import { isUniqueViolation } from '../../db/constraints';
import { type Role } from '../../db/schema';
import type { OrgDb } from '../../db/scope';
import { deleteUserSessions } from '../../db/sessions';
import { markUserSnapshotsStale, refreshSnapshots } from '../../db/snapshot-refresh';
import { findTeam } from '../../db/teams';
import { findUser, findUserByLoginId, insertUser, searchUsers, updateUser, type User } from '../../db/users';
import type { AppEnv, SessionUser } from '../../env';
import { conflict, fieldError, forbidden, invalidField, notFound } from '../../errors';
import { coded, IdSchema } from '../../fields';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { PersonPhoneSchema } from '../../destinations';
import { formatNational } from '../../phone';
import { ResetPasswordBody, RoleSchema, UserListQuery } from '../../../contract/requests/admin';

const TeamIdSchema = v.nullable(IdSchema);

const CreateUserSchema = v.object({
  loginId: LoginIdSchema,
  name: PersonNameSchema,
  role: RoleSchema,
  teamId: v.optional(TeamIdSchema),
  mobile: v.optional(v.nullable(PersonPhoneSchema)),
  password: PasswordSchema,
});

const PatchUserSchema = v.object({
  name: v.optional(PersonNameSchema),
  role: v.optional(RoleSchema),
  teamId: v.optional(TeamIdSchema),
  mobile: v.optional(v.nullable(PersonPhoneSchema)),
  disabled: v.optional(v.boolean(coded('choice', 'Must be true or false.'))),
});

function adminView(u: User) {
  return {
    id: u.id,
    loginId: u.loginId,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    mobile: u.mobile,
    /** The mobile as people read it (010-1234-5678). */
    mobileNational: u.mobile ? formatNational(u.mobile) : null,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
  };
}

/** Only operators hand out or touch the operator role. */
function assertMayGrant(actor: SessionUser, role: Role | undefined) {
  if (role === 'operator' && actor.role !== 'operator') throw forbidden('Only operators can grant the operator role.');
}

async function assertTeamExists(scope: OrgDb, teamId: string | null | undefined) {
  // Another org's team id is simply "no such team": nothing about it is revealed.
  if (teamId && !(await findTeam(scope, teamId))) throw invalidField('teamId', 'not_in_org', 'No such team.');
}

/** The target user in the actor's org; 404 otherwise, 403 when an org admin reaches for an operator. */
async function targetUser(scope: OrgDb, actor: SessionUser, id: string): Promise<User> {
  const user = await findUser(scope, id);
  if (!user) throw notFound('No such user.');
  if (user.role === 'operator' && actor.role !== 'operator') throw forbidden('Only operators can change an operator account.');
  return user;
}

const loginIdTaken = () => conflict('This login ID is already in use.', [fieldError('loginId', 'taken', 'Already in use.')]);

export const adminUserRoutes = new Hono<AppEnv>()
  .use('*', requireUser, requireRole('org_admin', 'operator'))
  .get('/', validate('query', UserListQuery), async (c) => {
    const { q, role, teamId } = c.req.valid('query');
    const rows = await searchUsers(c.get('scope'), { q: q || undefined, role, teamId: teamId || undefined });
    return c.json({ users: rows.map(adminView) });
  })
  .post('/', validate('json', CreateUserSchema), async (c) => {
    const me = c.get('user');
    const scope = c.get('scope');
    const body = c.req.valid('json');
    assertMayGrant(me, body.role);
    await assertTeamExists(scope, body.teamId);
    if (await findUserByLoginId(scope, body.loginId)) throw loginIdTaken();
    const user = await insertUser(scope, {
      loginId: body.loginId,
      name: body.name,
      role: body.role,
      teamId: body.teamId ?? null,
      mobile: body.mobile ?? null,
      passwordHash: await hashPassword(body.password),
      // An issued password is known to the admin, so the user replaces it at first login.
      mustChangePassword: true,
    }).catch((err: unknown) => {
      throw isUniqueViolation(err) ? loginIdTaken() : err;
    });
    await audit(c, 'account.issued', { targetType: 'user', targetId: user.id, detail: { loginId: user.loginId, role: user.role } });
    return c.json({ user: adminView(user) }, 201);
  })
  .patch('/:id', validateId(), validate('json', PatchUserSchema), async (c) => {
    const me = c.get('user');
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const before = await targetUser(scope, me, id);
    assertMayGrant(me, body.role);
    if (id === me.id && body.disabled === true) throw forbidden('You cannot disable your own account.');
    if (id === me.id && body.role !== undefined && body.role !== before.role) throw forbidden('You cannot change your own role.');
    await assertTeamExists(scope, body.teamId);

    const mobileChanged = body.mobile !== undefined && body.mobile !== before.mobile;
    const user = await updateUser(scope, id, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.role !== undefined && { role: body.role }),
      ...(body.teamId !== undefined && { teamId: body.teamId }),
      ...(mobileChanged && { mobile: body.mobile ?? null, mobileChangedAt: Date.now() }),
      ...(body.disabled !== undefined && { disabled: body.disabled }),
    });
    if (!user) throw notFound('No such user.');
    // The numbers this user owns compile in their mobile, team and disabled flag.
    if (mobileChanged || body.disabled !== undefined || body.teamId !== undefined) {
      await markUserSnapshotsStale(scope, id);
      c.executionCtx.waitUntil(refreshSnapshots(c.env));
    }

    // Sockets opened under the old authority close (the client reconnects and is checked afresh).
    if ((body.disabled === true && !before.disabled) || user.role !== before.role) await revokeSockets(c.env, user.orgId, id);
    if (body.disabled === true && !before.disabled) {
      await deleteUserSessions(globalDb(c.env), id);
      await audit(c, 'account.disabled', { targetType: 'user', targetId: id });
    } else if (body.disabled === false && before.disabled) {
      await audit(c, 'account.enabled', { targetType: 'user', targetId: id });
    }
    // Field names only: the values may be phone numbers.
    const changed = (['name', 'role', 'teamId', 'mobile'] as const).filter((k) => body[k] !== undefined && body[k] !== before[k]);
    if (changed.length > 0) {
      const detail: Record<string, unknown> = { fields: changed };
      if (changed.includes('role')) Object.assign(detail, { roleFrom: before.role, roleTo: user.role });
      await audit(c, 'account.updated', { targetType: 'user', targetId: id, detail });
    }
    return c.json({ user: adminView(user) });
  })
  .post('/:id/password', validateId(), validate('json', ResetPasswordBody), async (c) => {
    const me = c.get('user');
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const { password } = c.req.valid('json');
    await targetUser(scope, me, id);
    await updateUser(scope, id, { passwordHash: await hashPassword(password), mustChangePassword: true });
    // Everyone holding the old password is signed out; an admin resetting their own keeps this session.
    await deleteUserSessions(globalDb(c.env), id, id === me.id ? c.get('sessionTokenHash') : undefined);
    await revokeSockets(c.env, me.orgId, id, id === me.id ? { exceptSession: c.get('sessionTokenHash') } : {});
    await audit(c, 'password.reset', { targetType: 'user', targetId: id });
    return c.json({ ok: true });
  });
