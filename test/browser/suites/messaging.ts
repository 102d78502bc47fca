// Messaging on a phone (issue 17: S15, S16): a staff member types two numbers (one twice, one a
// landline), watches the byte counter name the kind, sends, sees the skipped numbers with their
// reasons, and finds the message delivered in the send log.
import type { Page } from 'playwright-core';
import { apiSession, assertNoPageErrors, expectText, login, newPage, PHONE, shot, type Suite, unique, type Ctx } from '../helpers';
import type { Account } from '../server';

async function staffWithNumber(ctx: Ctx): Promise<Account> {
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
  return account;
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
];
