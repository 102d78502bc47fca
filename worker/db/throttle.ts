// Password-attempt counters per key (org + login ID, client address, a user's re-entry), in fixed windows.
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { loginThrottle } from './schema';

/**
 * Counts one attempt on each key and answers each key's count in its window, all in one batch (one
 * transaction): concurrent attempts each get their own number, so the limit holds under a burst.
 * A fresh or expired window restarts at 1.
 */
export async function countAttempts(db: Db, keys: string[], windowMs: number, now: number): Promise<number[]> {
  if (keys.length === 0) return [];
  const statements = keys.map((key) =>
    db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sqlCase(now, windowMs), windowStartedAt: sqlWindow(now, windowMs) } })
      .returning({ count: loginThrottle.failures }),
  );
  const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return results.map((rows) => rows[0]?.count ?? 0);
}

/** Takes back one counted attempt (a password that turned out right, on the counters it does not clear). */
export async function uncountAttempt(db: Db, key: string): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ failures: sql`MAX(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
}

function sqlCase(now: number, windowMs: number) {
  return sql`CASE WHEN ${now} - ${loginThrottle.windowStartedAt} >= ${windowMs} THEN 1 ELSE ${loginThrottle.failures} + 1 END`;
}
function sqlWindow(now: number, windowMs: number) {
  return sql`CASE WHEN ${now} - ${loginThrottle.windowStartedAt} >= ${windowMs} THEN ${now} ELSE ${loginThrottle.windowStartedAt} END`;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

export async function deleteStaleThrottles(db: Db, olderThan: number): Promise<void> {
  await db.delete(loginThrottle).where(lt(loginThrottle.windowStartedAt, olderThan));
}
