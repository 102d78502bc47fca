// The retention window and the archive to R2 (issue 20 §3): call records (with their wrap-ups) and
// the audit log older than the org's window (orgs.call_retention_months, counted in the org's local
// months) leave D1 for R2 as gzip NDJSON parts per org and month, a bounded number of rows per cron
// tick. Each part is: rows read oldest first (one month at most), the object written, read back and
// verified, then recorded in archive_parts in the same D1 batch that deletes exactly those rows, so
// a run cut short anywhere leaves every row in D1 or in one recorded part, never lost, never twice
// (the next run picks the same rows, names the same key and overwrites the same object). Calls that
// still have a recording stay in D1 until the recording's own retention removes it. Each delete is
// one short transaction of at most PART_ROWS rows, and the job is paced (archiveOldRows): after each
// part it waits PAUSE_FACTOR times as long as the part took (D1 has one writer per database, so the
// pause is the room calls get), and a tick starts no part past its time (40 s of the cron minute) or
// its rows (TICK_ROWS), so two ticks never run at once.
import { sql } from 'drizzle-orm';
import { localDateOf, startOfLocalDay } from '../contact-center/periods';
import { globalDb } from '../db/client';
import { archiveParts, orgs } from '../db/schema';
import { dbFor, type OrgDb } from '../db/scope';
import { d1Batch } from '../db/stats-rollups';
import type { Bindings } from '../env';

/** Rows per R2 part (and per deleting transaction): small, so the single writer is never held long (200 measured beside calls in docs/capacity.md). */
export const PART_ROWS = 200;
/** Rows moved per cron tick at most, over every org. */
export const TICK_ROWS = 10_000;

/** How the job yields the database between parts (issue 20 §3: the archive must not block calls). */
export type Pace = {
  /** Rows per part; every part asks for exactly this many, so two runs name the same part alike. */
  partRows: number;
  /** After a part, wait this many times as long as the part took… */
  pauseFactor: number;
  /** …and never less than this (ms). */
  minPauseMs: number;
  /** No new part starts after this long (ms) into the tick; under the minute between cron ticks. */
  tickMs: number;
  /** No new part starts once a tick moved this many rows. */
  budget: number;
  sleep: (ms: number) => Promise<void>;
  /** A monotonic clock in ms (the job's pacing only; `now` decides what is past the window). */
  clock: () => number;
};

export const PACE: Pace = {
  partRows: PART_ROWS,
  pauseFactor: 3,
  minPauseMs: 100,
  tickMs: 40_000,
  budget: TICK_ROWS,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  clock: () => performance.now(),
};

export type Dataset = 'calls' | 'audit_log';
const DATASETS: Dataset[] = ['calls', 'audit_log'];

/** The org-local month (YYYY-MM) of an instant. */
export const monthOf = (at: number, tz: string) => localDateOf(at, tz).slice(0, 7);

/** The first instant of a local month, and of the month `delta` months later. */
export function monthStart(month: string, tz: string, delta = 0): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  const date = `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`;
  return startOfLocalDay(date, tz);
}

/** Rows before this instant are past the window: the start of the oldest kept month. */
export function retentionCutoff(now: number, tz: string, months: number): number {
  return monthStart(monthOf(now, tz), tz, -(Math.max(1, months) - 1));
}

export const partKey = (orgId: string, dataset: Dataset, month: string, firstAt: number, firstId: string) =>
  `archive/${orgId}/${dataset}/${month}/${String(firstAt).padStart(15, '0')}-${firstId}.ndjson.gz`;

type Row = Record<string, unknown> & { id: string; at: number };

const TIME: Record<Dataset, string> = { calls: 'started_at', audit_log: 'created_at' };

