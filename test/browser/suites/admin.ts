// Organisation admin suites: every admin screen opens cleanly on desktop and phone, and the
// screens do their job against the real API — teams, numbers, org defaults, holidays, audit.
import assert from 'node:assert/strict';
import {
  apiSession,
  assertCleanScreen,
  assertNoPageErrors,
  type Ctx,
  DESKTOP,
  expectText,
  fillLogin,
  login,
  navigate,
  newPage,
  PHONE,
  readyStaff,
  shot,
  type Suite,
  unique,
} from '../helpers';
import { gunzipSync } from 'node:zlib';
import { QUEUE_NAME } from '../server';

async function adminScreens(ctx: Ctx, viewport: typeof DESKTOP, prefix: string, lang?: 'en'): Promise<void> {
  const { page, context } = await newPage(ctx, viewport, lang);
  try {
    await login(page, ctx.admin);
    for (const [href, name] of [
      ['/admin/teams', 'teams'],
      ['/admin/numbers', 'numbers'],
      ['/admin/org', 'org-settings'],
      ['/admin/holidays', 'holidays'],
      ['/admin/audit', 'audit'],
      ['/admin/archive', 'archive'],
    ] as const) {
      await navigate(page, href);
      await page.locator('h1').waitFor();
      await page.waitForFunction(() => !document.querySelector('[role=status]')?.textContent?.match(/불러오는 중|Loading/));
      if (lang) assert.doesNotMatch(await page.locator('h1').innerText(), /[가-힣]/);
      await shot(page, `${prefix}-${name}`);
      await assertCleanScreen(page);
    }
    assertNoPageErrors(page);
  } finally {
    await context.close();
  }
}

/** A fresh 050 number as people type it (e164 is unique platform-wide). */
function safeNumber(): string {
  const d = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  return `050-7${d.slice(0, 3)}-${d.slice(3)}`;
}

