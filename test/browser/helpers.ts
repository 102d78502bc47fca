// What the suites do in the app, in the user's terms: log in, open a menu item, issue an account,
// change a password. Selectors use names and addresses, not texts, so they work in both languages.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Account } from './server';

export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

export type Ctx = { browser: Browser; baseUrl: string; admin: Account };
export type Suite = { name: string; run: (ctx: Ctx) => Promise<void> };

export async function newPage(ctx: Ctx, viewport = DESKTOP, lang?: 'en'): Promise<{ page: Page; context: BrowserContext }> {
  const context = await ctx.browser.newContext({ viewport, baseURL: ctx.baseUrl, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
  // As if the user had chosen English before (the app remembers the choice in localStorage).
  if (lang) await context.addInitScript((l) => localStorage.setItem('lang', l), lang);
  const problems: string[] = [];
  await watchSecurityPolicy(context, problems);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Chromium reports a blocked resource (and a policy it cannot parse) on the console as well.
    if (/Content Security Policy|Permissions-Policy|Permissions Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  (page as Page & { problems?: string[] }).problems = problems;
  return { page, context };
}

/**
 * Every Content-Security-Policy violation in any page of the context becomes a problem: the app
 * must work under the CSP of web/public/_headers. (Init scripts and bindings come through the
 * DevTools protocol, which the CSP does not govern; the context does not bypass the CSP.)
 */
async function watchSecurityPolicy(context: BrowserContext, problems: string[]): Promise<void> {
  await context.exposeBinding('__cspViolation', (_source, text: string) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation: (t: string) => Promise<void> }).__cspViolation;
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

/** The problems the page has collected so far (page errors, CSP violations); `take` also clears them. */
export function pageProblems(page: Page, take = false): string[] {
  const problems = (page as Page & { problems?: string[] }).problems ?? [];
  const copy = [...problems];
  if (take) problems.length = 0;
  return copy;
}

/** Uncaught errors and CSP violations in the page fail the suite: no screen may crash or be blocked. */
export function assertNoPageErrors(page: Page): void {
  const problems = (page as Page & { problems?: string[] }).problems ?? [];
  assert.deepEqual(problems, []);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top, so the sticky top bar sits where the user sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function expectText(locator: Locator, text: string | RegExp, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.allInnerTexts().catch(() => [])).join('\n');
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`expected ${String(text)} in:\n${last}`);
}

/** The page must not show raw JSON, stack traces or translation keys. */
export async function assertCleanScreen(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  assert.doesNotMatch(
    text,
    /\{"error"|\bat \S+\.(js|ts):\d+|\b(error|field|common|nav|login|password|users|teams|cc)\.[a-z_]+[A-Za-z_]*\b/,
    `unclean screen:\n${text}`,
  );
}

export async function fillLogin(page: Page, a: { org: string; loginId: string; password: string }): Promise<void> {
  await page.locator('input[name=org]').fill(a.org);
  await page.locator('input[name=loginId]').fill(a.loginId);
  await page.locator('input[name=password]').fill(a.password);
  await page.locator('form button[type=submit]').click();
}

export async function login(page: Page, a: { org: string; loginId: string; password: string }): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await fillLogin(page, a);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Opens the menu drawer when it is collapsed (phones). */
export async function openMenu(page: Page): Promise<void> {
  const button = page.locator('.menu-button');
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.locator('#main-menu').waitFor({ state: 'visible' });
  // The drawer slides in; wait until it is fully on screen.
  await page.waitForFunction(() => (document.getElementById('main-menu')?.getBoundingClientRect().left ?? -1) >= 0);
}

export async function navigate(page: Page, href: string): Promise<void> {
  await openMenu(page);
  await page.locator(`#main-menu a[href="${href}"]`).click();
  await page.waitForURL((u) => u.pathname === href || u.pathname.startsWith(`${href}/`));
}

export async function logout(page: Page): Promise<void> {
  await openMenu(page);
  await page.locator('#main-menu button.logout').click();
  await page.waitForURL((u) => u.pathname === '/login');
}

export async function issueAccount(page: Page, u: { loginId: string; name: string; password: string }): Promise<void> {
  await navigate(page, '/admin/users');
  await page
    .locator('button[aria-expanded]', { hasText: /계정 발급|Issue an account/ })
    .first()
    .click();
  const form = page.locator('form[aria-labelledby=issue-title]');
  await form.locator('input[name=loginId]').fill(u.loginId);
  await form.locator('input[name=name]').fill(u.name);
  await form.locator('input[name=password]').fill(u.password);
  await form.locator('button[type=submit]').click();
  await expectText(form.locator('.alert-ok'), u.loginId);
  await expectText(page.locator('.list'), u.loginId);
}

export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  const form = page.locator('form[aria-labelledby=password-title]');
  await form.locator('input[name=currentPassword]').fill(current);
  await form.locator('input[name=newPassword]').fill(next);
  await form.locator('input[name=confirmPassword]').fill(next);
  await form.locator('button[type=submit]').click();
}

/**
 * A run-unique tag for names and login IDs. Digits only: a hex tag put Latin fragments ("fe", "b")
 * into names, which the Korean-text checks then read as English on the screen.
 */
export const unique = () => String(randomInt(0, 100_000_000)).padStart(8, '0');

/** The carrier simulator's control API (`/_sim/api/…`): GET without a body, POST with one. */
export async function sim<T>(ctx: Ctx, path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    `${ctx.baseUrl}/_sim${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A logged-in API client in Node, for arranging data a suite is not about. */
export async function apiSession(ctx: Ctx, a: { org: string; loginId: string; password: string }) {
  const res = await fetch(`${ctx.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ctx.baseUrl },
    body: JSON.stringify({ org: a.org, loginId: a.loginId, password: a.password }),
  });
  assert.equal(res.status, 200, `login for arranging failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${ctx.baseUrl}/api${path}`, {
      method,
      headers: { cookie, origin: ctx.baseUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(r.ok, `${method} ${path} → ${r.status} ${await r.clone().text()}`);
    return (await r.json()) as T;
  };
}

/** A staff account that has already changed its initial password, ready to log in. */
export async function readyStaff(ctx: Ctx, name = `직원${unique()}`): Promise<Account> {
  const admin = await apiSession(ctx, ctx.admin);
  const account: Account = { org: ctx.admin.org, loginId: `0508${unique()}`, password: 'Ready1!pw', name };
  await admin('POST', '/admin/users', { loginId: account.loginId, name, role: 'staff', password: 'Init1al!pw' });
  const staff = await apiSession(ctx, { ...account, password: 'Init1al!pw' });
  await staff('POST', '/me/password', { currentPassword: 'Init1al!pw', newPassword: account.password });
  return account;
}
