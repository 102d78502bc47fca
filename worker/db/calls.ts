// Call records (S13, B1): written once per finished call session by its CallSession.
import type { CallRecordInput } from '../calls/vocabulary';
import { insertRecordingForCall } from './recordings';
import { calls } from './schema';
import type { OrgDb } from './scope';
import { newId } from '../ids';
import { metrics } from '../metrics';
import { d1Batch, rebuildCallHour } from './stats-rollups';

export type NewCallRecord = Omit<typeof calls.$inferInsert, 'id' | 'orgId' | 'createdAt'>;

/**
 * Idempotent by call_session_id: a replayed finish never writes a second record. A recording copied
 * before the record (a voicemail) is stored right after it, idempotent by its key.
 */
export async function insertCallRecordOnce(scope: OrgDb, input: NewCallRecord & Pick<CallRecordInput, 'recording'>): Promise<void> {
  metrics.callRecordWrites++;
  const { recording, ...record } = input;
  // One batch: the record and its queue-hour's statistics rollup (a replay rebuilds the same rows).
  await d1Batch(scope, [
    scope.db
      .insert(calls)
      .values({ ...record, id: newId('call'), orgId: scope.orgId })
      .onConflictDoNothing({ target: calls.callSessionId }),
    ...rebuildCallHour(scope, { callSessionId: record.callSessionId }),
  ]);
  if (recording) await insertRecordingForCall(scope, record.callSessionId, recording);
}
