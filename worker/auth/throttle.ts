// Login throttling (P1): too many failures per organisation + login ID, or per client, answer 429.
import type { Db } from '../db/client';
import { clearFailures, readFailures, recordFailure } from '../db/throttle';
import { ApiError } from '../errors';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export function throttleKeys(orgName: string, loginId: string, ip: string) {
  return { account: `acct:${orgName}\u0000${loginId}`, client: `ip:${ip}` };
}

export async function assertNotThrottled(db: Db, keys: { account: string; client: string }, now: number): Promise<void> {
  const [acct, client] = await Promise.all([readFailures(db, keys.account, THROTTLE_WINDOW_MS, now), readFailures(db, keys.client, THROTTLE_WINDOW_MS, now)]);
  if (acct >= MAX_FAILURES_PER_ACCOUNT || client >= MAX_FAILURES_PER_CLIENT) {
    throw new ApiError(429, 'throttled', 'Too many failed logins. Try again in 15 minutes.', undefined, {
      'Retry-After': String(THROTTLE_WINDOW_MS / 1000),
    });
  }
}

export async function noteFailure(db: Db, keys: { account: string; client: string }, now: number): Promise<void> {
  await Promise.all([recordFailure(db, keys.account, THROTTLE_WINDOW_MS, now), recordFailure(db, keys.client, THROTTLE_WINDOW_MS, now)]);
}

export async function noteSuccess(db: Db, keys: { account: string }): Promise<void> {
  await clearFailures(db, keys.account);
}
