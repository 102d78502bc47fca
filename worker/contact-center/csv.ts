// CSV export (C10): RFC 4180 quoting, CRLF rows, and a UTF-8 byte-order mark so Excel opens Korean
// text as UTF-8 instead of the system code page. Text cells that a spreadsheet would run as a formula
// (=, +, -, @, tab, CR at the start) get a leading apostrophe; numbers and phone-like values do not. PURE.

export type CsvCell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
/** +82 10 1234 5678, -3.5, +1,000: values, not formulas. */
const NUMBER_LIKE = /^[+-]?[\d.,\s()-]+$/;

/** One cell as CSV text. Numbers keep their JavaScript spelling; null/undefined/NaN are empty. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (FORMULA_START.test(text) && !NUMBER_LIKE.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: header row then data rows, CRLF line ends, BOM first unless `bom: false`. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], opts: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${opts.bom === false ? '' : BOM}${lines.join('\r\n')}\r\n`;
}
