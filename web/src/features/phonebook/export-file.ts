// Writing a phonebook export in the browser (S17): XLS (97-2003, what every office PC opens) or CSV
// (UTF-8 with a BOM, so Excel shows Korean), numbers with or without hyphens. Cells are text, so a
// number keeps its leading 0. Loaded on demand, like the reader.
import { utils, write } from '@e965/xlsx';
import type { ExportedContact } from '../../../../contract/phonebook';

export type ExportFormat = 'xls' | 'csv';
export type ExportRow = ExportedContact;
export type ExportHeaders = { name: string; number: string; group: string; memo: string };

/** The rows as a sheet: a header, then name, number, group and memo. */
export function exportTable(rows: readonly ExportRow[], headers: ExportHeaders, hyphens: boolean): string[][] {
  return [
    [headers.name, headers.number, headers.group, headers.memo],
    ...rows.map((r) => [r.name, hyphens ? r.number.national : r.number.national.replace(/\D/g, ''), r.group ?? '', r.memo ?? '']),
  ];
}

export function exportFile(table: string[][], format: ExportFormat): { bytes: Uint8Array<ArrayBuffer>; type: string } {
  const sheet = utils.aoa_to_sheet(table);
  if (format === 'csv') {
    const csv = utils.sheet_to_csv(sheet, { RS: '\r\n' });
    return { bytes: new Uint8Array(new TextEncoder().encode(`\uFEFF${csv}\r\n`)), type: 'text/csv;charset=utf-8' };
  }
  const book = utils.book_new();
  utils.book_append_sheet(book, sheet, '전화번호부');
  const out = write(book, { bookType: 'biff8', type: 'array' }) as ArrayBuffer;
  return { bytes: new Uint8Array(out), type: 'application/vnd.ms-excel' };
}
