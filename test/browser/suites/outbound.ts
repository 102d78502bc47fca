// Masked outbound calls on a phone (issue 17): 전화 걸기 on a phonebook contact opens the dial pad
// with the number and places the call; the carrier simulator rings the staff member's mobile, then
// the citizen, who answers; the history lists it as 발신 with the contact's name beside the number
// and its outcome. 전화 걸기 on that history row calls again; the citizen declines this time, and the
// history says so — in Korean, then in English.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiSession, assertCleanScreen, assertNoPageErrors, type Ctx, expectText, login, navigate, newPage, PHONE, shot, type Suite, unique } from '../helpers';
import type { Account } from '../server';

const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
const national = (e164: string) => `0${e164.slice(3, 5)}-${e164.slice(5, 9)}-${e164.slice(9)}`;

/** A staff member with a mobile and a safe number (their calls' caller ID), and an access number for the org. */
async function caller(ctx: Ctx) {
  const admin = await apiSession(ctx, ctx.admin);
  const mobile = `+8210${digits(8)}`;
  const account: Account = { org: ctx.admin.org, loginId: `0507${unique()}`, password: 'Ready1!pw', name: `직원${unique()}` };
  const { user } = await admin<{ user: { id: string } }>('POST', '/admin/users', {
    loginId: account.loginId,
    name: account.name,
    role: 'staff',
    mobile: national(mobile),
    password: 'Init1al!pw',
  });
  await admin('POST', '/admin/numbers', { e164: `050${digits(8)}`, ownerUserId: user.id });
  await admin('POST', '/admin/numbers', { e164: `070${digits(8)}`, kind: 'access' });
  const first = await apiSession(ctx, { ...account, password: 'Init1al!pw' });
  await first('POST', '/me/password', { currentPassword: 'Init1al!pw', newPassword: account.password });
  return { account, mobile, api: await apiSession(ctx, account) };
}

/** Scripts a phone in the carrier simulator (how it answers, how long it talks). */
async function party(ctx: Ctx, number: string, how: { answer: 'after' | 'reject'; afterMs?: number; hangupAfterMs?: number }) {
  const res = await fetch(`${ctx.baseUrl}/_sim/api/parties`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number, ...how }),
  });
  assert.equal(res.status, 200, await res.clone().text());
}

type HistoryPage = { calls: { id: string; direction: string; outcome: string; caller: { e164: string | null; name: string | null } }[] };

async function waitForCalls(api: Awaited<ReturnType<typeof apiSession>>, count: number, done: (p: HistoryPage) => boolean): Promise<HistoryPage> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const page = await api<HistoryPage>('GET', '/me/calls');
    if (page.calls.length >= count && done(page)) return page;
    if (Date.now() > deadline) assert.fail(`the outbound call record never came: ${JSON.stringify(page.calls.map((c) => c.outcome))}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The newest history row, the list read afresh (the menu link to the screen already open does not). */
async function historyRow(page: Page) {
  if (new URL(page.url()).pathname === '/history') await page.reload();
  else await navigate(page, '/history');
  return page.locator('.calls .call-row').first();
}

export const OUTBOUND_SUITES: Suite[] = [
  {
    name: 'masked outbound on a phone: call a phonebook contact and a history row through the simulator; 발신 with the name and outcome in history',
    async run(ctx) {
      const s = await caller(ctx);
      const citizen = `+8210${digits(8)}`;
      await s.api('POST', '/phonebook/contacts', { name: '김발신', number: national(citizen) });
      await party(ctx, s.mobile, { answer: 'after', afterMs: 300 });
      await party(ctx, citizen, { answer: 'after', afterMs: 300, hangupAfterMs: 600 });

      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, s.account);
        await navigate(page, '/phonebook');
        const row = page.locator('ul.contacts li').filter({ hasText: '김발신' });
        await expectText(row, national(citizen));
        await row.locator('a', { hasText: '전화 걸기' }).click();
        await page.waitForURL((u) => u.pathname === '/call');
        assert.equal(await page.locator('input#outbound-to').inputValue(), national(citizen));
        await page.locator('button.dial-call').click();
        await expectText(page.locator('.dial-pad .alert-ok'), /./);
        await shot(page, 'phone-outbound-dialled');

        const afterFirst = await waitForCalls(s.api, 1, (p) => p.calls[0]?.outcome === 'connected');
        assert.deepEqual(
          { direction: afterFirst.calls[0]?.direction, name: afterFirst.calls[0]?.caller.name, e164: afterFirst.calls[0]?.caller.e164 },
          { direction: 'outbound', name: '김발신', e164: citizen },
        );
        let first = await historyRow(page);
        await expectText(first.locator('.call-caller'), '김발신');
        await expectText(first.locator('.call-caller'), `(${national(citizen)})`);
        await expectText(first, '발신');
        await expectText(first, '통화 연결');

        // Again from the history row: this time the citizen declines.
        await party(ctx, citizen, { answer: 'reject' });
        await first.locator('.call-toggle').click();
        await expectText(first.locator('.trace'), /./);
        await first.locator('button[name=callBack]').click();
        await expectText(first.locator('.caller-actions .alert-ok'), /./);
        await waitForCalls(s.api, 2, (p) => p.calls[0]?.outcome === 'no_answer');
        first = await historyRow(page);
        await expectText(first.locator('.call-caller'), '김발신');
        await expectText(first, '발신');
        await expectText(first, '상대방 받지 않음');
        await assertCleanScreen(page);
        await shot(page, 'phone-outbound-history');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }

      // The same rows in English.
      const en = await newPage(ctx, PHONE, 'en');
      try {
        await login(en.page, s.account);
        const [latest, earlier] = [await historyRow(en.page), en.page.locator('.calls .call-row').nth(1)];
        await expectText(latest, 'Outgoing');
        await expectText(latest, 'Not answered');
        await expectText(earlier, 'Outgoing');
        await expectText(earlier, 'Connected');
        await expectText(latest.locator('.call-caller'), '김발신');
        assertNoPageErrors(en.page);
      } finally {
        await en.context.close();
      }
    },
  },
];
