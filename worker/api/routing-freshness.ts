// After a setting the routing snapshot compiles in changes: mark the affected snapshots stale, so
// the very next call rebuilds its snapshot before deciding (worker/db/routing-snapshots.ts), and
// rebuild them in the background so later calls need not. List changes need nothing: lists are
// read beside the snapshot, not in it.
import type { Context } from 'hono';
import { markOrgSnapshotsStale, markTeamSnapshotsStale, markUserSnapshotsStale, refreshSnapshots } from '../db/snapshot-refresh';
import type { AppEnv } from '../env';

export type Affected = { userId: string } | { teamId: string } | 'org';

export async function routingChanged(c: Context<AppEnv>, affected: Affected): Promise<void> {
  const scope = c.get('scope');
  if (affected === 'org') await markOrgSnapshotsStale(scope);
  else if ('userId' in affected) await markUserSnapshotsStale(scope, affected.userId);
  else await markTeamSnapshotsStale(scope, affected.teamId);
  c.executionCtx.waitUntil(refreshSnapshots(c.env));
}
