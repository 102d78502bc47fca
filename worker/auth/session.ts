// Cookie sessions: issue, read, end; and the auth middleware that puts the user and their tenant
// scope on the request.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { globalDb } from '../db/client';
import type { Role } from '../db/schema';
import { deleteSession, findLiveSession, insertSession, touchSession } from '../db/sessions';
import type { AppEnv } from '../env';
import { dbFor } from '../db/scope';
import { ApiError, forbidden, unauthorized } from '../errors';
import { toB64 } from './password';
import { revokeSockets } from './socket-revocation';

export const SESSION_COOKIE = 'sid';
/** A session ends after this long without a request (sliding), */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** and never lives longer than this (absolute). */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often, to keep D1 writes off most requests. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toB64(new Uint8Array(digest));
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:';
}

export async function startSession(c: Context<AppEnv>, user: { id: string; orgId: string }): Promise<void> {
  const token = toB64(crypto.getRandomValues(new Uint8Array(32))).replace(/[+/=]/g, (ch) => ({ '+': '-', '/': '_', '=': '' })[ch] ?? '');
  const now = Date.now();
  await insertSession(globalDb(c.env), {
    tokenHash: await sha256(token),
    orgId: user.orgId,
    userId: user.id,
    now,
    expiresAt: now + SESSION_IDLE_MS,
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: SESSION_MAX_MS / 1000,
  });
}

/** Logout: the session row goes, and the sockets opened with it close. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const tokenHash = await sha256(token);
    const ended = await deleteSession(globalDb(c.env), tokenHash);
    if (ended) await revokeSockets(c.env, ended.orgId, ended.userId, { session: tokenHash });
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

/** The signed-in user and their tenant scope on the context, or 401; `pending` = the password must change first. */
async function signedIn(c: Context<AppEnv>): Promise<{ pending: boolean }> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthorized();
  const tokenHash = await sha256(token);
  const now = Date.now();
  const db = globalDb(c.env);
  const session = await findLiveSession(db, tokenHash, now);
  if (!session) throw unauthorized('Your session has ended. Please log in again.');
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    const cap = session.createdAt + SESSION_MAX_MS;
    c.executionCtx.waitUntil(touchSession(db, tokenHash, now, Math.min(now + SESSION_IDLE_MS, cap)));
  }
  c.set('user', session.user);
  c.set('scope', dbFor(c.env, session.user.orgId));
  c.set('sessionTokenHash', tokenHash);
  return { pending: session.mustChangePassword };
}

/**
 * The auth middleware of every route that needs a user: 401 without a live session; 403
 * `password_change_required` while the user must replace an initial or reset password (issue 7).
 * Sets `user`, `scope` (the tenant scope every query of the route goes through) and `sessionTokenHash`.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if ((await signedIn(c)).pending) throw passwordChangeRequired();
  await next();
};

/** requireUser, but also for a user who must change their password first: only GET /api/me and the change itself. */
export const requireUserAllowingPasswordChange: MiddlewareHandler<AppEnv> = async (c, next) => {
  await signedIn(c);
  await next();
};

const passwordChangeRequired = () => new ApiError(403, 'password_change_required', 'Change your password before doing anything else.');

/** 403 unless the user has one of the roles. Use after requireUser. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('user').role)) throw forbidden();
    await next();
  };
}

export function clientIp(c: Context): string {
  return c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? 'local';
}
