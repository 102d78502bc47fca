// Safe-number suites (issue 9) on a phone: a staff member ends their hours an hour ago, the carrier
// simulator places a call, the home card says after hours and the history shows the call with its
// reason; every staff and admin screen in Korean and English without a raw key, a crash or a CSP
// violation.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiSession, assertCleanScreen, assertNoPageErrors, type Ctx, expectText, login, newPage, PHONE, shot, type Suite, unique } from '../helpers';
import type { Account } from '../server';

type StaffNumber = { account: Account; id: string; national: string; api: Awaited<ReturnType<typeof apiSession>> };

/** A staff member with a mobile and a safe number, password already changed, arranged through the API. */
async function staffWithNumber(ctx: Ctx): Promise<StaffNumber> {
  const admin = await apiSession(ctx, ctx.admin);
  const account: Account = { org: ctx.admin.org, loginId: `0509${unique()}`, password: 'Ready1!pw', name: `직원${unique()}` };
  const { user } = await admin<{ user: { id: string } }>('POST', '/admin/users', {
    loginId: account.loginId,
    name: account.name,
    role: 'staff',
    mobile: '010-4321-0001',
    password: 'Init1al!pw',
  });
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const national = `050-${digits.slice(0, 4)}-${digits.slice(4)}`;
  await admin('POST', '/admin/numbers', { e164: national, ownerUserId: user.id });
  const first = await apiSession(ctx, { ...account, password: 'Init1al!pw' });
  await first('POST', '/me/password', { currentPassword: 'Init1al!pw', newPassword: account.password });
  return { account, id: user.id, national, api: await apiSession(ctx, account) };
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Working hours, every day, that ended an hour ago on Seoul's clock (whatever the time now). */
function hoursEndedAnHourAgo(now = Date.now()): { start: string; end: string } {
  const d = new Date(now + 9 * 3_600_000);
  const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
  const end = Math.max(1, (minute - 60 + 1440) % 1440);
  return { start: hhmm(Math.max(0, end - 120)), end: hhmm(end) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function tab(page: Page, href: string): Promise<void> {
  await page.locator(`nav.tabbar a[href="${href}"]`).click();
  await page.waitForURL((u) => u.pathname === href);
}

/** Every screen a staff member has, with a text its heading shows in each language. */
const STAFF_SCREENS: [string, RegExp][] = [
  ['/', /안녕하세요|Hello|,/],
  ['/history', /수신내역|Call history/],
  ['/settings', /안심번호 설정|Safe number settings/],
  ['/settings/hours', /업무시간 설정|Hours and lunch/],
  ['/settings/block-windows', /전화차단시간 설정|Block windows/],
  ['/settings/announcements', /멘트 설정|Announcements/],
  ['/settings/spam', /스팸전화 관리|Spam list/],
  ['/settings/free-pass', /프리패스 관리|Free-pass list/],
  ['/settings/shield', /반복전화 제한|Repeated-call limit/],
  ['/settings/mobile', /휴대폰 번호 변경|Change mobile/],
  ['/check', /번호체크|Number check/],
  ['/what-if', /미리 확인|What if/],
];

export const SAFE_NUMBER_SUITES: Suite[] = [
  {
    name: 'safe number on a phone: hours end an hour ago, a call comes, home says after hours, history says why',
    async run(ctx) {
      const s = await staffWithNumber(ctx);
      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, s.account);
        await expectText(page.locator('.number-card .number'), s.national);
        await expectText(page.locator('.linked-mobile'), '010-****-0001');
        await shot(page, 'phone-safe-number-home');

        // Hours and days of my own, ending an hour ago.
        const hours = hoursEndedAnHourAgo();
        await tab(page, '/settings');
        await page.locator('.menu-list a[href="/settings/hours"]').click();
        await page.waitForURL('**/settings/hours');
        const form = page.locator('main form');
        await form.locator('input[name=ownStart]').check();
        await form.locator('input[name=workStartTime]').fill(hours.start);
        await form.locator('input[name=ownEnd]').check();
        await form.locator('input[name=workEndTime]').fill(hours.end);
        await form.locator('input[name=ownDays]').check();
        for (let i = 0; i < 7; i++) await form.locator(`input[name=wd${i}]`).check();
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.alert-ok'), /저장했습니다/);
        await expectText(page.locator('dl.facts'), `${hours.start}–${hours.end}`);
        await shot(page, 'phone-safe-number-hours');

        await tab(page, '/');
        // After hours (or, on a public holiday, the holiday) until the next working day.
        await expectText(page.locator('.status-panel'), /업무시간 외|휴일/);
        await expectText(page.locator('.status-panel'), /부터/);

        // A citizen calls through the carrier simulator, typing the number as on a business card.
        const dial = await fetch(`${ctx.baseUrl}/_sim/api/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: '010-5555-0101', to: s.national, timeScale: 0.05 }),
        });
        assert.equal(dial.status, 200, await dial.clone().text());
        type Page1 = { calls: { outcome: string; trace: { rule: string; matched: boolean }[] }[] };
        const recorded = await waitFor('the call record', async () => {
          const p = await s.api<Page1>('GET', '/me/calls');
          return p.calls[0];
        });
        assert.equal(recorded.outcome, 'after_hours');
        const decidedBy = recorded.trace.find((x) => x.matched)?.rule;

        await page.reload();
        await expectText(page.locator('.today .count').first(), '1');
        await expectText(page.locator('.today .count.missed'), '1');
        await expectText(page.locator('.today .latest'), '010-5555-0101');
        await expectText(page.locator('.today .latest'), '업무시간 외');
        await shot(page, 'phone-safe-number-home-after-call');

        await tab(page, '/history');
        const row = page.locator('.calls .call-row').first();
        await expectText(row, '010-5555-0101');
        await expectText(row.locator('.badge'), '업무시간 외');
        const reason = decidedBy === 'hours' ? `업무시간(${hours.start}–${hours.end}) 외라서 연결하지 않았습니다.` : /휴일|업무일/;
        await expectText(row.locator('.call-reason'), reason);
        await row.locator('.call-toggle').click();
        assert.ok((await row.locator('.trace li').count()) >= 6, 'the whole trace is listed');
        await row.locator('select[name=tempBlock]').selectOption('60');
        await expectText(row.locator('.alert-ok'), /까지 이 번호의 전화를 받지 않습니다/);
        await shot(page, 'phone-safe-number-history');
        await assertCleanScreen(page);

        // The temporary block is on the spam list, in national format with its end.
        await page.goto('/settings/spam');
        await expectText(page.locator('.entries'), '010-5555-0101');
        await expectText(page.locator('.entries .badge-warn'), /까지/);
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'safe number screens on a phone in Korean and English: texts, counters, warnings, check and what-if',
    async run(ctx) {
      const s = await staffWithNumber(ctx);
      for (const lang of ['ko', 'en'] as const) {
        const { page, context } = await newPage(ctx, PHONE, lang === 'en' ? 'en' : undefined);
        try {
          await login(page, s.account);
          for (const [path, heading] of STAFF_SCREENS) {
            await page.goto(path);
            await expectText(page.locator('h1'), heading);
            await page
              .locator('main [role=status]:has-text("…")')
              .waitFor({ state: 'detached' })
              .catch(() => undefined);
            await assertCleanScreen(page);
            await shot(page, `phone-${lang}-${path === '/' ? 'home' : path.slice(1).replaceAll('/', '-')}`);
          }

          // Announcements: a live counter, a warning for emoji, never cut.
          await page.goto('/settings/announcements');
          const form = page.locator('form[aria-labelledby=announcement-form-title]');
          await form.locator('input[name=name]').fill(`대기 ${unique()}`);
          await form.locator('textarea[name=text]').fill(`${'가'.repeat(239)}😀`);
          await expectText(form.locator('.counter'), '241/240');
          await expectText(form.locator('.alert-warn'), '😀');
          await form.locator('button[type=submit]').click();
          await expectText(form.locator('.field-error'), lang === 'ko' ? '240자' : '240 characters');
          await form.locator('textarea[name=text]').fill('잠시만 기다려 주십시오. 곧 연결됩니다.');
          await form.locator('button[type=submit]').click();
          await expectText(form.locator('.alert-ok'), lang === 'ko' ? '만들었습니다' : 'Created');

          // Number check: six steps, the carrier is the simulator here.
          await page.goto('/check');
          await page.locator('.checks li').nth(5).waitFor();
          assert.equal(await page.locator('.checks li').count(), 6);
          assert.equal(await page.locator('.checks li[data-state=fail]').count(), 0, await page.locator('.checks').innerText());

          // What-if: a call at 03:30 on a Saturday is not connected (not a working day, or outside the
          // hours of whatever the org's defaults are by now), said in words.
          await page.goto('/what-if');
          const ask = page.locator('main form');
          await ask.locator('input[name=caller]').fill('010 2222 3333');
          await ask.locator('input[name=date]').fill('2026-12-05');
          await ask.locator('input[name=time]').fill('03:30');
          await ask.locator('button[type=submit]').click();
          await expectText(page.locator('.what-if-answer'), lang === 'ko' ? /업무일|업무시간\(/ : /working day|working hours/);
          await expectText(page.locator('.what-if-answer h2'), '010-2222-3333');
          await shot(page, `phone-${lang}-what-if-answer`);
          await assertCleanScreen(page);
          assertNoPageErrors(page);
        } finally {
          await context.close();
        }
      }
    },
  },
  {
    name: 'org admin on a phone: org announcements, the shield default, a staff member’s settings read-only',
    async run(ctx) {
      const s = await staffWithNumber(ctx);
      await s.api('PUT', '/me/switches', { immediateBlock: true });
      for (const lang of ['ko', 'en'] as const) {
        const { page, context } = await newPage(ctx, PHONE, lang === 'en' ? 'en' : undefined);
        try {
          await login(page, ctx.admin);
          await page.goto('/admin/announcements');
          const form = page.locator('form[aria-labelledby=org-announcement-form]');
          const name = `업무종료 ${unique()}`;
          await form.locator('select[name=type]').selectOption('after_hours');
          await form.locator('input[name=name]').fill(name);
          await form.locator('textarea[name=text]').fill('오늘 업무가 끝났습니다. 내일 다시 걸어 주십시오.');
          await form.locator('button[type=submit]').click();
          await expectText(page.locator('.list'), name);
          const choice = page.locator('select[name="org-choice-after_hours"]');
          const value = await choice.locator('option', { hasText: name }).getAttribute('value');
          await choice.selectOption(value ?? '');
          await expectText(page.locator('.situation', { has: choice }).locator('blockquote'), '오늘 업무가 끝났습니다');
          await shot(page, `phone-${lang}-admin-announcements`);

          await page.goto('/admin/shield');
          await page.locator('input[name=limit]').fill('5');
          await page.locator('main form button[type=submit]').click();
          await expectText(page.locator('main form .alert-ok'), lang === 'ko' ? '저장' : 'Saved');
          await shot(page, `phone-${lang}-admin-shield`);

          await page.goto(`/admin/users/${s.id}/settings`);
          await expectText(page.locator('main'), s.national);
          await expectText(page.locator('main'), lang === 'ko' ? '차단 중' : 'Blocked');
          await expectText(page.locator('main'), '오늘 업무가 끝났습니다');
          await shot(page, `phone-${lang}-admin-staff-settings`);
          await assertCleanScreen(page);
          assertNoPageErrors(page);
        } finally {
          await context.close();
        }
      }
    },
  },
];
