// Stored XSS (issue 19, security suite): markup and script URLs typed into every user-typed field
// (names, team, queue and category names, announcements, block windows, list memos, holidays,
// notices, FAQs, inquiries and answers, file titles and names, wrap-up notes, the recording notice)
// are stored through the API, then every screen that shows them is opened as the roles that see
// them. Each text must be on some screen, as text: no payload's element is in the DOM and its
// handler never runs. The pages run with the CSP bypassed, so this proves the rendering itself is
// inert, not only that the CSP would block what leaked through.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { apiSession, type Ctx, readyStaff, type Suite, unique } from '../helpers';
import { CC_PASSWORD, CC_USERS } from '../server';
import type { Account } from '../server';

/** Each sets window.__xss if it ever runs; each fits the shortest field it goes into (40 characters). */
const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '"><svg onload=window.__xss=1>',
  '<script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  "'><iframe srcdoc='<b>x'></iframe>",
  '<a href=javascript:window.__xss=1>a</a>',
] as const;

/** Elements and attributes only a payload would bring (the app itself renders none of them). */
const INJECTED = 'img[src="x"], svg[onload], iframe, script:not([src]), a[href^="javascript:" i], [onerror], [onload]';

type Stored = { field: string; text: string };

/** A text per field: one payload each, in turn, with a short tag so two fields never show the same text. */
function texts(): (field: string, payload?: string) => Stored {
  let i = 0;
  return (field, given) => {
    const payload = given ?? (PAYLOADS[i % PAYLOADS.length] as string);
    i++;
    return { field, text: `${i}${payload}`.slice(0, 40) };
  };
}

type Call = ReturnType<typeof apiSession> extends Promise<infer C> ? C : never;

