// Failed-login counters per key (org + login ID, and client address), in fixed windows.
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { loginThrottle } from './schema';

export async function readFailures(db: Db, key: string, windowMs: number, now: number): Promise<number> {
  const row = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
  if (!row || now - row.windowStartedAt >= windowMs) return 0;
  return row.failures;
}

export async function recordFailure(db: Db, key: string, windowMs: number, now: number): Promise<void> {
  // One statement, so concurrent failures all count: a fresh window restarts at 1.
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sqlCase(now, windowMs),
        windowStartedAt: sqlWindow(now, windowMs),
      },
    });
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