export const ADMIN_SUITES: Suite[] = [
  {
    name: 'admin screens open cleanly on desktop and phone, in Korean and English',
    async run(ctx) {
      await adminScreens(ctx, DESKTOP, 'desktop');
      await adminScreens(ctx, PHONE, 'phone');
      await adminScreens(ctx, PHONE, 'phone-en', 'en');
    },
  },
  {
    name: 'users: reset a password (must change at next login) and disable an account (cannot log in)',
    async run(ctx) {
      const staff = await readyStaff(ctx, `초기화대상${unique()}`);
      const { page, context } = await newPage(ctx);
      try {
        await login(page, ctx.admin);
        await navigate(page, '/admin/users');
        const row = page.locator('.list > .row', { hasText: staff.loginId });
        await row.locator('button[aria-expanded]').click();
        const reset = row.locator('form', { has: page.locator('input[name=password]') });
        await reset.locator('input[name=password]').fill('short');
        await reset.locator('button[type=submit]').click();
        await expectText(reset.locator('.field-error'), '6~20자');
        await reset.locator('input[name=password]').fill('Reset1!pw');
        await reset.locator('button[type=submit]').click();
        await expectText(reset.locator('.alert-ok'), '비밀번호를 초기화했습니다');
        await expectText(row, '비밀번호 변경 필요');
        await shot(page, 'desktop-user-editor');

        const other = await newPage(ctx);
        try {
          await login(other.page, { ...staff, password: 'Reset1!pw' });
          await other.page.waitForURL('**/password');
        } finally {
          await other.context.close();
        }

        await row.locator('.editor-actions button').click();
        await expectText(row, '사용 중지');
        const again = await newPage(ctx);
        try {
          await again.page.goto('/login');
          await fillLogin(again.page, { ...staff, password: 'Reset1!pw' });
          await expectText(again.page.locator('.alert-error'), '올바르지 않습니다');
        } finally {
          await again.context.close();
        }
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'teams: add, rename, and a team with users is not deleted (explained)',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      page.on('dialog', (d) => void d.accept());
      try {
        await login(page, ctx.admin);
        await navigate(page, '/admin/teams');
        const name = `민원팀${unique()}`;
        const add = page.locator('form[aria-labelledby=team-new]');
        await add.locator('input[name=name]').fill(name);
        await add.locator('button[type=submit]').click();
        const row = page.locator('.list .row', { hasText: name });
        await row.waitFor();

        // The same name again: the server's 409 lands next to the field, translated.
        await add.locator('input[name=name]').fill(name);
        await add.locator('button[type=submit]').click();
        await expectText(add.locator('.field-error'), '같은 이름의 팀이 이미 있습니다');

        await row.locator('button', { hasText: '이름 변경' }).click();
        const renamed = `${name}-2`;
        const editing = page.locator('.list .row .inline-form'); // the row's text is now in its input
        await editing.locator('input[name=name]').fill(renamed);
        await editing.locator('button[type=submit]').click();
        const renamedRow = page.locator('.list .row', { hasText: renamed });
        await renamedRow.waitFor();

        const admin = await apiSession(ctx, ctx.admin);
        const { teams } = await admin<{ teams: { id: string; name: string }[] }>('GET', '/admin/teams');
        const team = teams.find((t) => t.name === renamed);
        assert.ok(team);
        const staff = await readyStaff(ctx);
        const { users } = await admin<{ users: { id: string; loginId: string }[] }>('GET', `/admin/users?q=${staff.loginId}`);
        await admin('PATCH', `/admin/users/${users[0]?.id}`, { teamId: team.id });

        await page.reload();
        await expectText(renamedRow, '1명');
        await renamedRow.locator('button.danger').click();
        await expectText(renamedRow.locator('.alert-error'), '소속된 사용자가 있는 팀은 삭제할 수 없습니다');
        await shot(page, 'desktop-team-has-users');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'numbers: add as typed, a duplicate is refused at the field, assign to a user, then to a queue chosen by name',
    async run(ctx) {
      const staff = await readyStaff(ctx, `번호담당${unique()}`);
      const { page, context } = await newPage(ctx);
      try {
        await login(page, ctx.admin);
        await navigate(page, '/admin/numbers');
        const typed = safeNumber();
        const add = page.locator('form[aria-labelledby=number-new]');
        await add.locator('input[name=e164]').fill('12');
        await add.locator('button[type=submit]').click();
        await expectText(add.locator('.field-error'), '전화번호 형식이 아닙니다');

        await add.locator('input[name=e164]').fill(typed);
        await add.locator('button[type=submit]').click();
        // Shown as people read it (national format), stored as E.164.
        const row = page.locator('.list .row', { hasText: typed });
        await expectText(row, '연결 안 됨');

        await add.locator('input[name=e164]').fill(typed);
        await add.locator('button[type=submit]').click();
        await expectText(add.locator('.field-error'), '이미 등록된 번호입니다');

        await row.locator('button', { hasText: '연결 대상' }).click();
        await row.locator('select[name=target]').selectOption('user');
        await row.locator('select[name=ownerUserId]').selectOption({ label: `${staff.name} (${staff.loginId})` });
        await row.locator('button[type=submit]').click();
        await expectText(row, `${staff.name}에게 연결`);
        await shot(page, 'desktop-numbers-assigned');

        // Reassigned to a queue chosen by its name; the list then names the queue, not its id.
        await row.locator('select[name=target]').selectOption('queue');
        await row.locator('select[name=queueId]').selectOption({ label: QUEUE_NAME });
        await row.locator('button[type=submit]').click();
        await expectText(row.locator('.row-main'), `${QUEUE_NAME} 대기열에 연결`);
        assert.doesNotMatch(await row.locator('.row-main').innerText(), /que_/);

        // A new number goes straight to the queue from the add form.
        const second = safeNumber();
        await add.locator('input[name=e164]').fill(second);
        await add.locator('select[name=target]').selectOption('queue');
        await add.locator('select[name=queueId]').selectOption({ label: QUEUE_NAME });
        await add.locator('button[type=submit]').click();
        await expectText(page.locator('.list .row', { hasText: second }), `${QUEUE_NAME} 대기열에 연결`);
        await shot(page, 'desktop-numbers-queue');

        // An org without queues (the suites' org has one, so its answer is replaced): choosing "queue"
        // says where queues come from, and nothing is sent until one is chosen.
        await page.route('**/api/admin/queues', (route) => route.fulfill({ json: { queues: [] } }));
        await page.reload();
        await page.locator('.list .row').first().waitFor();
        await add.locator('input[name=e164]').fill(safeNumber());
        await add.locator('select[name=target]').selectOption('queue');
        await expectText(add.locator('.field-hint'), '대기열 관리');
        const rows = await page.locator('.list .row').count();
        await add.locator('button[type=submit]').click();
        await expectText(add.locator('.field-error'), '필수 입력 항목입니다');
        assert.equal(await page.locator('.list .row').count(), rows);
        await shot(page, 'desktop-numbers-no-queues');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'org defaults: checked before sending, saved, and still there after a reload',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        await login(page, ctx.admin);
        await navigate(page, '/admin/org');
        const form = page.locator('main form[data-form=org-defaults]');
        await form.locator('input[name=workStartTime]').waitFor();
        await form.locator('input[name=lunchStartTime]').fill('07:00');
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.field-error'), '점심시간은 업무시간 안에 있어야 합니다');

        await form.locator('input[name=workStartTime]').fill('08:30');
        await form.locator('input[name=workEndTime]').fill('17:30');
        await form.locator('input[name=lunchStartTime]').fill('11:30');
        await form.locator('input[name=lunchEndTime]').fill('12:30');
        await form.locator('input[name=wd5]').check();
        await form.locator('input[name=recordingEnabled]').check();
        await form.locator('input[name=recordingRetentionDays]').fill('30');
        await form.locator('textarea[name=recordingNoticeText]').fill('이 통화는 녹음될 수 있습니다.');
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.alert-ok'), '저장되었습니다');

        await page.reload();
        await form.locator('input[name=workStartTime]').waitFor();
        assert.equal(await form.locator('input[name=workStartTime]').inputValue(), '08:30');
        assert.equal(await form.locator('input[name=wd5]').isChecked(), true);
        assert.equal(await form.locator('input[name=recordingEnabled]').isChecked(), true);
        assert.equal(await form.locator('input[name=recordingRetentionDays]').inputValue(), '30');
        assert.equal(await form.locator('textarea[name=recordingNoticeText]').inputValue(), '이 통화는 녹음될 수 있습니다.');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'record retention: reached from the menu, 1–120 months checked by the server, saved, and archived months downloaded',
    async run(ctx) {
      for (const viewport of [PHONE, DESKTOP]) {
        const { page, context } = await newPage(ctx, viewport);
        try {
          await login(page, ctx.admin);
          // From the admin navigation, as an admin finds it (the menu opens first on a phone).
          await page.locator('h1').waitFor();
          const opener = page.locator('button[aria-label="메뉴 열기"]');
          if (await opener.isVisible()) await opener.click();
          await page.locator('#main-menu a[href="/admin/archive"]').click();
          await page.waitForURL('**/admin/archive');
          await expectText(page.locator('h1'), '기록 보관');
          const form = page.locator('main form[data-form=retention]');
          const months = form.locator('input[name=callRetentionMonths]');
          await months.waitFor();
          await expectText(form, '오래된 달의 통화 기록과 감사 기록은');

          // Out of range: the server's out_of_range lands at the field, in Korean.
          await months.fill('121');
          await form.locator('button[type=submit]').click();
          await expectText(form.locator('.field-error'), '1~120 사이의 정수를 입력하세요');
          await months.fill('0');
          await form.locator('button[type=submit]').click();
          await expectText(form.locator('.field-error'), '1~120 사이의 정수를 입력하세요');

          const value = viewport === PHONE ? '24' : '13';
          await months.fill(value);
          await form.locator('button[type=submit]').click();
          await expectText(form.locator('.alert-ok'), '보관 기간을 저장했습니다');
          await expectText(page.locator('[data-testid=retention-now]'), `지금은 ${value}개월`);
          await page.reload();
          await months.waitFor();
          assert.equal(await months.inputValue(), value);
          const admin = await apiSession(ctx, ctx.admin);
          const saved = await admin<{ org: { callRetentionMonths: number; recordingRetentionDays: number } }>('GET', '/admin/org');
          assert.equal(saved.org.callRetentionMonths, Number(value));

          // The archived month: listed with its facts, and its file downloads as stored.
          const row = page.locator('li[data-month="audit_log-2025-01"]');
          await expectText(row, '2025년 1월 감사 기록');
          await expectText(row, '1건 · 파일 1개');
          const link = row.locator('a', { hasText: '파일 1 내려받기' });
          const res = await page.request.get(new URL((await link.getAttribute('href')) ?? '', ctx.baseUrl).toString());
          assert.equal(res.status(), 200);
          const line = JSON.parse(
            gunzipSync(await res.body())
              .toString('utf8')
              .trim(),
          ) as { id: string; action: string };
          assert.equal(line.id, 'aud_browser_archived');
          await shot(page, viewport === PHONE ? 'phone-archive' : 'desktop-archive');
          await assertCleanScreen(page);
          assertNoPageErrors(page);
        } finally {
          await context.close();
        }
      }
    },
  },
  {
    name: 'holidays: built-in ones are marked, own ones are added and deleted; the audit log shows it',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      page.on('dialog', (d) => void d.accept());
      try {
        await login(page, ctx.admin);
        await navigate(page, '/admin/holidays');
        const year = new Date().getFullYear();
        await expectText(page.locator('.list'), '법정 공휴일');
        const builtIn = page.locator('.list .row', { has: page.locator(`[data-date="${year}-08-15"]`) });
        await expectText(builtIn, '법정 공휴일');
        // Dates read as everywhere else, not "2026-08-15".
        await expectText(builtIn, `${year}년 8월 15일`);
        assert.equal(await builtIn.locator('button').count(), 0, await builtIn.innerHTML());

        const form = page.locator('form[aria-labelledby=holiday-new]');
        const name = `개교기념일${unique()}`;
        await form.locator('input[name=date]').fill(`${year}-11-03`);
        await form.locator('input[name=name]').fill(name);
        await form.locator('button[type=submit]').click();
        const own = page.locator('.list .row', { hasText: name });
        await own.waitFor();
        await own.locator('button.danger').click();
        await own.waitFor({ state: 'detached' });

        await navigate(page, '/admin/audit');
        await page.locator('main select').selectOption('holiday.created');
        await expectText(page.locator('table'), '휴일 추가');
        // The filtered page replaces the unfiltered one (which holds other suites' failed logins):
        // wait for it, rather than counting while the old rows may still be on screen.
        await page.locator('table', { hasText: '로그인 실패' }).waitFor({ state: 'detached', timeout: 5000 });
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
];
