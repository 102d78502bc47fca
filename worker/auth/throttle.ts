// The one password-check throttle (P1, issue 7, issue 19 §2). Every route that checks a password
// opens the gate with its counters before checking: the attempt is counted first, on every counter
// in one atomic batch, so a burst of concurrent attempts each sees its own number and at most `max`
// of them reach the password check within the 15-minute window; beyond that the route answers 429
// with Retry-After, even to the right password. A right password clears the first counter and takes
// its attempt back from the others. Login and the re-entry of one's own password (profile,
// password change) differ only in their counters.
import type { Context } from 'hono';
import { globalDb, type Db } from '../db/client';
import { clearFailures, countAttempts, uncountAttempt } from '../db/throttle';
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

/** Counts this attempt; 429 when a counter went past its limit; otherwise the gate to report the check's outcome to. */
export async function passwordThrottle(db: Db, counters: Counter[], now = Date.now()): Promise<PasswordGate> {
  const counts = await countAttempts(
    db,
    counters.map((c) => c.key),
    THROTTLE_WINDOW_MS,
    now,
  );
  if (counters.some((c, i) => (counts[i] ?? 0) > c.max)) {
    throw new ApiError(429, 'throttled', 'Too many wrong passwords. Try again in 15 minutes.', undefined, {
      'Retry-After': String(THROTTLE_WINDOW_MS / 1000),
    });
  }
  return {
    // Already counted.
    failed: async () => {},
    passed: async () => {
      const [first, ...rest] = counters;
      if (first) await clearFailures(db, first.key);
      await Promise.all(rest.map((c) => uncountAttempt(db, c.key)));
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
