// What an import will do, decided before anything is saved (S17): which columns hold the name, the
// number and a memo (by header: 이름/성명, 전화번호/휴대폰/연락처, 메모/비고, or by content when there
// is no header), and each row accepted, a duplicate (twice in the file, or already in the group)
// or rejected with its reason. Pure: rows in, plan out.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

import { MEMO_MAX, NAME_MAX } from './limits';

/** Rows a chunk of the import API takes (worker/api/phonebook.ts CHUNK_MAX). */
export const CHUNK_ROWS = 200;

/** Column indexes; `headerRow` = the row index of the header, null when the sheet has none. */
export type Columns = { headerRow: number | null; name: number; number: number; memo: number | null };
export type RejectReason = 'no_name' | 'no_number' | 'bad_number' | 'name_too_long' | 'memo_too_long';
export type DuplicateReason = 'in_file' | 'in_group';
/** `line`: the row as the spreadsheet numbers it (1 = the first). */
export type PlannedRow = { line: number; name: string; number: string; memo: string | null };
export type ImportPlan = {
  columns: Columns;
  accepted: PlannedRow[];
  duplicates: (PlannedRow & { reason: DuplicateReason })[];
  rejected: { line: number; name: string; number: string; reason: RejectReason }[];
};

const NAME_HEADER = /^(이름|성명|성함|name|fullname|고객명|담당자|직원명|대상자)$/i;
const NUMBER_HEADER =
  /^(전화번호|휴대폰|휴대폰번호|휴대전화|휴대전화번호|핸드폰|핸드폰번호|연락처|번호|전화|phone|mobile|tel|telephone|number|phonenumber|mobilenumber)$/i;
const MEMO_HEADER = /^(메모|비고|memo|note|notes|참고)$/i;

const squash = (s: string) => s.replace(/[\s_\-.()[\]]/g, '');

/**
 * A number as typed in a sheet → E.164, or undefined. Hyphens, spaces and dots are optional. A
 * spreadsheet that stored a mobile as a number dropped its leading 0 (1012345678): nine or ten
 * digits without it get it back; eight-digit numbers (1588-1234) are whole as they are.
 */
export function sheetNumberToE164(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  let text = trimmed;
  if (/^\d{9,10}$/.test(trimmed) && !trimmed.startsWith('0') && !trimmed.startsWith('82')) text = `0${trimmed}`;
  const parsed = parsePhoneNumberFromString(text, 'KR');
  return parsed?.isValid() ? parsed.number : undefined;
}

function looksLikeNumber(cell: string): boolean {
  return /^[+\d][\d\s\-().]{6,}$/.test(cell) && sheetNumberToE164(cell) !== undefined;
}

/** The columns, from a header in the first five rows, else guessed from the first rows' content. */
export function detectColumns(rows: readonly string[][]): Columns | undefined {
  for (let r = 0; r < Math.min(rows.length, 5); r++) {
    const cells = (rows[r] ?? []).map(squash);
    const name = cells.findIndex((c) => NAME_HEADER.test(c));
    const number = cells.findIndex((c) => NUMBER_HEADER.test(c));
    if (name >= 0 && number >= 0) {
      const memo = cells.findIndex((c) => MEMO_HEADER.test(c));
      return { headerRow: r, name, number, memo: memo >= 0 ? memo : null };
    }
  }
  // No header: the column most of the first rows hold a phone number in, and the first other text column.
  const sample = rows.slice(0, 20);
  const width = Math.max(0, ...sample.map((r) => r.length));
  let number = -1;
  let best = 0;
  for (let c = 0; c < width; c++) {
    const hits = sample.filter((r) => looksLikeNumber(r[c] ?? '')).length;
    if (hits > best) [number, best] = [c, hits];
  }
  if (number < 0 || best < Math.ceil(sample.length / 2)) return undefined;
  let name = -1;
  for (let c = 0; c < width && name < 0; c++) if (c !== number && sample.some((r) => (r[c] ?? '') !== '' && !looksLikeNumber(r[c] ?? ''))) name = c;
  if (name < 0) return undefined;
  return { headerRow: null, name, number, memo: null };
}

/** Every row of the sheet (after the header) classified; `inGroup` = the E.164 numbers the chosen group already holds. */
export function planImport(rows: readonly string[][], columns: Columns, inGroup: ReadonlySet<string>): ImportPlan {
  const plan: ImportPlan = { columns, accepted: [], duplicates: [], rejected: [] };
  const seen = new Set<string>();
  for (let r = (columns.headerRow ?? -1) + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const name = (cells[columns.name] ?? '').trim();
    const raw = (cells[columns.number] ?? '').trim();
    const memo = columns.memo === null ? '' : (cells[columns.memo] ?? '').trim();
    const line = r + 1;
    if (!name && !raw && !memo) continue;
    const reject = (reason: RejectReason) => plan.rejected.push({ line, name, number: raw, reason });
    if (!name) reject('no_name');
    else if (!raw) reject('no_number');
    else if (name.length > NAME_MAX) reject('name_too_long');
    else if (memo.length > MEMO_MAX) reject('memo_too_long');
    else {
      const number = sheetNumberToE164(raw);
      if (!number) reject('bad_number');
      else {
        const row = { line, name, number, memo: memo || null };
        if (inGroup.has(number)) plan.duplicates.push({ ...row, reason: 'in_group' });
        else if (seen.has(number)) plan.duplicates.push({ ...row, reason: 'in_file' });
        else {
          seen.add(number);
          plan.accepted.push(row);
        }
      }
    }
  }
  return plan;
}

/** The accepted rows in the chunks the API takes, each with the index of its first row. */
export function chunksOf<T>(rows: readonly T[], size = CHUNK_ROWS): { firstRow: number; rows: T[] }[] {
  const out: { firstRow: number; rows: T[] }[] = [];
  for (let i = 0; i < rows.length; i += size) out.push({ firstRow: i, rows: rows.slice(i, i + size) });
  return out;
}
