// The cron tick (every minute): housekeeping that must happen without a request, and the
// messages due (scheduled ones at their minute, large sends resumed), and the archive of months
// past the retention window.
import { archiveOldRows } from './archive/job';
import { globalDb } from './db/client';
import { deleteExpiredSessions } from './db/sessions';
import { refreshSnapshots } from './db/snapshot-refresh';
import { deleteStaleThrottles } from './db/throttle';
import type { Bindings } from './env';
import { runMessageSends } from './messaging/send';
import { deleteExpiredRecordings } from './storage/retention';

export async function runScheduled(env: Bindings, now: number): Promise<void> {
  const db = globalDb(env);
  await Promise.all([
    deleteExpiredSessions(db, now),
    deleteStaleThrottles(db, now - 24 * 60 * 60 * 1000),
    refreshSnapshots(env),
    deleteExpiredRecordings(env, now),
    // Call records and audit log past each org's retention window, to R2 a bounded batch a tick (issue 20 §3).
    archiveOldRows(env, now),
    // Scheduled messages at their minute, and sends a failed run left half-way (S15).
    runMessageSends(env, { now: () => now, publicBase: env.PUBLIC_BASE_URL?.replace(/\/+$/, '') }),
  ]);
}
