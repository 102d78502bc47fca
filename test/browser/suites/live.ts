// The live popup and missed-call push in a real browser (S14): a staff member with two tabs open sees
// a simulated call in both, and it clears when the call ends; turning push on registers the service
// worker and saves the device's subscription, and a missed call reaches a local push receiver.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { assertNoPageErrors, expectText, login, newPage, shot, type Ctx, type Suite, sim } from '../helpers';

/** A Wednesday 11:00 in Seoul: inside the default working hours, whenever the suite runs. */
const WORKING_INSTANT = Date.parse('2026-12-02T11:00:00+09:00');

type Staff = { org: string; loginId: string; password: string; mobile: string; e164: string };

/** The admin makes a staff member with a mobile and a safe number, through the API (as the admin screens do). */
async function makeStaff(ctx: Ctx): Promise<Staff> {
  const headers = { 'content-type': 'application/json', origin: ctx.baseUrl };
  const post = async (path: string, body: unknown, cookie: string, method = 'POST') => {
    const res = await fetch(`${ctx.baseUrl}${path}`, { method, headers: { ...headers, cookie }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return { json: (await res.json()) as Record<string, unknown>, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  };
  const admin = await post('/api/auth/login', { org: ctx.admin.org, loginId: ctx.admin.loginId, password: ctx.admin.password }, '');
  const digits = String(Math.floor(Math.random() * 9000) + 1000);
  const mobile = `010-55${digits.slice(0, 2)}-${digits}`;
  const staff = { org: ctx.admin.org, loginId: `0505${digits}${randomUUID().slice(0, 3).replace(/\D/g, '1')}`, password: 'St4ff!pass' };
  const created = await post('/api/admin/users', { loginId: staff.loginId, name: '안심직원', role: 'staff', password: 'Init1al!pw', mobile }, admin.cookie);
  const userId = (created.json.user as { id: string }).id;
  const e164 = `+82505${digits}${String(Math.floor(Math.random() * 900) + 100)}`;
  await post('/api/admin/numbers', { e164, ownerUserId: userId }, admin.cookie);
  const first = await post('/api/auth/login', { org: staff.org, loginId: staff.loginId, password: 'Init1al!pw' }, '');
  await post('/api/me/password', { currentPassword: 'Init1al!pw', newPassword: staff.password }, first.cookie);
  return { ...staff, mobile: `+8210${mobile.slice(4).replace(/-/g, '')}`, e164 };
}

type SimSession = { legs: { callControlId: string; direction: string; state: string }[] };

async function legOf(ctx: Ctx, sessionId: string, direction: 'incoming' | 'outgoing', timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await sim<SimSession>(ctx, `/api/sessions/${sessionId}`);
    const leg = s.legs.find((l) => l.direction === direction && l.state !== 'ended');
    if (leg) return leg.callControlId;
    if (Date.now() > deadline) throw new Error(`no ${direction} leg`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const popup = (page: Page) => page.locator('.call-popups .call-popup');

async function waitGone(page: Page, timeoutMs = 10_000) {
  await popup(page).first().waitFor({ state: 'detached', timeout: timeoutMs });
}

async function twoTabs(ctx: Ctx) {
  const staff = await makeStaff(ctx);
  const { page: first, context } = await newPage(ctx);
  await login(first, staff);
  const second = await context.newPage();
  await second.goto('/');
  for (const p of [first, second]) await p.waitForFunction(() => document.querySelector('.call-popups') !== null);
  // Both sockets are open once the server has greeted them (the popup region is mounted at once;
  // give the socket a moment, then place the call).
  await new Promise((r) => setTimeout(r, 800));
  return { staff, first, second, context };
}

/** A local push service: receives what the worker sends to this device's endpoint. */
async function pushReceiver() {
  const received: { path: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, bytes: Buffer.concat(chunks).length });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return { received, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export const LIVE_SUITES: Suite[] = [
  {
    name: 'popup: two open tabs both show the incoming call, named by number, and it clears when the call ends',
    run: async (ctx) => {
      const { staff, first, second, context } = await twoTabs(ctx);
      try {
        await sim(ctx, '/api/parties', { number: staff.mobile, answer: 'manual' });
        // Real carrier timing: the mobile rings for its full 30 s unless answered.
        const { callSessionId } = await sim<{ callSessionId: string }>(ctx, '/api/calls', {
          from: '+821098761234',
          to: staff.e164,
          timeScale: 1,
          at: WORKING_INSTANT,
        });
        try {
          for (const p of [first, second]) {
            await expectText(popup(p), '010-9876-1234', 10_000);
            await expectText(popup(p), /전화가 왔습니다|Incoming call/);
          }
        } catch (err) {
          const log = await sim<{ log: unknown[] }>(ctx, `/api/sessions/${callSessionId}`);
          throw new Error(`${String(err)}\n${JSON.stringify(log.log)}`);
        }
        await shot(first, 'live-popup-ringing');
        // The staff member answers on the mobile: both tabs say so.
        await sim(ctx, `/api/legs/${encodeURIComponent(await legOf(ctx, callSessionId, 'outgoing'))}/answer`, {});
        for (const p of [first, second]) await expectText(popup(p), /통화 중|On the call/, 10_000);
        // After the whisper the two are bridged; then the caller hangs up: the popup clears everywhere.
        const deadline = Date.now() + 10_000;
        while (!(await sim<SimSession>(ctx, `/api/sessions/${callSessionId}`)).legs.every((l) => l.state === 'bridged')) {
          if (Date.now() > deadline) throw new Error('never bridged');
          await new Promise((r) => setTimeout(r, 100));
        }
        await sim(ctx, `/api/legs/${encodeURIComponent(await legOf(ctx, callSessionId, 'incoming'))}/hangup`, {});
        for (const p of [first, second]) await waitGone(p);
        assertNoPageErrors(first);
        assertNoPageErrors(second);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'push: turning it on registers the service worker and saves the subscription; a missed call is pushed to it',
    run: async (ctx) => {
      const staff = await makeStaff(ctx);
      const receiver = await pushReceiver();
      const { page, context } = await newPage(ctx);
      try {
        await context.grantPermissions(['notifications'], { origin: ctx.baseUrl });
        // Headless Chromium has no push service to talk to: the browser's subscribe() answers with a
        // subscription on the local receiver (real P-256 keys), everything else is the browser's own.
        const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const p256dh = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65).toString('base64url');
        const endpoint = `${receiver.url}/device/${randomUUID()}`;
        // A script text, not a function: tsx's name helpers do not exist in the page.
        const keys = JSON.stringify({ p256dh, auth: randomBytes(16).toString('base64url') });
        await context.addInitScript({
          content: `(() => {
            const endpoint = ${JSON.stringify(endpoint)};
            const fake = { endpoint, expirationTime: null, toJSON: () => ({ endpoint, expirationTime: null, keys: ${keys} }), unsubscribe: async () => true };
            let current = null;
            PushManager.prototype.subscribe = async () => { current = fake; return fake; };
            PushManager.prototype.getSubscription = async () => current;
          })();`,
        });
        const logs: string[] = [];
        page.on('console', (m) => logs.push(m.text()));
        await login(page, staff);
        await page.goto('/profile');
        const card = page.locator('.push-card');
        await card.locator('button.primary').waitFor();
        // Nothing is registered before the user asks.
        assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
        await card.locator('button.primary').click();
        await page
          .waitForFunction(() => document.querySelector('.push-card')?.getAttribute('data-state') === 'on', undefined, { timeout: 10_000 })
          .catch(async (err: unknown) => {
            throw new Error(`push did not turn on: ${await card.innerText()}\n${logs.join('\n')}`, { cause: err });
          });
        const sw = await page.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          return reg.active?.scriptURL ?? null;
        });
        assert.equal(sw, `${ctx.baseUrl}/sw.js`);
        await shot(page, 'push-card-on');

        // A call nobody answers: the worker pushes the missed call to this device's endpoint.
        await sim(ctx, '/api/parties', { number: staff.mobile, answer: 'never' });
        await sim(ctx, '/api/calls', { from: '+821012340000', to: staff.e164, timeScale: 0.01, at: WORKING_INSTANT });
        const deadline = Date.now() + 15_000;
        while (!receiver.received.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        const [push] = receiver.received;
        assert.ok(push, 'no push arrived');
        assert.equal(push.path, new URL(endpoint).pathname);
        assert.equal(push.headers['content-encoding'], 'aes128gcm');
        assert.match(String(push.headers.authorization), /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
        assert.ok(push.bytes > 100);
        assertNoPageErrors(page);
      } finally {
        await context.close();
        await receiver.close();
      }
    },
  },
];
