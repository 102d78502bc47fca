// CSV export (pure): RFC 4180 quoting, Korean text behind a BOM for Excel, formula-looking text defused.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../worker/contact-center/csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks; doubles inner quotes', () => {
    expect(csvCell('민원, 상담')).toBe('"민원, 상담"');
    expect(csvCell('그가 "네"라고')).toBe('"그가 ""네""라고"');
    expect(csvCell('첫 줄\n둘째 줄')).toBe('"첫 줄\n둘째 줄"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes numbers as numbers and null/NaN as empty', () => {
    expect(csvCell(0.875)).toBe('0.875');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, but not signed numbers or E.164 numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-3.5')).toBe('-3.5');
    expect(csvCell('+821012345678')).toBe('+821012345678');
  });

  it('a file: BOM, header, CRLF rows, Korean intact', () => {
    const text = toCsv(
      ['상담사', '응답'],
      [
        ['김상담', 3],
        ['이, 상담', null],
      ],
    );
    expect(text).toBe('\uFEFF상담사,응답\r\n김상담,3\r\n"이, 상담",\r\n');
    const bytes = new TextEncoder().encode(text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });
});
