// The platform operator's home and the audit log with names (issue 16): the operator made by the
// CLI logs in and lands on the overview of every organisation, on a phone, without a permission
// error and without screens it cannot use; an org admin's audit log names who did what to whom.
import assert from 'node:assert/strict';
import {
  apiSession,
  assertCleanScreen,
  assertNoPageErrors,
  DESKTOP,
  expectText,
  login,
  newPage,
  openMenu,
  PHONE,
  readyStaff,
  shot,
  type Suite,
} from '../helpers';
import { OPERATOR } from '../server';

export const OPERATOR_SUITES: Suite[] = [
  {
    name: 'operator home on a phone: health, every organisation with its users, numbers and today’s calls; only the screens an operator can use',
    async run(ctx) {
      const { page, context } = await newPage(ctx, PHONE);
      const forbidden: string[] = [];
      page.on('response', (r) => {
        if (r.url().includes('/api/') && r.status() === 403) forbidden.push(r.url());
      });
      try {
        await login(page, OPERATOR);
        await expectText(page.locator('h1'), '운영 현황');
        await expectText(page.locator('.operator-health'), '모든 구성 요소가 정상입니다');
        // The suites' organisation: its four seeded queue calls today (two answered) and whatever calls
        // the suites before this one made. The card shows exactly what the overview counts.
        const overview = await (
          await apiSession(ctx, OPERATOR)
        )<{ organisations: { name: string; callsToday: { total: number; answered: number; unanswered: number } }[] }>('GET', '/operator/overview');
        const today = overview.organisations.find((o) => o.name === ctx.admin.org)?.callsToday;
        assert.ok(today && today.total >= 4 && today.answered >= 2, `the seeded calls are not counted: ${JSON.stringify(today)}`);
        assert.equal(today.answered + today.unanswered, today.total);
        const card = page.locator('.operator-org', { hasText: ctx.admin.org });
        await card.waitFor();
        await expectText(card, new RegExp(`오늘 통화\\s*${today.total}건 · 연결 ${today.answered}건 · 미연결 ${today.unanswered}건`));
        await expectText(card, /안심번호 \d+개 · 대표번호 \d+개/);
        await expectText(page.locator('.operator-org', { hasText: OPERATOR.org }), '1명');
        await shot(page, 'phone-operator-home');

        await openMenu(page);
        const hrefs = await page.locator('#main-menu a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        for (const gone of ['/cc/dashboard', '/cc/console', '/cc/history', '/history', '/settings', '/check', '/admin/numbers', '/admin/org']) {
          assert.ok(!hrefs.includes(gone), `operator menu offers ${gone}: ${hrefs.join(' ')}`);
        }
        for (const kept of ['/admin/users', '/admin/audit', '/help']) assert.ok(hrefs.includes(kept), `operator menu lacks ${kept}`);
        await page.goto('/cc/dashboard');
        await expectText(page.locator('h1'), '페이지를 찾을 수 없습니다');
        assert.deepEqual(forbidden, []);
        await assertCleanScreen(page);
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'audit log with names: the actor and the target by name, login IDs beside them, no raw ids',
    async run(ctx) {
      const staff = await readyStaff(ctx, '감사대상');
      const { page, context } = await newPage(ctx, DESKTOP);
      try {
        await login(page, ctx.admin);
        await page.goto('/admin/audit');
        await page.locator('select').first().selectOption('account.issued');
        // The list reloads after the filter changes: wait for the issuing row itself, not any row naming the staff member.
        const row = page.locator('tbody tr', { hasText: staff.loginId }).filter({ hasText: '계정 발급' });
        await row.waitFor();
        await expectText(row.locator('.audit-actor'), `${ctx.admin.name} ${ctx.admin.loginId}`);
        await expectText(row.locator('.audit-target'), `사용자 감사대상 ${staff.loginId}`);
        // The newest login is the admin's own, just now: by name too.
        await page.locator('select').first().selectOption('login');
        await page.locator('tbody tr', { hasText: '계정 발급' }).first().waitFor({ state: 'detached' });
        await expectText(page.locator('tbody tr .audit-actor').first(), `${ctx.admin.name} ${ctx.admin.loginId}`);
        const text = await page.locator('table').innerText();
        assert.doesNotMatch(text, /usr_[0-9a-z]{6,}/, 'a raw user id is shown');
        await shot(page, 'desktop-audit-names');
        await assertCleanScreen(page);
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
];
