// Accounts (P1, C1, S18): login with organisation + login ID + password, logout, who am I,
// and changing one's own password.
import { Hono } from 'hono';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../auth/password';
import { clientIp, endSession, requireUserAllowingPasswordChange, startSession } from '../auth/session';
import { revokeSockets } from '../auth/socket-revocation';
import { confirmOwnPassword, loginCounters, passwordThrottle } from '../auth/throttle';
import { globalDb } from '../db/client';
import { ownedSafeNumbers } from '../db/my-numbers';
import { findOrgByName, getOwnOrg } from '../db/orgs';
import { dbFor } from '../db/scope';
import { deleteUserSessions } from '../db/sessions';
import { findUser, findUserByLoginId, updateUser } from '../db/users';
import type { AppEnv } from '../env';
import { ApiError, invalidField, notFound } from '../errors';
import { audit } from '../http/audit';
import { validate } from '../http/validate';
import { meUser } from './me/view';
import { defined } from '../defined';
import { ChangePasswordBody, LoginBody } from '../../contract/requests/account';

const badLogin = () => new ApiError(401, 'bad_credentials', 'Organisation, login ID or password is incorrect.');

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', validate('json', LoginBody), async (c) => {
    const { org: orgName, loginId, password } = c.req.valid('json');
    const db = globalDb(c.env);
    const gate = await passwordThrottle(db, loginCounters(orgName, loginId, clientIp(c)));

    const org = await findOrgByName(db, orgName);
    const scope = org && !org.disabled ? dbFor(c.env, org.id) : undefined;
    const user = scope ? await findUserByLoginId(scope, loginId) : undefined;
    // Login IDs are case-sensitive (C1): SQLite's = on text is binary, so 'Kim' never matches 'kim'.
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
    if (!ok || !user || !scope) {
      await gate.failed();
      if (scope) await audit(c, 'login.failed', { scope, actorUserId: user?.id ?? null, detail: { loginId } });
      throw badLogin();
    }
    await gate.passed();
    await startSession(c, user);
    await audit(c, 'login', { scope, actorUserId: user.id, targetType: 'user', targetId: user.id });
    return c.json({
      user: { id: user.id, loginId: user.loginId, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword },
      org: { id: defined(org, 'org').id, name: defined(org, 'org').name },
    });
  })
  .post('/auth/logout', async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  })
  // These two stay open while the user must change their password (every other route answers 403).
  .get('/me', requireUserAllowingPasswordChange, async (c) => {
    const scope = c.get('scope');
    const [user, org, numbers] = await Promise.all([findUser(scope, c.get('user').id), getOwnOrg(scope), ownedSafeNumbers(scope, c.get('user').id)]);
    if (!user || !org) throw notFound();
    return c.json({
      user: meUser(user),
      org: { id: org.id, name: org.name, timezone: org.timezone },
      // Whether the user runs a safe number: the app offers its history, settings and check only then.
      safeNumber: numbers.length > 0,
    });
  })
  .post('/me/password', requireUserAllowingPasswordChange, validate('json', ChangePasswordBody), async (c) => {
    const me = c.get('user');
    const { currentPassword, newPassword } = c.req.valid('json');
    // The same throttle as every route that checks a password: a session is no password oracle.
    await confirmOwnPassword(c, 'currentPassword', currentPassword);
    if (currentPassword === newPassword) {
      throw invalidField('newPassword', 'password_same', 'Choose a password different from the current one.');
    }
    await updateUser(c.get('scope'), me.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
    // Other devices logged in with the old password are signed out; this one stays.
    await deleteUserSessions(globalDb(c.env), me.id, c.get('sessionTokenHash'));
    await revokeSockets(c.env, me.orgId, me.id, { exceptSession: c.get('sessionTokenHash') });
    await audit(c, 'password.changed', { targetType: 'user', targetId: me.id });
    return c.json({ ok: true });
  });
