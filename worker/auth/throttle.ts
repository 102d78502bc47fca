// The one password-check throttle (P1, issue 7). Every route that checks a password opens the
// gate with its counters before checking: once a counter is full within the 15-minute window the
// route answers 429 with Retry-After, even to the right password; a wrong password counts on
// every counter; a right one clears the first. Login and the re-entry of one's own password
// (profile, password change) differ only in their counters.
import type { Context } from 'hono';
import { globalDb, type Db } from '../db/client';
import { clearFailures, readFailures, recordFailure } from '../db/throttle';
import { findUser, type User } from '../db/users';
import type { AppEnv } from '../env';
import { ApiError, invalidField, notFound } from '../errors';
import { verifyPassword } from './password';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export type Counter = { key: string; max: number };

/** A login: per organisation + login ID, and per client address (one client trying many accounts). */
export function loginCounters(orgName: string, loginId: string, ip: string): Counter[] {
  return [
    { key: `acct:${orgName}\u0000${loginId}`, max: MAX_FAILURES_PER_ACCOUNT },
    { key: `ip:${ip}`, max: MAX_FAILURES_PER_CLIENT },
  ];
}

/**
 * Re-entering one's own password while logged in, on every route that asks for it: per user, on a
 * key of its own, so a stolen session can neither guess nor lock the owner out of the login screen.
 */
export function reentryCounters(userId: string): Counter[] {
  return [{ key: `reentry:${userId}`, max: MAX_FAILURES_PER_ACCOUNT }];
}

export type PasswordGate = { failed(): Promise<void>; passed(): Promise<void> };

/** 429 when a counter is full; otherwise the gate to report the check's outcome to. */
export async function passwordThrottle(db: Db, counters: Counter[], now = Date.now()): Promise<PasswordGate> {
  const counts = await Promise.all(counters.map((c) => readFailures(db, c.key, THROTTLE_WINDOW_MS, now)));
  if (counters.some((c, i) => (counts[i] ?? 0) >= c.max)) {
    throw new ApiError(429, 'throttled', 'Too many wrong passwords. Try again in 15 minutes.', undefined, {
      'Retry-After': String(THROTTLE_WINDOW_MS / 1000),
    });
  }
  return {
    failed: async () => {
      await Promise.all(counters.map((c) => recordFailure(db, c.key, THROTTLE_WINDOW_MS, now)));
    },
    passed: async () => {
      if (counters[0]) await clearFailures(db, counters[0].key);
    },
  };
}

/**
 * The signed-in user's own password, re-entered to confirm a change: throttled (above), a wrong one
 * is 400 on `field` with code `password_wrong`. Answers the user's row.
 */
export async function confirmOwnPassword(c: Context<AppEnv>, field: string, password: string): Promise<User> {
  const me = c.get('user');
  const gate = await passwordThrottle(globalDb(c.env), reentryCounters(me.id));
  const user = await findUser(c.get('scope'), me.id);
  if (!user) throw notFound();
  if (!(await verifyPassword(password, user.passwordHash))) {
    await gate.failed();
    throw invalidField(field, 'password_wrong', 'Your password is incorrect.');
  }
  await gate.passed();
  return user;
}
