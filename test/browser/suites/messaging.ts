// Messaging on a phone (issue 17: S12, S15, S16): a staff member types two numbers (one twice, one a
// landline), watches the byte counter name the kind, sends, sees the skipped numbers with their
// reasons, and finds the message delivered in the send log. Then a CSV imported into a group is
// sent to from the compose screen's phonebook picker (the group and one more contact), the send log
// shows its recipient count; the org admin edits the "send my safe number" text, and after a call
// the staff member's one tap on home sends it.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  apiSession,
  assertCleanScreen,
  assertNoPageErrors,
  expectText,
  login,
  navigate,
  newPage,
  PHONE,
  shot,
  type Suite,
  unique,
  type Ctx,
  sim,
} from '../helpers';
import type { Account } from '../server';

async function staffWithNumber(ctx: Ctx): Promise<Account & { e164: string }> {
  const admin = await apiSession(ctx, ctx.admin);
  const account: Account = { org: ctx.admin.org, loginId: `0508${unique()}`, password: 'Ready1!pw', name: `직원${unique()}` };
  const { user } = await admin<{ user: { id: string } }>('POST', '/admin/users', {
    loginId: account.loginId,
    name: account.name,
    role: 'staff',
    mobile: '010-4321-0002',
    password: 'Init1al!pw',
  });
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  await admin('POST', '/admin/numbers', { e164: `050-${digits.slice(0, 4)}-${digits.slice(4)}`, ownerUserId: user.id });
  const first = await apiSession(ctx, { ...account, password: 'Init1al!pw' });
  await first('POST', '/me/password', { currentPassword: 'Init1al!pw', newPassword: account.password });
  return { ...account, e164: `+8250${digits}` };
}

type SimMessage = { to: string; from: string; text: string };

