// Account suites: the main flow on a desktop and on a phone, language switching, deep links and
// 404, login validation and throttling, and user text rendered as text.
import assert from 'node:assert/strict';
import {
  assertCleanScreen,
  assertNoPageErrors,
  changePassword,
  type Ctx,
  type Suite,
  DESKTOP,
  expectText,
  fillLogin,
  issueAccount,
  login,
  logout,
  navigate,
  newPage,
  openMenu,
  PHONE,
  readyStaff,
  shot,
  unique,
} from '../helpers';

/** Admin issues an account; the new user logs in, must change the password, and logs in with the new one. */
async function mainFlow(ctx: Ctx, viewport: typeof DESKTOP, prefix: string): Promise<void> {
  const { page, context } = await newPage(ctx, viewport);
  try {
    await page.goto('/');
    await page.waitForURL('**/login');
    await shot(page, `${prefix}-login`);

    await login(page, ctx.admin);
    await expectText(page.locator('h1'), ctx.admin.name);
    await shot(page, `${prefix}-home-admin`);
    if (viewport.width < 900) {
      await openMenu(page);
      await shot(page, `${prefix}-menu-open`);
    }
    await assertCleanScreen(page);

    const staff = { loginId: `0507${unique()}`, name: `직원${unique()}`, password: 'Init1al!pw' };
    await issueAccount(page, staff);
    await shot(page, `${prefix}-users`);
    await page.locator('form[role=search] input[name=q]').fill(staff.loginId);
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForFunction(() => document.querySelectorAll('.list > .row').length === 1);
    await expectText(page.locator('.list'), staff.name);
    await logout(page);

    await fillLogin(page, { org: ctx.admin.org, loginId: staff.loginId, password: staff.password });
    await page.waitForURL('**/password');
    await shot(page, `${prefix}-must-change-password`);
    const newPassword = 'N3w!secret';
    // The checklist ticks as the user types.
    await page.locator('input[name=newPassword]').fill('abc');
    assert.equal(await page.locator('.checklist li.ok').count(), 2); // a letter; only visible characters
    await changePassword(page, staff.password, newPassword);
    await page.waitForURL((u) => u.pathname === '/');
    await expectText(page.locator('h1'), staff.name);
    // Staff see their own menu and no organisation administration.
    if (viewport.width < 900) await page.locator('.menu-button').click();
    assert.equal(await page.locator('#main-menu a[href="/profile"]').count(), 1);
    assert.equal(await page.locator('#main-menu a[href^="/admin"]').count(), 0);
    if (viewport.width < 900) await page.locator('.menu-button').click();
    await page.goto('/admin/users'); // not theirs: the 404 screen, not the admin screen
    await expectText(page.locator('h1'), '페이지를 찾을 수 없습니다');
    await logout(page);

    await fillLogin(page, { org: ctx.admin.org, loginId: staff.loginId, password: staff.password });
    await expectText(page.locator('.alert-error'), /올바르지 않습니다|incorrect/);
    await login(page, { org: ctx.admin.org, loginId: staff.loginId, password: newPassword });
    await expectText(page.locator('h1'), staff.name);

    await navigate(page, '/profile');
    await expectText(page.locator('.facts'), staff.loginId);
    await shot(page, `${prefix}-profile`);
    await navigate(page, '/help');
    await expectText(page.locator('h1'), /고객센터|Customer center/);
    await shot(page, `${prefix}-help-notices`);
    await page.locator('.tabs a[href="/help/inquiries"]').click();
    await page.locator('form[aria-labelledby=ask-title]').waitFor();
    await shot(page, `${prefix}-help-inquiries`);
    assertNoPageErrors(page);
  } finally {
    await context.close();
  }
}