async function upload(ctx: Ctx, a: Account, title: string, fileName: string): Promise<void> {
  const login = await fetch(`${ctx.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ctx.baseUrl },
    body: JSON.stringify({ org: a.org, loginId: a.loginId, password: a.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const form = new FormData();
  form.set('title', title);
  form.set('file', new File(['자료'], fileName, { type: 'text/plain' }));
  const res = await fetch(`${ctx.baseUrl}/api/files`, { method: 'POST', headers: { cookie, origin: ctx.baseUrl }, body: form });
  assert.equal(res.status, 201, `upload: ${res.status} ${await res.text()}`);
}

/** Stores a payload in every user-typed field; returns what was stored and the ids the screens need. */
async function store(ctx: Ctx) {
  const next = texts();
  const stored: Stored[] = [];
  const put = (field: string, payload?: string) => {
    const s = next(field, payload);
    stored.push(s);
    return s.text;
  };
  const admin: Call = await apiSession(ctx, ctx.admin);

  const staffName = put('user name (staff)');
  const staff = await readyStaff(ctx, staffName);
  const me: Call = await apiSession(ctx, staff);
  const { users } = await admin<{ users: { id: string; loginId: string }[] }>('GET', '/admin/users');
  const staffId = users.find((u) => u.loginId === staff.loginId)?.id ?? '';
  const agentName = put('user name (agent)');
  const { user: agent } = await admin<{ user: { id: string } }>('POST', '/admin/users', {
    loginId: `x${unique()}`,
    name: agentName,
    role: 'agent',
    password: 'Init1al!pw',
  });

  const { team } = await admin<{ team: { id: string } }>('POST', '/admin/teams', { name: put('team name') });
  await admin('PATCH', `/admin/users/${staffId}`, { teamId: team.id });
  await admin('POST', '/admin/holidays', { date: `2026-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`, name: put('holiday name') });
  await admin('POST', '/admin/announcements', { scope: 'org', type: 'block', name: put('org announcement name'), text: put('org announcement text') });
  await admin('POST', '/admin/announcements', {
    scope: 'team',
    teamId: team.id,
    type: 'waiting',
    name: put('team announcement name'),
    text: put('team announcement text'),
  });
  const org = await admin<{ org: Record<string, unknown>; schedule: Record<string, unknown> }>('GET', '/admin/org');
  await admin('PUT', '/admin/org', {
    org: {
      timezone: org.org.timezone,
      recordingEnabled: org.org.recordingEnabled,
      recordingRetentionDays: org.org.recordingRetentionDays,
      recordingNoticeText: put('recording notice'),
      serviceLevelSeconds: org.org.serviceLevelSeconds,
    },
    schedule: {
      workStartTime: org.schedule.workStartTime,
      workEndTime: org.schedule.workEndTime,
      weekdays: org.schedule.weekdays,
      lunchStartTime: org.schedule.lunchStartTime,
      lunchEndTime: org.schedule.lunchEndTime,
    },
  });
  await admin('POST', '/notices', { title: put('notice title'), body: put('notice body') });
  await admin('POST', '/faqs', { question: put('FAQ question'), answer: put('FAQ answer') });
  // A file name without '/': the upload keeps only a name's last path segment.
  await upload(ctx, ctx.admin, put('file title'), `${put('file name', PAYLOADS[0])}.txt`);

  await me('POST', '/me/announcements', { type: 'lunch', name: put('personal announcement name'), text: put('personal announcement text') });
  await me('POST', '/me/block-windows', { name: put('block window name'), startTime: '15:00', endTime: '16:00', weekdays: 2, announcementId: null });
  await me('POST', '/me/list-entries', { kind: 'spam', number: '02-555-0199', memo: put('spam memo'), expiresInMinutes: 60 });
  await me('POST', '/me/list-entries', { kind: 'free_pass', number: '010-5555-0198', memo: put('free-pass memo'), expiresInMinutes: null });
  const { inquiry } = await me<{ inquiry: { id: string } }>('POST', '/inquiries', {
    orgName: put('inquiry organisation'),
    department: put('inquiry department'),
    safeNumber: '050-1234-5678',
    title: put('inquiry title'),
    body: put('inquiry body'),
  });
  await admin('POST', `/inquiries/${inquiry.id}/answer`, { answer: put('inquiry answer') });

  const { queue } = await admin<{ queue: { id: string } }>('POST', '/cc/queues', { name: put('queue name') });
  await admin('PATCH', `/cc/queues/${queue.id}`, { greetingText: put('queue greeting') });
  await admin('PUT', `/cc/queues/${queue.id}/members`, { members: [{ userId: agent.id, level: 1 }] });
  const { category } = await admin<{ category: { id: string } }>('POST', '/cc/categories', { name: put('consult category') });
  // The seeded answered call (test/browser/server.ts): its wrap-up, rewritten with the new category.
  await admin('PUT', '/cc/calls/call_browser_1/wrap-up', { categoryId: category.id, notes: put('wrap-up notes') });

  return { stored, staff, staffId, queueId: queue.id };
}

type Seen = { path: string; text: string };

/** Opens each path as the account, checking every screen; returns the text each showed (body text and form values). */
async function visit(browser: Browser, ctx: Ctx, a: Account, paths: string[]): Promise<Seen[]> {
  const context = await browser.newContext({ baseURL: ctx.baseUrl, bypassCSP: true, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto('/login');
    await page.locator('input[name=org]').fill(a.org);
    await page.locator('input[name=loginId]').fill(a.loginId);
    await page.locator('input[name=password]').fill(a.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const seen: Seen[] = [];
    for (const path of paths) {
      await page.goto(path);
      await settle(page);
      seen.push({ path, text: await inert(page, `${a.loginId} ${path}`) });
    }
    // The control: had a screen put a payload into the DOM, the check would see the element and,
    // with the CSP bypassed, the handler would have run.
    await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), PAYLOADS[0]);
    await page.waitForFunction(() => (window as unknown as { __xss?: unknown }).__xss === 1);
    await assert.rejects(inert(page, 'control'), /a payload ran/);
    assert.deepEqual(problems, [], `${a.loginId}: problems in the pages`);
    return seen;
  } finally {
    await context.close();
  }
}

async function settle(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[role=status]')?.textContent?.match(/불러오는 중|Loading/));
  // Lists and selects fill in after the heading; the live screens after their socket's first message.
  await page.waitForTimeout(400);
}

/** No payload became an element or ran; the screen's text (with the values of its form fields). */
async function inert(page: Page, where: string): Promise<string> {
  // Folded answers and bodies (<details>) are rendered too, so what they show is checked as well.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const state = await page.evaluate((selector) => {
    const fields = Array.from(document.querySelectorAll('input, textarea, select option')).map((e) =>
      e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement ? e.value : (e.textContent ?? ''),
    );
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      injected: Array.from(document.querySelectorAll(selector)).map((e) => e.outerHTML.slice(0, 200)),
      text: `${document.body.innerText}\n${fields.join('\n')}`,
    };
  }, INJECTED);
  assert.equal(state.xss, null, `${where}: a payload ran`);
  assert.deepEqual(state.injected, [], `${where}: a payload became an element`);
  return state.text;
}

export const STORED_XSS_SUITES: Suite[] = [
  {
    name: 'stored XSS: markup typed into every user-typed field is shown as text on every screen that shows it, never run',
    async run(ctx) {
      const { stored, staff, staffId, queueId } = await store(ctx);
      const seen = [
        ...(await visit(ctx.browser, ctx, staff, [
          '/',
          '/settings',
          '/settings/announcements',
          '/settings/block-windows',
          '/settings/spam',
          '/settings/free-pass',
          '/settings/hours',
          '/what-if',
          '/profile',
          '/help/notices',
          '/help/faq',
          '/help/files',
          '/help/inquiries',
        ])),
        ...(await visit(ctx.browser, ctx, ctx.admin, [
          '/admin/users',
          '/admin/teams',
          `/admin/users/${staffId}/settings`,
          '/admin/holidays',
          '/admin/announcements',
          '/admin/org',
          '/admin/audit',
          '/admin/numbers',
          '/help/notices',
          '/help/faq',
          '/help/files',
          '/help/inquiries',
          '/cc/queues',
          `/cc/queues/${queueId}`,
          '/cc/categories',
          '/cc/history',
          '/cc/calls/call_browser_1',
          '/cc/stats',
          '/cc/callbacks',
          '/cc/dashboard',
        ])),
        ...(await visit(ctx.browser, ctx, { org: ctx.admin.org, loginId: CC_USERS.supervisor.loginId, password: CC_PASSWORD, name: '' }, [
          '/',
          '/cc/calls/call_browser_1',
          '/cc/history/all',
        ])),
        ...(await visit(ctx.browser, ctx, { org: ctx.admin.org, loginId: CC_USERS.agent1.loginId, password: CC_PASSWORD, name: '' }, [
          '/',
          '/cc/calls/call_browser_1',
        ])),
      ];
      // Every stored text reached a screen (else the check above proved nothing for it).
      const unseen = stored.filter((s) => !seen.some((v) => v.text.includes(s.text))).map((s) => s.field);
      assert.deepEqual(unseen, [], 'fields no visited screen showed');
    },
  },
];
