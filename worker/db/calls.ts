// Call records (S13, B1): written once per finished call session by its CallSession.
import { calls } from './schema';
import type { OrgDb } from './scope';
import { newId } from '../ids';

export type NewCallRecord = Omit<typeof calls.$inferInsert, 'id' | 'orgId' | 'createdAt'>;

/** Call records written by this isolate; the simulator's stats endpoint reports it for the bench. */
export const callRecordWrites = { count: 0 };

/** Idempotent by call_session_id: a replayed finish never writes a second record. */
export async function insertCallRecordOnce(scope: OrgDb, record: NewCallRecord): Promise<void> {
  callRecordWrites.count++;
  await scope.db
    .insert(calls)
    .values({ ...record, id: newId('call'), orgId: scope.orgId })
    .onConflictDoNothing({ target: calls.callSessionId });
}
