// Customer center suites (S19): notices urgent first, FAQ that opens, files uploaded by the admin
// and downloaded by staff, inquiries asked by staff (validated) and answered by the admin.
import assert from 'node:assert/strict';
import { assertCleanScreen, assertNoPageErrors, expectText, login, newPage, readyStaff, shot, type Suite, unique } from '../helpers';

export const HELP_SUITES: Suite[] = [
  {
    name: 'customer center: urgent notices first, FAQ opens, staff download what the admin uploaded',
    async run(ctx) {
      const staff = await readyStaff(ctx);
      const admin = await newPage(ctx);
      const user = await newPage(ctx);
      try {
        const a = admin.page;
        await login(a, ctx.admin);
        await a.goto('/help/notices');
        const post = a.locator('form[aria-labelledby=notice-new]');
        const normal = `정기 점검 안내 ${unique()}`;
        const urgent = `긴급 장애 안내 ${unique()}`;
        await post.locator('input[name=title]').fill(normal);
        await post.locator('textarea[name=body]').fill('토요일 02시에 점검합니다.');
        await post.locator('button[type=submit]').click();
        await a.locator('.notice', { hasText: normal }).waitFor();
        await post.locator('input[name=title]').fill(urgent);
        await post.locator('textarea[name=body]').fill('첫 줄\n둘째 줄 <i>그대로</i>');
        await post.locator('input[name=urgent]').check();
        await post.locator('button[type=submit]').click();
        await a.locator('.notice.urgent', { hasText: urgent }).waitFor();

        await a.goto('/help/faq');
        const faq = a.locator('form[aria-labelledby=faq-new]');
        const question = `안심번호를 일시중지하려면? ${unique()}`;
        await faq.locator('input[name=question]').fill(question);
        await faq.locator('textarea[name=answer]').fill('안심번호 설정에서 일시중지를 누르세요.');
        await faq.locator('button[type=submit]').click();
        await a.locator('.notice', { hasText: question }).waitFor();

        await a.goto('/help/files');
        const upload = a.locator('form[aria-labelledby=file-new]');
        await upload.locator('button[type=submit]').click();
        assert.equal(await upload.locator('.field-error').count(), 2); // title and file, before sending
        const title = `견적서 양식 ${unique()}`;
        await upload.locator('input[name=title]').fill(title);
        await upload.locator('input[name=file]').setInputFiles({ name: 'estimate.txt', mimeType: 'text/plain', buffer: Buffer.from('견적서 내용') });
        await upload.locator('button[type=submit]').click();
        await a.locator('.list .row', { hasText: title }).waitFor();

        const u = user.page;
        await login(u, staff);
        await u.goto('/help');
        const items = u.locator('.notices .notice');
        await expectText(items.first(), urgent);
        assert.match((await items.first().getAttribute('class')) ?? '', /urgent/);
        await items.first().locator('summary').click();
        await expectText(items.first(), '<i>그대로</i>');
        assert.equal(await u.locator('.notices i').count(), 0);
        assert.equal(await u.locator('form[aria-labelledby=notice-new]').count(), 0); // staff do not post
        await shot(u, 'desktop-help-notices-staff');
        await assertCleanScreen(u);

        await u.locator('.tabs a[href="/help/faq"]').click();
        const entry = u.locator('.notice', { hasText: question });
        await entry.locator('summary').click();
        await expectText(entry, '일시중지를 누르세요');

        await u.locator('.tabs a[href="/help/files"]').click();
        const file = u.locator('.list .row', { hasText: title });
        const [download] = await Promise.all([u.waitForEvent('download'), file.locator('a', { hasText: '다운로드' }).click()]);
        const stream = await download.createReadStream();
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        assert.equal(Buffer.concat(chunks).toString(), '견적서 내용');
        assertNoPageErrors(a);
        assertNoPageErrors(u);
      } finally {
        await admin.context.close();
        await user.context.close();
      }
    },
  },
  {
    name: 'inquiries: staff must give organisation, department and safe number; the admin answers',
    async run(ctx) {
      const staff = await readyStaff(ctx);
      const user = await newPage(ctx);
      const admin = await newPage(ctx);
      try {
        const u = user.page;
        await login(u, staff);
        await u.goto('/help/inquiries');
        const ask = u.locator('form[aria-labelledby=ask-title]');
        // Both may be prefilled (org name; the login ID when it is a phone number): empty them.
        await ask.locator('input[name=orgName]').fill('');
        await ask.locator('input[name=safeNumber]').fill('');
        await ask.locator('button[type=submit]').click();
        for (const f of ['orgName', 'department', 'safeNumber', 'title', 'body']) {
          assert.equal(await ask.locator(`input[name=${f}][aria-invalid=true], textarea[name=${f}][aria-invalid=true]`).count(), 1, f);
        }
        const title = `번호 변경 문의 ${unique()}`;
        await ask.locator('input[name=orgName]').fill('서울시청');
        await ask.locator('input[name=department]').fill('민원봉사과');
        await ask.locator('input[name=safeNumber]').fill('050-7123-4567');
        await ask.locator('input[name=title]').fill(title);
        await ask.locator('textarea[name=body]').fill('연결 번호를 바꾸고 싶습니다.');
        await ask.locator('button[type=submit]').click();
        const mine = u.locator('.notice', { hasText: title });
        await expectText(mine, '답변 대기');
        await shot(u, 'desktop-help-inquiry-sent');

        const a = admin.page;
        await login(a, ctx.admin);
        await a.goto('/help/inquiries');
        const theirs = a.locator('.notice', { hasText: title });
        await theirs.locator('summary').click();
        await expectText(theirs, '민원봉사과');
        await theirs.locator('textarea[name=answer]').fill('개인정보 수정에서 바꿀 수 있습니다.');
        await theirs.locator('button[type=submit]').click();
        await expectText(theirs, '답변 완료');

        await u.reload();
        await expectText(mine, '답변 완료');
        await mine.locator('summary').click();
        await expectText(mine, '개인정보 수정에서 바꿀 수 있습니다.');
        assertNoPageErrors(u);
        assertNoPageErrors(a);
      } finally {
        await user.context.close();
        await admin.context.close();
      }
    },
  },
];
