// The web app under its own security headers (issue 7.6): the pages carry the CSP and friends from
// web/public/_headers, and logging in and using a few screens reports no CSP violation; the CSP is
// really enforced (an inline script and a foreign script are blocked), and same-origin WebSockets,
// which later live screens need, are allowed by connect-src 'self'.
import assert from 'node:assert/strict';
import { assertCleanScreen, assertNoPageErrors, expectText, login, navigate, newPage, pageProblems, PHONE, shot, type Suite } from '../helpers';

export const SECURITY_SUITES: Suite[] = [
  {
    name: 'security headers: the app works under its CSP (login and a few screens), which blocks inline and foreign scripts',
    async run(ctx) {
      const { page, context } = await newPage(ctx, PHONE);
      try {
        const first = await page.goto('/');
        const headers = first?.headers() ?? {};
        assert.match(headers['content-security-policy'] ?? '', /default-src 'self'.*frame-ancestors 'none'/);
        assert.equal(headers['x-frame-options'], 'DENY');
        assert.equal(headers['x-content-type-options'], 'nosniff');

        await page.waitForURL('**/login');
        await login(page, ctx.admin);
        await expectText(page.locator('h1'), ctx.admin.name);
        for (const href of ['/admin/users', '/admin/org', '/help', '/profile']) {
          await navigate(page, href);
          await page.locator('h1').waitFor();
          await page.waitForFunction(() => !document.querySelector('[role=status]')?.textContent?.match(/불러오는 중|Loading/));
          await assertCleanScreen(page);
        }
        await page.goto('/help/files');
        await page.locator('.tabs a[href="/help/faq"]').click();
        await page.waitForURL('**/help/faq');
        // A reload of a deep link: the same page, under the same policy.
        await page.reload();
        await page.locator('h1').waitFor();
        await shot(page, 'phone-under-csp');

        // Same-origin WebSockets pass connect-src 'self' (the socket itself fails: nothing answers there).
        await page.evaluate(() => {
          const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws-probe`);
          ws.onerror = () => ws.close();
        });
        await page.waitForTimeout(500);
        assert.deepEqual(pageProblems(page), [], 'no CSP violation while using the app');

        // The control: the policy is enforced, and this suite sees it when it is broken.
        const ran = await page.evaluate(async () => {
          const w = window as unknown as { __inline?: number };
          const inline = document.createElement('script');
          inline.textContent = 'window.__inline = 1';
          document.body.append(inline);
          const foreign = document.createElement('script');
          foreign.src = 'https://cdn.example.invalid/x.js';
          document.body.append(foreign);
          await new Promise((r) => setTimeout(r, 300));
          return w.__inline ?? 0;
        });
        assert.equal(ran, 0, 'an inline script ran');
        const caught = pageProblems(page, true);
        assert.ok(
          caught.some((p) => /script-src(-elem)? blocked \(inline\)|inline/.test(p)),
          `inline script not reported: ${caught.join('\n')}`,
        );
        assert.ok(
          caught.some((p) => p.includes('cdn.example.invalid')),
          `foreign script not reported: ${caught.join('\n')}`,
        );
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
];
