// Phonebook files (S17) read and written as the browser does it: real XLS (97-2003), XLSX and CSV
// files made by the spreadsheet library, a CSV in CP949 as Korean Excel saves it (encoded by
// iconv-lite), columns found by Korean headers, each row accepted, a duplicate or rejected with its
// reason before anything is saved; a 10,000-row file imported through the API in chunks; and an
// export read back in both formats, with and without hyphens.
import { utils, write } from '@e965/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { exportFile, exportTable, type ExportRow } from '../../web/src/features/phonebook/export-file';
import { chunksOf, detectColumns, planImport, sheetNumberToE164 } from '../../web/src/features/phonebook/import-plan';
import { decodeText, readSheet } from '../../web/src/features/phonebook/read-sheet';
import { orgWithUser } from '../fixtures/orgs';

const HEADERS = { name: '이름', number: '전화번호', group: '그룹', memo: '메모' };

/** A sheet as people make them: a title line, Korean headers, numbers with and without hyphens, and mistakes. */
const SHEET: (string | number)[][] = [
  ['민원인 명단', '', ''],
  ['성명', '휴대폰', '비고'],
  ['김철수', '010-1234-5678', '1층'],
  ['이영희', '01098765432', ''],
  ['박민수', '02-123-4567', ''],
  ['최수진', 1055556666, '숫자 칸'],
  ['', '010-1111-2222', ''],
  ['정하나', '12345', ''],
  ['김철수', '010 1234 5678', '두 번'],
  ['한지민', '', ''],
  ['오세훈', '010-7777-8888', ''],
];

function workbook(rows: (string | number)[][]) {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(rows), '명단');
  return book;
}

const files = {
  xlsx: () => new Uint8Array(write(workbook(SHEET), { bookType: 'xlsx', type: 'array' }) as ArrayBuffer),
  xls: () => new Uint8Array(write(workbook(SHEET), { bookType: 'biff8', type: 'array' }) as ArrayBuffer),
  'csv utf-8': () => new TextEncoder().encode(`\uFEFF${utils.sheet_to_csv(utils.aoa_to_sheet(SHEET))}`),
  'csv cp949': () => new Uint8Array(iconv.encode(utils.sheet_to_csv(utils.aoa_to_sheet(SHEET)), 'cp949')),
};

describe('reading phonebook files', () => {
  for (const [format, make] of Object.entries(files)) {
    it(`${format}: finds the columns by Korean headers and plans every row before saving`, () => {
      const bytes = make();
      const { rows, encoding } = readSheet(bytes);
      expect(encoding).toBe(format === 'csv cp949' ? 'euc-kr' : format === 'csv utf-8' ? 'utf-8' : null);
      const columns = detectColumns(rows);
      expect(columns).toEqual({ headerRow: 1, name: 0, number: 1, memo: 2 });
      if (!columns) return;
      const plan = planImport(rows, columns, new Set(['+827077778888', '+821077778888']));
      expect(plan.accepted).toEqual([
        { line: 3, name: '김철수', number: '+821012345678', memo: '1층' },
        { line: 4, name: '이영희', number: '+821098765432', memo: null },
        { line: 5, name: '박민수', number: '+8221234567', memo: null },
        // A mobile typed into a number cell lost its leading 0; it comes back.
        { line: 6, name: '최수진', number: '+821055556666', memo: '숫자 칸' },
      ]);
      expect(plan.duplicates.map((d) => [d.line, d.name, d.reason])).toEqual([
        [9, '김철수', 'in_file'],
        [11, '오세훈', 'in_group'],
      ]);
      expect(plan.rejected.map((r) => [r.line, r.reason])).toEqual([
        [7, 'no_name'],
        [8, 'bad_number'],
        [10, 'no_number'],
      ]);
    });
  }

  it('tells UTF-8 from CP949 by the bytes: the same Korean text decodes the same either way', () => {
    const text = '이름,전화번호\r\n홍길동,010-1234-5678';
    const cp949 = new Uint8Array(iconv.encode(text, 'cp949'));
    expect(decodeText(cp949)).toEqual({ text, encoding: 'euc-kr' });
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    // CP949 beyond EUC-KR's 2,350 syllables (똠, 햏) as Korean Windows writes them.
    expect(decodeText(new Uint8Array(iconv.encode('똠햏,01012345678', 'cp949'))).text).toBe('똠햏,01012345678');
  });

  it('without a header, finds the number column by its content', () => {
    const rows = [
      ['홍길동', '010-1234-5678'],
      ['김영수', '010-2222-3333'],
    ];
    const columns = detectColumns(rows);
    expect(columns).toEqual({ headerRow: null, name: 0, number: 1, memo: null });
    if (columns) expect(planImport(rows, columns, new Set()).accepted.map((r) => r.line)).toEqual([1, 2]);
    expect(
      detectColumns([
        ['무엇', '어떤'],
        ['가', '나'],
      ]),
    ).toBeUndefined();
  });

  it('reads Korean numbers with hyphens optional, and refuses what is no number', () => {
    expect(sheetNumberToE164('010-1234-5678')).toBe('+821012345678');
    expect(sheetNumberToE164('010.1234.5678')).toBe('+821012345678');
    expect(sheetNumberToE164('1012345678')).toBe('+821012345678');
    expect(sheetNumberToE164('212345678')).toBe('+82212345678');
    expect(sheetNumberToE164('1588-1234')).toBe('+8215881234');
    expect(sheetNumberToE164('+82 10 1234 5678')).toBe('+821012345678');
    expect(sheetNumberToE164('123')).toBeUndefined();
    expect(sheetNumberToE164('전화없음')).toBeUndefined();
  });
});

