// Accounts (P1, C1, S18): login with organisation + login ID + password, logout, who am I,
// and changing one's own password.
import { Hono } from 'hono';
import * as v from 'valibot';
import { hashPassword, PasswordSchema, verifyAgainstNothing, verifyPassword } from '../auth/password';
import { clientIp, endSession, requireUser, startSession } from '../auth/session';
import { assertNotThrottled, noteFailure, noteSuccess, throttleKeys } from '../auth/throttle';
import { writeAudit } from '../db/audit';
import { globalDb } from '../db/client';
import { findOrgByName, getOwnOrg } from '../db/orgs';
import { dbFor } from '../db/scope';
import { deleteUserSessions } from '../db/sessions';
import { findUser, findUserByLoginId, updateUser } from '../db/users';
import type { AppEnv } from '../env';
import { ApiError, notFound } from '../errors';
import { validate } from '../http/validate';
import { meUser } from './me-view';

const LoginSchema = v.object({
  org: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter your organisation.'), v.maxLength(100)),
  loginId: v.pipe(v.string(), v.minLength(1, 'Enter your login ID.'), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1, 'Enter your password.'), v.maxLength(128)),
});

const ChangePasswordSchema = v.object({
  currentPassword: v.pipe(v.string(), v.minLength(1, 'Enter your current password.'), v.maxLength(128)),
  newPassword: PasswordSchema,
});

const badLogin = () => new ApiError(401, 'bad_credentials', 'Organisation, login ID or password is incorrect.');

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', validate('json', LoginSchema), async (c) => {
    const { org: orgName, loginId, password } = c.req.valid('json');
    const db = globalDb(c.env);
    const now = Date.now();
    const ip = clientIp(c);
    const keys = throttleKeys(orgName, loginId, ip);
    await assertNotThrottled(db, keys, now);

    const org = await findOrgByName(db, orgName);
    const scope = org && !org.disabled ? dbFor(c.env, org.id) : undefined;
    const user = scope ? await findUserByLoginId(scope, loginId) : undefined;
    // Login IDs are case-sensitive (C1): SQLite's = on text is binary, so 'Kim' never matches 'kim'.
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
    if (!ok || !user || !scope) {
      await noteFailure(db, keys, now);
      if (scope) await writeAudit(scope, { actorUserId: user?.id ?? null, action: 'login.failed', detail: { loginId }, ip });
      throw badLogin();
    }
    await noteSuccess(db, keys);
    await startSession(c, user);
    await writeAudit(scope, { actorUserId: user.id, action: 'login', targetType: 'user', targetId: user.id, ip });
    return c.json({
      user: { id: user.id, loginId: user.loginId, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword },
      org: { id: org!.id, name: org!.name },
    });
  })
  .post('/auth/logout', async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  })
  .get('/me', requireUser, async (c) => {
    const me = c.get('user');
    const scope = dbFor(c.env, me.orgId);
    const [user, org] = await Promise.all([findUser(scope, me.id), getOwnOrg(scope)]);
    if (!user || !org) throw notFound();
    return c.json({
      user: meUser(user),
      org: { id: org.id, name: org.name, timezone: org.timezone },
    });
  })
  .post('/me/password', requireUser, validate('json', ChangePasswordSchema), async (c) => {
    const me = c.get('user');
    const { currentPassword, newPassword } = c.req.valid('json');
    const scope = dbFor(c.env, me.orgId);
    const user = await findUser(scope, me.id);
    if (!user) throw notFound();
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new ApiError(400, 'invalid', 'Current password is incorrect.', [{ field: 'currentPassword', message: 'Current password is incorrect.' }]);
    }
    if (currentPassword === newPassword) {
      throw new ApiError(400, 'invalid', 'Choose a password different from the current one.', [
        { field: 'newPassword', message: 'Choose a password different from the current one.' },
      ]);
    }
    await updateUser(scope, me.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
    // Other devices logged in with the old password are signed out; this one stays.
    await deleteUserSessions(globalDb(c.env), me.id, c.get('sessionTokenHash'));
    await writeAudit(scope, { actorUserId: me.id, action: 'password.changed', targetType: 'user', targetId: me.id, ip: clientIp(c) });
    return c.json({ ok: true });
  });
