// The cron tick (every minute): housekeeping that must happen without a request.
import { globalDb } from './db/client';
import { deleteExpiredSessions } from './db/sessions';
import { refreshSnapshots } from './db/snapshot-refresh';
import { deleteStaleThrottles } from './db/throttle';
import type { Bindings } from './env';
import { deleteExpiredRecordings } from './storage/retention';

export async function runScheduled(env: Bindings, now: number): Promise<void> {
  const db = globalDb(env);
  await Promise.all([
    deleteExpiredSessions(db, now),
    deleteStaleThrottles(db, now - 24 * 60 * 60 * 1000),
    refreshSnapshots(env),
    deleteExpiredRecordings(env, now),
  ]);
}