describe('a 10,000-row import and an export, through the API', () => {
  it('imports 10,000 rows of an XLSX in chunks, then exports them as XLS and CSV with and without hyphens', { timeout: 120_000 }, async () => {
    const { client } = await orgWithUser('staff');
    const group = (await (await client.fetch('/api/phonebook/groups', { method: 'POST', json: { name: '대량' } })).json<{ group: { id: string } }>()).group;
    const rows = [
      ['이름', '연락처'],
      ...Array.from({ length: 10_000 }, (_, i) => [`주민${i}`, `010-${String(2000 + Math.floor(i / 10_000)).padStart(4, '0')}-${String(i).padStart(4, '0')}`]),
    ];
    const bytes = new Uint8Array(write(workbook(rows), { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);

    const sheet = readSheet(bytes);
    const columns = detectColumns(sheet.rows);
    expect(columns).toBeDefined();
    if (!columns) return;
    const plan = planImport(sheet.rows, columns, new Set());
    expect(plan.accepted).toHaveLength(10_000);
    const importId = crypto.randomUUID().replaceAll('-', '');
    let imported = 0;
    for (const chunk of chunksOf(plan.accepted.map((r) => ({ name: r.name, number: r.number, memo: r.memo })))) {
      const res = await client.fetch(`/api/phonebook/imports/${importId}/chunks`, { method: 'POST', json: { groupId: group.id, ...chunk } });
      expect(res.status).toBe(200);
      imported += (await res.json<{ imported: number }>()).imported;
    }
    const summary = await (await client.fetch(`/api/phonebook/imports/${importId}/finish`, { method: 'POST' })).json<{ imported: number; total: number }>();
    expect(imported).toBe(10_000);
    expect(summary).toEqual({ imported: 10_000, total: 10_000 });

    const exported = (await (await client.fetch(`/api/phonebook/export?group=${group.id}`)).json<{ contacts: ExportRow[] }>()).contacts;
    expect(exported).toHaveLength(10_000);
    for (const [format, hyphens] of [
      ['xls', true],
      ['csv', false],
    ] as const) {
      {
        const file = exportFile(exportTable(exported, HEADERS, hyphens), format);
        const back = readSheet(file.bytes).rows;
        expect(back[0]).toEqual(['이름', '전화번호', '그룹', '메모']);
        expect(back).toHaveLength(10_001);
        const one = back.find((r) => r[0] === '주민42');
        expect(one).toEqual(['주민42', hyphens ? '010-2000-0042' : '01020000042', '대량', '']);
      }
    }
  });
});
