// Recording retention (P5): the cron tick deletes recordings past their org's retention period, a
// batch at a time, objects first and then their rows, and writes one audit entry per organisation
// naming how many went (P8).
import { writeAudit } from '../db/audit';
import { globalDb } from '../db/client';
import { deleteRecordingRows, expiredRecordings } from '../db/recordings';
import { dbFor } from '../db/scope';
import type { Bindings } from '../env';

/** At most this many recordings per tick (R2 deletes up to 1,000 keys per call). */
export const RETENTION_BATCH = 200;

export async function deleteExpiredRecordings(env: Bindings, now: number, limit = RETENTION_BATCH): Promise<number> {
  const due = await expiredRecordings(globalDb(env), now, limit);
  if (!due.length) return 0;
  const byOrg = new Map<string, typeof due>();
  for (const r of due) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
  // An object already gone is fine: the row goes anyway. A failed delete leaves both for the next tick.
  await env.RECORDINGS.delete(due.map((r) => r.r2Key));
  for (const [orgId, rows] of byOrg) {
    const scope = dbFor(env, orgId);
    await deleteRecordingRows(
      scope,
      rows.map((r) => r.id),
    );
    await writeAudit(scope, {
      actorUserId: null,
      action: 'recording.retention_deleted',
      targetType: 'recording',
      detail: { count: rows.length, voicemails: rows.filter((r) => r.kind === 'voicemail').length },
    });
  }
  return due.length;
}
