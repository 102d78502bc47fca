// History across the retention window (issue 20 §3): a staff member's call history page (S13) read
// from D1 and, where the page reaches months archived to R2, from the archive's parts too, merged in
// the same order (newest first, then id) with the same filters, so a client pages on without knowing
// where a month lives. Parts are read only when their time range meets the page's.
import type { CallFilter, CallHistoryRow } from '../db/call-history';
import type { OrgDb } from '../db/scope';
import type { Bindings } from '../env';
import { listParts, readPart } from './job';

const HISTORY_KINDS = new Set(['safe_number', 'masked_outbound']);

const num = (x: unknown) => (typeof x === 'number' ? x : null);
const str = (x: unknown) => (typeof x === 'string' ? x : null);

/** An archived calls row (snake_case, as stored) in the shape of a history row. */
function historyRow(r: Record<string, unknown>): CallHistoryRow {
  return {
    id: String(r.id),
    kind: String(r.kind) as CallHistoryRow['kind'],
    direction: String(r.direction) as CallHistoryRow['direction'],
    numberId: str(r.number_id),
    fromNumber: String(r.from_number),
    toNumber: String(r.to_number),
    startedAt: Number(r.started_at),
    answeredAt: num(r.answered_at),
    endedAt: num(r.ended_at),
    outcome: String(r.outcome),
    waitMs: num(r.wait_ms),
    durationMs: num(r.duration_ms),
    trace: Array.isArray(r.trace) ? (r.trace as unknown[]) : null,
    hangupCause: str(r.hangup_cause),
    hangupSource: str(r.hangup_source),
    // The phonebook name is looked up live for D1 rows; an archived month shows the number.
    callerName: null,
  };
}

const newerFirst = (a: { startedAt: number; id: string }, b: { startedAt: number; id: string }) =>
  b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The page `d1Rows` (callHistoryPage's answer for `f`) completed from archived months. */
export async function withArchivedHistory(
  env: Bindings,
  scope: OrgDb,
  ownerUserId: string,
  f: CallFilter,
  d1Rows: CallHistoryRow[],
): Promise<CallHistoryRow[]> {
  const last = d1Rows.at(-1);
  // A full D1 page needs only archived rows newer than its last row; a short one, everything older too.
  const from = d1Rows.length === f.limit && last ? last.startedAt : f.since;
  const upper = Math.min(f.until ?? Infinity, f.before ? f.before.startedAt + 1 : Infinity);
  const parts = await listParts(scope, 'calls', { from, to: Number.isFinite(upper) ? upper : undefined });
  if (!parts.length) return d1Rows;
  const outcomes = f.outcomes?.length ? new Set(f.outcomes) : null;
  const seen = new Set(d1Rows.map((r) => r.id));
  const extra: CallHistoryRow[] = [];
  for (const p of parts) {
    for (const raw of await readPart(env, p.r2Key)) {
      if (raw.owner_user_id !== ownerUserId || !HISTORY_KINDS.has(String(raw.kind))) continue;
      const row = historyRow(raw);
      if (seen.has(row.id)) continue;
      if (f.since !== undefined && row.startedAt < f.since) continue;
      if (f.until !== undefined && row.startedAt >= f.until) continue;
      if (outcomes && !outcomes.has(row.outcome)) continue;
      if (f.before && !(row.startedAt < f.before.startedAt || (row.startedAt === f.before.startedAt && row.id < f.before.id))) continue;
      extra.push(row);
    }
  }
  return [...d1Rows, ...extra].sort(newerFirst).slice(0, f.limit);
}