export const ACCOUNT_SUITES: Suite[] = [
  {
    name: 'login form validates before sending and explains bad credentials',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        let loginRequests = 0;
        page.on('request', (r) => {
          if (r.url().endsWith('/api/auth/login')) loginRequests++;
        });
        await page.goto('/login');
        await page.locator('form button[type=submit]').click();
        assert.equal(await page.locator('.field-error').count(), 3);
        assert.equal(loginRequests, 0);
        await fillLogin(page, { ...ctx.admin, password: 'wrong-password1!' });
        await expectText(page.locator('.alert-error'), '올바르지 않습니다');
        assert.equal(loginRequests, 1);
        await assertCleanScreen(page);
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'main flow on a desktop: admin issues an account, the user changes the password and logs in again',
    run: (ctx) => mainFlow(ctx, DESKTOP, 'desktop'),
  },
  {
    name: 'main flow on a phone (390×844) with the drawer menu',
    run: (ctx) => mainFlow(ctx, PHONE, 'phone'),
  },
  {
    name: 'remember ID keeps the organisation and login ID, never the password',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        await page.goto('/login');
        await page.locator('input[name=remember]').check();
        await login(page, ctx.admin);
        const stored = await page.evaluate(() => JSON.stringify(localStorage));
        assert.match(stored, new RegExp(ctx.admin.loginId));
        assert.doesNotMatch(stored, new RegExp(ctx.admin.password.replace(/[!]/g, '\\$&')));
        await logout(page);
        assert.equal(await page.locator('input[name=org]').inputValue(), ctx.admin.org);
        assert.equal(await page.locator('input[name=loginId]').inputValue(), ctx.admin.loginId);
        assert.equal(await page.locator('input[name=password]').inputValue(), '');
        assert.equal(await page.locator('input[name=remember]').isChecked(), true);
        await page.locator('input[name=remember]').uncheck();
        await login(page, ctx.admin);
        await logout(page);
        assert.equal(await page.locator('input[name=loginId]').inputValue(), '');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'profile: sender number and caller ID need the password again, and are saved',
    async run(ctx) {
      const staff = await readyStaff(ctx);
      const { page, context } = await newPage(ctx);
      try {
        await login(page, staff);
        await navigate(page, '/profile');
        const form = page.locator('form[aria-labelledby=numbers-title]');
        await form.locator('input[name=smsSender]').fill('02-120');
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.field-error'), '현재 비밀번호를 입력하세요'); // nothing sent without it
        await form.locator('input[name=smsSender]').fill('02-2133-0000');
        await form.locator('input[name=outboundCallerId]').fill('02-2133-1234');
        await form.locator('input[name=password]').fill('Wrong1!pw');
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.field-error'), '현재 비밀번호가 올바르지 않습니다');
        await form.locator('input[name=password]').fill(staff.password);
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.alert-ok'), '저장되었습니다');
        await page.reload();
        // Stored as E.164, shown again in national format.
        assert.equal(await form.locator('input[name=outboundCallerId]').inputValue(), '02-2133-1234');
        assert.equal(await form.locator('input[name=password]').inputValue(), '');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a missing or failing API shows a translated message with retry, never raw JSON',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        await login(page, ctx.admin);
        await page.route('**/api/notices', (r) =>
          r.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"No such API route."}}' }),
        );
        await page.route('**/api/faqs', (r) => r.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' }));
        await page.route('**/api/files', (r) => r.abort('connectionreset'));
        await page.goto('/help/notices');
        await expectText(page.locator('[role=alert]'), '찾을 수 없거나 아직 제공되지 않는 기능입니다');
        await page.locator('.tabs a[href="/help/faq"]').click();
        await expectText(page.locator('[role=alert]'), '서버에 문제가 생겼습니다');
        await page.locator('.tabs a[href="/help/files"]').click();
        await expectText(page.locator('[role=alert]'), '서버에 연결할 수 없습니다');
        await shot(page, 'desktop-api-unreachable');
        const text = await page.locator('body').innerText();
        assert.doesNotMatch(text, /Bad gateway|No such API route|\{"error"/);
        await page.unroute('**/api/files');
        await page.locator('[role=alert] button').click();
        await page.locator('[role=alert]').waitFor({ state: 'detached' });
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'language switches from Korean to English and survives a reload',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        await page.goto('/login');
        await expectText(page.locator('form button[type=submit]'), '로그인');
        assert.equal(await page.getAttribute('html', 'lang'), 'ko');
        await page.locator('.lang-switch').click();
        await expectText(page.locator('form button[type=submit]'), 'Log in');
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        await page.reload();
        await expectText(page.locator('form button[type=submit]'), 'Log in');
        await shot(page, 'desktop-login-en');
        await login(page, ctx.admin);
        await expectText(page.locator('#main-menu'), 'Log out');
        await navigate(page, '/admin/users');
        await expectText(page.locator('h1'), 'Users');
        await page.locator('main .list').waitFor();
        await shot(page, 'desktop-users-en');
        await assertCleanScreen(page);
        await page.locator('.topbar .lang-switch').click();
        await expectText(page.locator('h1'), '사용자 관리');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'deep links reload into the right screen, unknown addresses show 404, logged-out links come back after login',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        await page.goto('/admin/teams');
        await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/admin/teams');
        await fillLogin(page, ctx.admin);
        await page.waitForURL('**/admin/teams');
        await page.reload();
        await expectText(page.locator('h1'), '팀 관리');
        await page.goto('/no/such/screen');
        await expectText(page.locator('h1'), '페이지를 찾을 수 없습니다');
        await shot(page, 'desktop-404');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'typed text is shown as text, never as HTML',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        await login(page, ctx.admin);
        const teamName = `<b>x</b>${unique()}`;
        await navigate(page, '/admin/teams');
        await page.locator('form[aria-labelledby=team-new] input[name=name]').fill(teamName);
        await page.locator('form[aria-labelledby=team-new] button[type=submit]').click();
        await expectText(page.locator('.list'), teamName);
        assert.equal(await page.locator('.list b').count(), 0);

        const evil = `<img src=x onerror="window.__xss=1">${unique()}`;
        await issueAccount(page, { loginId: `x${unique()}`, name: evil, password: 'Init1al!pw' });
        await expectText(page.locator('.list'), evil);
        assert.equal(await page.locator('.list img').count(), 0);
        assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
        await shot(page, 'desktop-literal-text');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'too many failed logins show the throttling message with the wait',
    async run(ctx) {
      const { page, context } = await newPage(ctx);
      try {
        await page.goto('/login');
        const target = { org: ctx.admin.org, loginId: `nobody${unique()}`, password: 'Wrong1!pass' };
        for (let i = 0; i < 5; i++) {
          await fillLogin(page, target);
          await expectText(page.locator('.alert-error'), '올바르지 않습니다');
          await page.locator('input[name=password]').fill('');
        }
        await fillLogin(page, target);
        await expectText(page.locator('.alert-error'), /\d+분 후에 다시 시도하세요/);
        await shot(page, 'desktop-login-throttled');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
];
