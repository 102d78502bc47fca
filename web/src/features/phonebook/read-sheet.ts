// Reading a phonebook file in the browser (S17): XLS (97-2003) and XLSX through SheetJS, CSV as
// text first — UTF-8 (with or without BOM) or CP949/EUC-KR, which Korean Excel writes — so the
// worker never parses a spreadsheet. Loaded on demand (the library stays out of the main bundle).
import { read, utils } from '@e965/xlsx';

/** A cell as text: raw:false gives strings; anything else (a stray object) counts as empty. */
const cellText = (cell: unknown): string => (typeof cell === 'string' ? cell.trim() : typeof cell === 'number' ? String(cell) : '');

export type SheetEncoding = 'utf-8' | 'euc-kr';

/** XLSX (a ZIP) and XLS (an OLE compound file) by their first bytes; anything else is read as text. */
function isBinaryWorkbook(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const cfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || cfb;
}

/**
 * The text of a CSV: UTF-8 when the bytes are valid UTF-8 (a BOM dropped), else CP949. The
 * Encoding Standard maps the label `euc-kr` to windows-949, which covers what Korean Excel writes.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: SheetEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('euc-kr').decode(bytes), encoding: 'euc-kr' };
  }
}

/** The first sheet's cells as text, row by row (empty cells ''), and the CSV encoding when it was text. */
export function readSheet(bytes: Uint8Array): { rows: string[][]; encoding: SheetEncoding | null } {
  let encoding: SheetEncoding | null = null;
  let workbook;
  if (isBinaryWorkbook(bytes)) {
    workbook = read(bytes, { type: 'array', dense: true });
  } else {
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    // raw: cells stay the text written (01012345678 keeps its leading 0).
    workbook = read(decoded.text, { type: 'string', raw: true, dense: true });
  }
  const first = workbook.SheetNames[0];
  const sheet = first === undefined ? undefined : workbook.Sheets[first];
  if (!sheet) return { rows: [], encoding };
  const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: false });
  return { rows: rows.map((r) => r.map(cellText)), encoding };
}
