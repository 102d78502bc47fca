// Call records (S13, B1): written once per finished call session by its CallSession.
import { calls } from './schema';
import type { OrgDb } from './scope';
import { newId } from '../ids';
import { metrics } from '../metrics';

export type NewCallRecord = Omit<typeof calls.$inferInsert, 'id' | 'orgId' | 'createdAt'>;

/** Idempotent by call_session_id: a replayed finish never writes a second record. */
export async function insertCallRecordOnce(scope: OrgDb, record: NewCallRecord): Promise<void> {
  metrics.callRecordWrites++;
  await scope.db
    .insert(calls)
    .values({ ...record, id: newId('call'), orgId: scope.orgId })
    .onConflictDoNothing({ target: calls.callSessionId });
}
