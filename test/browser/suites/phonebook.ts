// The phonebook on a phone (issue 17 §5): a CSV saved by Korean Excel (CP949) is imported into a
// new group — the preview lists what will be saved, the duplicate and the row left out before
// anything is saved — then the contacts are in the list with 전화 걸기 and 문자; an export of the
// group downloads a CSV without hyphens and an XLS with them, holding exactly the group's rows.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { read, utils } from '@e965/xlsx';
import iconv from 'iconv-lite';
import {
  apiSession,
  assertCleanScreen,
  assertNoPageErrors,
  expectText,
  login,
  navigate,
  newPage,
  PHONE,
  readyStaff,
  shot,
  type Suite,
  unique,
} from '../helpers';

const CSV = [
  '이름,휴대폰,비고',
  '김민원,010-2345-6789,첫 방문',
  '이수강,01034567890,',
  '박주민,02-345-6789,',
  '김민원,010 2345 6789,두 번째',
  '최번호,12345,',
].join('\r\n');

export const PHONEBOOK_SUITES: Suite[] = [
  {
    name: 'phonebook on a phone: import a CP949 CSV into a new group after a preview, see the contacts, export CSV and XLS',
    async run(ctx) {
      const account = await readyStaff(ctx);
      const api = await apiSession(ctx, account);
      const groupName = `수강생${unique()}`;
      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, account);
        await navigate(page, '/phonebook');
        await expectText(page.locator('h1'), '전화번호부');
        await page.locator('a[href="/phonebook/import"]').click();
        await page.waitForURL('**/phonebook/import');

        await page.locator('input[name=newGroup]').fill(groupName);
        await page.locator('input[type=file]').setInputFiles({ name: '명단.csv', mimeType: 'text/csv', buffer: iconv.encode(CSV, 'cp949') });
        await expectText(page.locator('#import-summary'), '저장할 연락처 3명 · 중복 1건 · 제외 1건');
        await expectText(page.locator('main'), 'CSV 인코딩: CP949');
        await expectText(page.locator('.duplicates'), '5행');
        await expectText(page.locator('.duplicates'), '파일 안에서 같은 번호가 앞에 있음');
        await expectText(page.locator('.rejected'), '6행');
        await expectText(page.locator('.rejected'), '전화번호 형식이 아님');
        await assertCleanScreen(page);
        await shot(page, 'phone-phonebook-import-preview');
        // Nothing is saved before the button.
        const before = await api<{ groups: { name: string }[] }>('GET', '/phonebook/groups');
        assert.equal(before.groups.filter((g) => g.name === groupName).length, 0);

        await page.locator('main button.primary', { hasText: '3명 저장하기' }).click();
        await expectText(page.locator('#import-done'), `3명을 ‘${groupName}’ 그룹에 저장했습니다.`, 15_000);
        assert.equal(await page.locator('#import-progress').getAttribute('value'), '3');
        await shot(page, 'phone-phonebook-import-done');

        await page.locator('main a.back[href="/phonebook"]').click();
        await page.waitForURL((u) => u.pathname === '/phonebook');
        await page.locator('.chips button', { hasText: groupName }).click();
        const rows = page.locator('ul.contacts li');
        await expectText(page.locator('ul.contacts'), '박주민');
        assert.equal(await rows.count(), 3);
        await expectText(page.locator('ul.contacts'), '010-2345-6789');
        await expectText(page.locator('ul.contacts'), '첫 방문');
        const kim = rows.filter({ hasText: '김민원' });
        assert.equal(await kim.locator('a', { hasText: '전화 걸기' }).getAttribute('href'), '/call?to=%2B821023456789');
        assert.equal(await kim.locator('a', { hasText: '문자' }).getAttribute('href'), '/messages?to=%2B821023456789');
        await shot(page, 'phone-phonebook-list');

        // Export the group: CSV without hyphens, then XLS with them.
        const exportCard = page.locator('form[aria-labelledby=export-title]');
        await exportCard.locator('select[name=groupId]').selectOption({ label: groupName });
        await exportCard.locator('select[name=format]').selectOption('csv');
        await exportCard.locator('input[name=hyphens]').uncheck();
        const [csvDownload] = await Promise.all([page.waitForEvent('download'), exportCard.locator('button[type=submit]').click()]);
        assert.match(csvDownload.suggestedFilename(), /\.csv$/);
        const csvText = (await readFile(await csvDownload.path())).toString('utf8').replace(/^\uFEFF/, '');
        const csvRows = csvText.trim().split(/\r\n/);
        assert.deepEqual(csvRows, [
          '이름,전화번호,그룹,메모',
          `김민원,01023456789,${groupName},첫 방문`,
          `박주민,023456789,${groupName},`,
          `이수강,01034567890,${groupName},`,
        ]);

        await exportCard.locator('select[name=format]').selectOption('xls');
        await exportCard.locator('input[name=hyphens]').check();
        const [xlsDownload] = await Promise.all([page.waitForEvent('download'), exportCard.locator('button[type=submit]').click()]);
        assert.match(xlsDownload.suggestedFilename(), /\.xls$/);
        const book = read(await readFile(await xlsDownload.path()), { type: 'buffer' });
        const sheet = book.Sheets[book.SheetNames[0] ?? ''];
        assert.ok(sheet, 'the XLS has a sheet');
        const xlsRows = utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
        assert.deepEqual(xlsRows, [
          ['이름', '전화번호', '그룹', '메모'],
          ['김민원', '010-2345-6789', groupName, '첫 방문'],
          ['박주민', '02-345-6789', groupName, ''],
          ['이수강', '010-3456-7890', groupName, ''],
        ]);
        await expectText(exportCard, '3명을 내보냈습니다.');

        // The contact's 전화 걸기 opens the dial pad with the number, its 문자 the compose screen with it.
        await kim.locator('a', { hasText: '전화 걸기' }).click();
        await page.waitForURL((u) => u.pathname === '/call');
        assert.equal(await page.locator('input#outbound-to').inputValue(), '010-2345-6789');
        await page.goBack();
        await page.locator('.chips button', { hasText: groupName }).click();
        await kim.locator('a', { hasText: '문자' }).click();
        await page.waitForURL((u) => u.pathname === '/messages');
        assert.equal(await page.locator('textarea[name=numbers]').inputValue(), '+821023456789');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
];