/** The messages the carrier simulator accepted for these numbers (E.164), waiting until `count` are in. */
async function simMessagesTo(ctx: Ctx, numbers: readonly string[], count: number): Promise<SimMessage[]> {
  const wanted = new Set(numbers);
  for (let i = 0; ; i++) {
    const { messages } = await sim<{ messages: SimMessage[] }>(ctx, '/api/messages');
    const mine = messages.filter((m) => wanted.has(m.to));
    if (mine.length >= count || i >= 60) return mine;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A distinct mobile per call: 010-9xxx-xxxx from a random 7 digits. */
function mobile(): { national: string; e164: string } {
  const d = unique().slice(1);
  const national = `010-9${d.slice(0, 3)}-${d.slice(3)}`;
  return { national, e164: `+8210${national.slice(4).replace(/-/g, '')}` };
}

async function compose(page: Page, numbers: string, text: string): Promise<void> {
  const form = page.locator('main form.compose');
  await form.locator('textarea[name=numbers]').fill(numbers);
  await form.locator('textarea[name=text]').fill(text);
}

export const MESSAGING_SUITES: Suite[] = [
  {
    name: 'messaging on a phone: compose to typed numbers, the byte counter, skipped numbers, the send log',
    async run(ctx) {
      const account = await staffWithNumber(ctx);
      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, account);
        await page.goto('/messages');
        const tag = unique();
        const mobile = `010-7${tag.slice(-3).padStart(3, '0')}-${tag.slice(-4).padStart(4, '0')}`;
        await compose(page, `${mobile}\n${mobile}\n02-123-4567`, `${'가'.repeat(44)}ab`);
        await expectText(page.locator('[data-testid=byte-counter]'), /90\/90바이트 · 단문/);
        await page.locator('main form.compose textarea[name=text]').fill(`안내 ${tag} ${'가'.repeat(44)}`);
        await expectText(page.locator('[data-testid=byte-counter]'), /장문/);
        await shot(page, 'phone-messaging-compose');
        await page.locator('main form.compose button[type=submit]').click();
        await expectText(page.locator('main'), /보내지 않은 번호 2개/);
        await expectText(page.locator('main'), /중복된 번호입니다/);
        await expectText(page.locator('main'), /휴대전화 번호가 아닙니다/);
        await expectText(page.locator('main'), /1명 중 1명 보냄/, 15_000);

        await page.goto('/messages/log');
        await expectText(page.locator('.messages-log'), new RegExp(`안내 ${tag}`), 10_000);
        // Delivered comes from the carrier's message.finalized webhook.
        for (let i = 0; i < 20; i++) {
          if (/도착 1/.test(await page.locator('.messages-log').innerText())) break;
          await page.waitForTimeout(500);
          await page.reload();
        }
        await expectText(page.locator('.messages-log'), /1명 · 보냄 1 · 도착 1 · 실패 0/);
        await page.goto('/messages/log/numbers');
        await expectText(page.locator('.recipients-log'), new RegExp(mobile));
        await shot(page, 'phone-messaging-log');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'messaging on a phone: a CSV imported into a group, sent to from the compose picker with one more contact, its recipient count in the send log',
    async run(ctx) {
      const account = await staffWithNumber(ctx);
      const api = await apiSession(ctx, account);
      const tag = unique();
      const groupName = `수강생${tag.slice(-4)}`;
      const members = [mobile(), mobile(), mobile()];
      const single = mobile();
      await api('POST', '/phonebook/contacts', { name: `최개인${tag.slice(-3)}`, number: single.national, memo: null, groupId: null });
      const csv = ['이름,휴대폰', ...members.map((m, i) => `수강생${i + 1},${m.national}`)].join('\r\n');
      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, account);
        await page.goto('/phonebook/import');
        await page.locator('input[name=newGroup]').fill(groupName);
        await page.locator('input[type=file]').setInputFiles({ name: '명단.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
        await expectText(page.locator('#import-summary'), '저장할 연락처 3명');
        await page.locator('main button.primary', { hasText: '3명 저장하기' }).click();
        await expectText(page.locator('#import-done'), `3명을 ‘${groupName}’ 그룹에 저장했습니다.`, 15_000);

        // The picker: the group by its chip (with its member count), the single contact by search.
        await page.goto('/messages');
        await expectText(page.locator('[data-testid=recipient-count]'), '받는 사람 0명');
        await page.locator('button[name=openPicker]').click();
        const sheet = page.locator('.picker-sheet');
        await sheet.waitFor({ state: 'visible' });
        const chip = sheet.locator('button[name=pickGroup]', { hasText: groupName });
        await expectText(chip, `${groupName} 3명`);
        await chip.click();
        assert.equal(await chip.getAttribute('aria-pressed'), 'true');
        await sheet.locator('input[name=pickerSearch]').fill(`최개인${tag.slice(-3)}`);
        const row = sheet.locator('.picker-contacts li', { hasText: single.national });
        // The search narrows the list to the one contact.
        await page.waitForFunction(() => document.querySelectorAll('.picker-contacts li').length === 1);
        await row.waitFor();
        await row.locator('input[type=checkbox]').check();
        await expectText(sheet.locator('button[name=pickerDone]'), '고르기 완료 (4명)');
        await shot(page, 'phone-messaging-picker');
        await sheet.locator('button[name=pickerDone]').click();
        await sheet.waitFor({ state: 'detached' });

        // The list: the group with its size, the contact's name beside the number, a typed copy of it once.
        await page.locator('main form.compose textarea[name=numbers]').fill(single.national.replace(/-/g, ''));
        const list = page.locator('.recipient-lines');
        await expectText(list, `${groupName} 그룹 · 3명`);
        await expectText(list, `최개인${tag.slice(-3)} ${single.national}`);
        assert.equal(await list.locator('li').count(), 2);
        await expectText(page.locator('[data-testid=recipient-count]'), '받는 사람 4명');
        await assertCleanScreen(page);
        await shot(page, 'phone-messaging-recipients');

        await page.locator('main form.compose textarea[name=text]').fill(`그룹 안내 ${tag}`);
        await page.locator('main form.compose button[type=submit]').click();
        await expectText(page.locator('main'), /4명 중 4명 보냄/, 15_000);
        // The recipient list empties with the form.
        await expectText(page.locator('[data-testid=recipient-count]'), '받는 사람 0명');

        const sent = await simMessagesTo(
          ctx,
          [...members, single].map((m) => m.e164),
          4,
        );
        assert.deepEqual(sent.map((m) => m.to).sort(), [...members, single].map((m) => m.e164).sort(), 'each member and the contact got it once');
        assert.ok(sent.every((m) => m.text === `그룹 안내 ${tag}` && m.from === account.e164));

        await page.goto('/messages/log');
        const logRow = page.locator('.messages-log li', { hasText: `그룹 안내 ${tag}` });
        await expectText(logRow, /4명 · 보냄 \d · 도착 \d · 실패 0/, 10_000);
        await page.goto('/messages/log/numbers');
        await expectText(page.locator('.recipients-log'), `수강생1 (${members[0]?.national ?? ''})`);
        await shot(page, 'phone-messaging-group-log');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'messaging on a phone, send my safe number: the org admin edits the text with its preview and byte count; after a missed call the popup and home offer it, sent from home',
    async run(ctx) {
      const staff = await staffWithNumber(ctx);
      const tag = unique();
      const admin = await newPage(ctx, PHONE);
      const citizen = mobile();
      try {
        await login(admin.page, ctx.admin);
        await navigate(admin.page, '/admin/safe-number-sms');
        await expectText(admin.page.locator('h1'), '안심번호 문자 문구');
        const field = admin.page.locator('textarea[name=template]');
        await admin.page.waitForFunction(() =>
          (document.querySelector('textarea[name=template]') as HTMLTextAreaElement | null)?.value.includes('{safeNumber}'),
        );
        // The default text's size depends on the org's and the admin's names (this org's is long).
        await expectText(admin.page.locator('[data-testid=template-bytes]'), /^\d+\/(90|2,000)바이트 · (단문|장문)$/);

        // Characters no handset shows: flagged live and refused.
        await field.fill(`{name} 😀 {safeNumber}`);
        await expectText(admin.page.locator('[data-testid=template-bytes]'), '보낼 수 없는 글자');
        await admin.page.locator('form[data-form=safe-number-sms] button[type=submit]').click();
        await expectText(admin.page.locator('form[data-form=safe-number-sms] .field-error'), '문자로 보낼 수 없는 글자');

        // A long text turns the preview into 장문; the placeholders are filled in from the admin and the sample number.
        await field.fill(`{org} {name} 주무관입니다 ${tag}. `);
        await admin.page.locator('button[name=insert-safeNumber]').click();
        assert.match(await field.inputValue(), new RegExp(`${tag}\\. \\{safeNumber\\}$`));
        await expectText(admin.page.locator('[data-testid=template-preview]'), new RegExp(`주무관입니다 ${tag}\\. 050-1234-5678$`));
        await field.fill(`{safeNumber} ${'안내'.repeat(40)}`);
        await expectText(admin.page.locator('[data-testid=template-bytes]'), /장문/);
        await field.fill(`{org} {name} 주무관입니다 ${tag}. 안심번호 {safeNumber}`);
        await expectText(admin.page.locator('[data-testid=template-bytes]'), /단문/);
        await assertCleanScreen(admin.page);
        await shot(admin.page, 'phone-safe-number-sms-template');
        await admin.page.locator('form[data-form=safe-number-sms] button[type=submit]').click();
        await expectText(admin.page.locator('form[data-form=safe-number-sms]'), '문구를 저장했습니다.');

        // A call from a citizen nobody answers: the missed-call popup and home's latest call offer the one tap.
        const { page, context } = await newPage(ctx, PHONE);
        try {
          await login(page, staff);
          await page.waitForFunction(() => document.querySelector('.call-popups') !== null);
          await page.waitForTimeout(800);
          await sim(ctx, '/api/parties', { number: '+821043210002', answer: 'never' });
          await sim(ctx, '/api/calls', { from: citizen.e164, to: staff.e164, timeScale: 0.01 });
          await expectText(page.locator('.call-popup.call-missed button[name=sendSafeNumber]'), '내 안심번호 보내기', 15_000);
          await shot(page, 'phone-popup-send-safe-number');
          const recent = page.locator('[data-testid=recent-call-send]');
          for (let i = 0; i < 30 && !(await recent.isVisible()); i++) {
            await page.waitForTimeout(500);
            await page.reload();
          }
          await expectText(recent, `최근 통화: ${citizen.national}`);
          await shot(page, 'phone-home-send-safe-number');
          await recent.locator('button[name=sendSafeNumber]', { hasText: '내 안심번호 보내기' }).click();
          await expectText(recent, '안심번호를 문자로 보냈습니다.', 10_000);
          const [text] = await simMessagesTo(ctx, [citizen.e164], 1);
          assert.ok(text, 'the citizen got the text');
          assert.match(text.text, new RegExp(`^.+ ${staff.name} 주무관입니다 ${tag}\\. 안심번호 050-`));
          assert.equal(text.from, staff.e164);
          assertNoPageErrors(page);
        } finally {
          await context.close();
        }

        // Back to the default text.
        admin.page.once('dialog', (d) => void d.accept());
        await admin.page.locator('button[name=resetTemplate]').click();
        await expectText(admin.page.locator('form[data-form=safe-number-sms]'), '기본 문구로 되돌렸습니다.');
        assert.match(await field.inputValue(), /제 안심번호는 \{safeNumber\}/);
        assertNoPageErrors(admin.page);
      } finally {
        await admin.context.close();
      }
    },
  },
];
