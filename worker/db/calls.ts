// Call records (S13, B1): written once per finished call session by its CallSession.
import type { CallRecordInput } from '../calls/vocabulary';
import { insertRecordingForCall } from './recordings';
import { calls } from './schema';
import type { OrgDb } from './scope';
import { newId } from '../ids';
import { metrics } from '../metrics';
import { countedInRollups, d1Batch, rebuildCallHour } from './stats-rollups';

export type NewCallRecord = Omit<typeof calls.$inferInsert, 'id' | 'orgId' | 'createdAt'>;

/**
 * Idempotent by call_session_id: a replayed finish never writes a second record. A recording copied
 * before the record (a voicemail) is stored right after it, idempotent by its key.
 */
export async function insertCallRecordOnce(scope: OrgDb, input: NewCallRecord & Pick<CallRecordInput, 'recording'>): Promise<void> {
  metrics.callRecordWrites++;
  const { recording, ...record } = input;
  const insert = scope.db
    .insert(calls)
    .values({ ...record, id: newId('call'), orgId: scope.orgId })
    .onConflictDoNothing({ target: calls.callSessionId });
  // An inbound queue call: one batch, the record and its queue-hour's statistics rollup (a replay
  // rebuilds the same rows). Any other call is in no rollup: the record alone, one statement.
  if (countedInRollups(record)) await d1Batch(scope, [insert, ...rebuildCallHour(scope, { callSessionId: record.callSessionId })]);
  else await insert;
  if (recording) await insertRecordingForCall(scope, record.callSessionId, recording);
}