/** The oldest rows of the org past the cutoff, at most `limit`, all of the first one's month. */
async function oldestRows(scope: OrgDb, dataset: Dataset, cutoff: number, tz: string, limit: number): Promise<{ month: string; rows: Row[] }> {
  const time = sql.raw(TIME[dataset]);
  const rows =
    dataset === 'calls'
      ? await scope.db.all<Row>(
          sql`select c.*, c.started_at as at, (select json_object('categoryId', w.category_id, 'notes', w.notes, 'agentUserId', w.agent_user_id, 'createdAt', w.created_at, 'updatedAt', w.updated_at, 'updatedBy', w.updated_by) from wrap_ups w where w.call_id = c.id) as wrap_up
              from calls c where c.org_id = ${scope.orgId} and c.started_at < ${cutoff}
              and not exists (select 1 from recordings r where r.call_id = c.id)
              order by c.started_at, c.id limit ${limit}`,
        )
      : await scope.db.all<Row>(
          sql`select a.*, a.${time} as at from audit_log a where a.org_id = ${scope.orgId} and a.${time} < ${cutoff} order by a.${time}, a.id limit ${limit}`,
        );
  const first = rows[0];
  if (!first) return { month: '', rows: [] };
  const month = monthOf(first.at, tz);
  const end = monthStart(month, tz, 1);
  return { month, rows: rows.filter((r) => r.at < end) };
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function gunzipText(body: ReadableStream<Uint8Array> | ArrayBuffer): Promise<string> {
  const stream = body instanceof ArrayBuffer ? new Blob([body]).stream() : body;
  return new Response(stream.pipeThrough(new DecompressionStream('gzip'))).text();
}

/** One archived row as stored: the D1 row's columns (snake_case), the wrap-up parsed. */
function line(r: Row): string {
  const out: Record<string, unknown> = { ...r };
  delete out.at;
  for (const k of ['wrap_up', 'trace', 'detail']) if (typeof out[k] === 'string') out[k] = JSON.parse(out[k] as string) as unknown;
  return JSON.stringify(out);
}

/** Moves one part of one org and dataset; 0 when nothing is past the window. */
export async function archivePart(
  env: Bindings,
  org: { id: string; timezone: string; callRetentionMonths: number },
  dataset: Dataset,
  now: number,
  limit = PART_ROWS,
): Promise<number> {
  const scope = dbFor(env, org.id);
  const cutoff = retentionCutoff(now, org.timezone, org.callRetentionMonths);
  const { month, rows } = await oldestRows(scope, dataset, cutoff, org.timezone, limit);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return 0;
  const key = partKey(org.id, dataset, month, first.at, first.id);
  const body = await gzip(rows.map(line).join('\n') + '\n');
  await env.FILES.put(key, body, {
    httpMetadata: { contentType: 'application/x-ndjson', contentEncoding: 'gzip' },
    customMetadata: { rows: String(rows.length), month, dataset },
  });
  // Verify before anything leaves D1: the object reads back whole, with every row's id in order.
  const back = await env.FILES.get(key);
  if (!back) throw new Error(`archive part ${key} not readable after writing`);
  const ids = (await gunzipText(await back.arrayBuffer()))
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { id: string }).id);
  if (ids.length !== rows.length || ids.some((id, i) => id !== rows[i]?.id)) throw new Error(`archive part ${key} did not verify`);
  const idList = JSON.stringify(rows.map((r) => r.id));
  const record = scope.db
    .insert(archiveParts)
    .values({ r2Key: key, orgId: org.id, dataset, month, rows: rows.length, bytes: body.byteLength, firstAt: first.at, lastAt: last.at })
    .onConflictDoNothing();
  await d1Batch(
    scope,
    dataset === 'calls'
      ? [
          record,
          sql`delete from wrap_ups where org_id = ${org.id} and call_id in (select value from json_each(${idList}))`,
          sql`delete from calls where org_id = ${org.id} and id in (select value from json_each(${idList}))`,
        ]
      : [record, sql`delete from audit_log where org_id = ${org.id} and id in (select value from json_each(${idList}))`],
  );
  return rows.length;
}

/**
 * The cron tick's share: parts of every org past its window, paced (see Pace), until the tick's
 * rows or time are spent. Returns the rows moved; the next tick carries on where this one stopped.
 */
export async function archiveOldRows(env: Bindings, now: number, pace: Partial<Pace> = {}): Promise<number> {
  const p: Pace = { ...PACE, ...pace };
  const all = await globalDb(env).select({ id: orgs.id, timezone: orgs.timezone, callRetentionMonths: orgs.callRetentionMonths }).from(orgs).all();
  const start = p.clock();
  // Another part starts only within the tick's rows and time, its pause included.
  const more = (moved: number, pause: number) => moved < p.budget && p.clock() + pause - start < p.tickMs;
  let moved = 0;
  let pause = 0;
  for (const org of all) {
    for (const dataset of DATASETS) {
      while (more(moved, pause)) {
        // The pause comes before the next part, not after the last one: a tick ends when its work does.
        if (pause > 0) await p.sleep(pause);
        const t = p.clock();
        const n = await archivePart(env, org, dataset, now, p.partRows);
        pause = n === 0 ? 0 : Math.max(p.minPauseMs, p.pauseFactor * (p.clock() - t));
        moved += n;
        if (n === 0) break;
      }
    }
    if (!more(moved, pause)) break;
  }
  return moved;
}

/** The recorded parts of one org's dataset, newest first, optionally of one month or overlapping [from, to). */
export async function listParts(scope: OrgDb, dataset: Dataset, opts: { month?: string; from?: number; to?: number } = {}) {
  return scope.db.all<{ r2Key: string; month: string; rows: number; bytes: number; firstAt: number; lastAt: number }>(
    sql`select r2_key as r2Key, month, rows, bytes, first_at as firstAt, last_at as lastAt from archive_parts
        where org_id = ${scope.orgId} and dataset = ${dataset}
        ${opts.month ? sql`and month = ${opts.month}` : sql``}
        ${opts.to !== undefined ? sql`and first_at < ${opts.to}` : sql``}
        ${opts.from !== undefined ? sql`and last_at >= ${opts.from}` : sql``}
        order by last_at desc`,
  );
}

/** The rows of one part, as archived (snake_case columns). */
export async function readPart(env: Bindings, key: string): Promise<Record<string, unknown>[]> {
  const obj = await env.FILES.get(key);
  if (!obj) return [];
  return (await gunzipText(await obj.arrayBuffer()))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
