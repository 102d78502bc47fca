// The phonebook import (S17) for `npm run bench`: a 10,000-row XLSX written by the spreadsheet
// library, read and planned by the browser's own modules (web/src/features/phonebook), then sent
// to the running worker in the API's chunks. Reports the parse and the upload apart: the first is
// the browser's work, the second the worker's and D1's. Called from main.ts with the worker up.
import { createHash, randomBytes } from 'node:crypto';
import { utils, write } from '@e965/xlsx';
import { chunksOf, detectColumns, planImport } from '../../web/src/features/phonebook/import-plan';
import { readSheet } from '../../web/src/features/phonebook/read-sheet';
import { d1ExecuteFile, sqlText, type Target } from '../lib/wrangler';
import type { Worker } from './workerd';

export type PhonebookBenchContext = {
  target: Target;
  worker: Pick<Worker, 'directUrl' | 'direct'>;
  /** A seeded user of the bench org whose phonebook takes the rows. */
  userId: string;
  orgId: string;
  rows?: number;
};

export type PhonebookBenchResult = { rows: number; imported: number; chunks: number; parseMs: number; uploadMs: number; chunkP50Ms: number };

const ROWS = 10_000;

async function sessionCookie(ctx: PhonebookBenchContext): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('base64');
  const now = Date.now();
  await d1ExecuteFile(ctx.target, [
    `INSERT INTO sessions (token_hash, org_id, user_id, created_at, last_seen_at, expires_at) VALUES (${sqlText(hash)}, ${sqlText(ctx.orgId)}, ${sqlText(ctx.userId)}, ${now}, ${now}, ${now + 8 * 3600_000})`,
  ]);
  return `sid=${token}`;
}

export async function benchPhonebook(ctx: PhonebookBenchContext): Promise<PhonebookBenchResult> {
  const count = ctx.rows ?? ROWS;
  const sheet = [
    ['성명', '휴대폰'],
    ...Array.from({ length: count }, (_, i) => [`주민${i}`, `010-3${String(i).padStart(3, '0').slice(-3)}-${String(i).padStart(4, '0')}`]),
  ];
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(sheet), '명단');
  const bytes = new Uint8Array(write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);

  const parseStart = performance.now();
  const { rows } = readSheet(bytes);
  const columns = detectColumns(rows);
  if (!columns) throw new Error('phonebook bench: no columns found');
  const plan = planImport(rows, columns, new Set());
  const parseMs = performance.now() - parseStart;

  const cookie = await sessionCookie(ctx);
  const headers = { ...ctx.worker.direct, cookie, 'content-type': 'application/json', origin: ctx.worker.directUrl };
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${ctx.worker.directUrl}/api/phonebook${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`phonebook bench: ${method} ${p} → ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { group } = (await api('POST', '/groups', { name: `벤치-${Date.now()}` })) as { group: { id: string } };
  const importId = randomBytes(16).toString('hex');
  const chunks = chunksOf(plan.accepted.map((r) => ({ name: r.name, number: r.number, memo: r.memo })));
  const chunkMs: number[] = [];
  const uploadStart = performance.now();
  for (const chunk of chunks) {
    const t = performance.now();
    await api('POST', `/imports/${importId}/chunks`, { groupId: group.id, ...chunk });
    chunkMs.push(performance.now() - t);
  }
  const { imported } = (await api('POST', `/imports/${importId}/finish`, {})) as { imported: number };
  const uploadMs = performance.now() - uploadStart;
  const sorted = [...chunkMs].sort((a, b) => a - b);
  return { rows: count, imported, chunks: chunks.length, parseMs, uploadMs, chunkP50Ms: sorted[Math.floor(sorted.length / 2)] ?? NaN };
}
