// The live contact center in a real browser (issue 11, C2–C8, C11, C12): two agent consoles of one
// queue open side by side on phones, both ready; a simulated citizen calls the service number and is
// offered to the agent idle the longest, whose phone (the simulator) answers; the agent holds, looks
// at the transfer list, hangs up, wraps up with a category and notes and goes ready — while the other
// console's waiting count and today's counters move without a reload, and the supervisor watches,
// listens in through their own phone and forces a state with a reason. Korean and English, no CSP
// violations, no raw keys.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiSession, assertCleanScreen, assertNoPageErrors, expectText, login, newPage, PHONE, shot, unique, type Ctx, type Suite, sim } from '../helpers';

const PASSWORD = 'Live1!pass';

type Person = { id: string; loginId: string; name: string; mobile: string; e164: string; org: string; password: string };
type Setup = { agentA: Person; agentB: Person; supervisor: Person; queueId: string; queueName: string; service: string; category: string };

/** A random Korean mobile: national (010-55xx-xxxx) and E.164. */
function mobile(): { national: string; e164: string } {
  const d = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  return { national: `010-57${d.slice(0, 2)}-${d.slice(2)}`, e164: `+821057${d}` };
}

/** The org admin sets up a queue of its own (the suites share one org) through the API the admin screens use. */
async function setUp(ctx: Ctx): Promise<Setup> {
  const admin = await apiSession(ctx, ctx.admin);
  const tag = unique();
  async function person(role: 'agent' | 'supervisor', name: string): Promise<Person> {
    const m = mobile();
    const loginId = `live-${role}-${unique()}`;
    const { user } = await admin<{ user: { id: string } }>('POST', '/admin/users', { loginId, name, role, password: 'Init1al!pw', mobile: m.national });
    const first = await apiSession(ctx, { org: ctx.admin.org, loginId, password: 'Init1al!pw' });
    await first('POST', '/me/password', { currentPassword: 'Init1al!pw', newPassword: PASSWORD });
    return { id: user.id, loginId, name, mobile: m.national, e164: m.e164, org: ctx.admin.org, password: PASSWORD };
  }
  const agentA = await person('agent', `김상담${tag}`);
  const agentB = await person('agent', `이상담${tag}`);
  const supervisor = await person('supervisor', `박감독${tag}`);
  const queueName = `실시간상담${tag}`;
  const { queue } = await admin<{ queue: { id: string } }>('POST', '/cc/queues', { name: queueName });
  // One level: who gets the call is decided by idle time alone.
  await admin('PUT', `/cc/queues/${queue.id}/members`, {
    members: [
      { userId: agentA.id, level: 1 },
      { userId: agentB.id, level: 1 },
    ],
  });
  const digits = String(Math.floor(Math.random() * 1e4)).padStart(4, '0');
  const service = `02-2199-${digits}`;
  await admin('POST', '/admin/numbers', { e164: `+8222199${digits}`, kind: 'service', queueId: queue.id });
  const category = `주차 문의${tag}`;
  await admin('POST', '/cc/categories', { name: category });
  return { agentA, agentB, supervisor, queueId: queue.id, queueName, service, category };
}

type SimLeg = { callControlId: string; direction: string; state: string; to: string; supervises?: { role: string } | null };

/** The leg ringing (or up) to this phone in a session, once it exists. */
async function legTo(ctx: Ctx, sessionId: string | null, e164: string, timeoutMs = 15_000): Promise<SimLeg & { sessionId: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { sessions } = await sim<{ sessions: { id: string; legs: SimLeg[] }[] }>(ctx, '/api/sessions');
    for (const s of sessions) {
      if (sessionId && s.id !== sessionId) continue;
      const leg = s.legs.find((l) => l.to === e164 && l.state !== 'ended');
      if (leg) return { ...leg, sessionId: s.id };
    }
    if (Date.now() > deadline) throw new Error(`no leg to ${e164}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits until the console's sockets are open (the dashboards are live). */
async function consoleReady(page: Page): Promise<void> {
  await page.locator('.state-card').waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector('[data-live]')?.getAttribute('data-live') === 'open', undefined, { timeout: 15_000 });
}

/** Logs in to the contact center (the org starts agents on break) and goes ready. */
async function goReady(page: Page): Promise<void> {
  const login = page.locator('button.state-login');
  if (await login.isVisible()) await login.click();
  await page.locator('.state-button[data-state=ready]').click();
  await page.locator('.state-name[data-state=ready]').waitFor({ timeout: 10_000 });
}

const figure = (page: Page, name: string) => page.locator(`.today-figures [data-figure=${name}] dd`);

/** A flag in the page's window: still there later means the page was never reloaded. */
async function mark(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}
async function notReloaded(page: Page): Promise<void> {
  assert.equal(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true), true, 'the page was reloaded');
}

/** The calls chart's summary for screen readers: today's inbound, answered and abandoned (Korean). */
async function todayCalls(page: Page, scope = ''): Promise<{ inbound: number; answered: number; abandoned: number }> {
  const text = (await page.locator(`${scope} .graph-svg desc`).first().textContent()) ?? '';
  const m = /당일 인입 (\d+)건, 응대 (\d+)건, 포기 (\d+)건/.exec(text);
  if (!m) throw new Error(`no today in the graph's summary: ${text}`);
  return { inbound: Number(m[1]), answered: Number(m[2]), abandoned: Number(m[3]) };
}

/** Waits until the calls chart says `want` for today. */
async function expectCalls(page: Page, want: { inbound: number; answered: number; abandoned: number }, scope = ''): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const got = await todayCalls(page, scope);
    if (got.inbound === want.inbound && got.answered === want.answered && got.abandoned === want.abandoned) return;
    if (Date.now() > deadline) assert.deepEqual(got, want, "the graph's figure did not follow the call");
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The page's whole height, in screens of the viewport. */
const screensTall = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);

/** True when the element's top edge is on screen (below the sticky top bar) and it is not hidden. */
const inSight = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const bar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
    return r.height > 0 && r.top >= bar - 1 && r.top < window.innerHeight - 40;
  }, selector);

export const CONTACT_CENTER_LIVE_SUITES: Suite[] = [
  {
    name: 'contact-center live: two agent consoles, a caller offered to the longest idle agent, answered, held, wrapped up; the other console and the supervisor follow live',
    async run(ctx) {
      const s = await setUp(ctx);
      // Both phones ring until the test answers (as a person on the simulator page would).
      for (const p of [s.agentA, s.agentB, s.supervisor]) await sim(ctx, '/api/parties', { number: p.mobile, answer: 'manual' });
      const a = await newPage(ctx, PHONE);
      const b = await newPage(ctx, PHONE, 'en');
      const sup = await newPage(ctx, PHONE);
      try {
        // Agents land on the console of 모바일 콘택트.
        await login(a.page, s.agentA);
        await consoleReady(a.page);
        await expectText(a.page.locator('.topbar .brand'), '모바일 콘택트');
        await login(b.page, s.agentB);
        await consoleReady(b.page);
        await expectText(b.page.locator('.topbar .brand'), 'Mobile Contact');
        // A goes ready first, so A has been idle the longest when the call comes.
        await goReady(a.page);
        await new Promise((r) => setTimeout(r, 1_200));
        await goReady(b.page);
        // The time in state counts up by itself.
        const t0 = await a.page.locator('.state-time').innerText();
        await new Promise((r) => setTimeout(r, 1_500));
        assert.notEqual(await a.page.locator('.state-time').innerText(), t0, 'time in state does not tick');
        // The supervisor lands on the live dashboard and sees both agents ready.
        await login(sup.page, s.supervisor);
        await sup.page.locator('.dashboard[data-live=open]').waitFor({ timeout: 15_000 });
        await sup.page.locator(`.agent-live[data-agent="${s.agentA.id}"][data-state=ready]`).waitFor({ timeout: 10_000 });
        await sup.page.locator(`.agent-live[data-agent="${s.agentB.id}"][data-state=ready]`).waitFor({ timeout: 10_000 });
        await expectText(figure(b.page, 'inbound'), '0');
        for (const p of [a.page, b.page, sup.page]) await mark(p);

        // A citizen calls the service number.
        const { callSessionId } = await sim<{ callSessionId: string }>(ctx, '/api/calls', { from: '010-5555-0177', to: s.service, timeScale: 0.1 });
        // A's console shows the consult call (queue, caller in national format); B's does not.
        const offer = a.page.locator('.consult-offer');
        await expectText(offer, '010-5555-0177', 15_000);
        await expectText(offer, s.queueName);
        await expectText(offer, '상담 전화');
        assert.equal(await b.page.locator('.consult-offer').count(), 0, 'the call was offered to B, not to the longest idle A');
        // The other console sees the customer waiting, live.
        await b.page.locator(`[data-queue="${s.queueId}"] .waiting-count[data-waiting="1"]`).waitFor({ timeout: 10_000 });
        await shot(a.page, 'phone-cc-live-offer');
        // A's phone rings in the simulator; it answers.
        const leg = await legTo(ctx, callSessionId, s.agentA.e164);
        await sim(ctx, `/api/legs/${encodeURIComponent(leg.callControlId)}/answer`, {});
        const call = a.page.locator('.consult-call');
        await expectText(call, '010-5555-0177', 15_000);
        await a.page.locator('.consult-offer').waitFor({ state: 'detached' });
        // B's dashboard follows without a reload: nobody waiting, one inbound, one answered.
        await b.page.locator(`[data-queue="${s.queueId}"] .waiting-count[data-waiting="0"]`).waitFor({ timeout: 10_000 });
        await expectText(figure(b.page, 'inbound'), '1', 10_000);
        await expectText(figure(b.page, 'answered'), '1', 10_000);
        await expectText(figure(b.page, 'answerRate'), '100%');

        // The supervisor sees A on the call and listens in through their own phone.
        const rowA = sup.page.locator(`.agent-live[data-agent="${s.agentA.id}"]`);
        await sup.page.locator(`.agent-live[data-agent="${s.agentA.id}"][data-state=on_call]`).waitFor({ timeout: 10_000 });
        await expectText(rowA.locator('.supervise'), s.supervisor.mobile);
        await rowA.locator('button[data-supervise=monitor]').click();
        await expectText(rowA.locator('.supervise [role=status]'), s.supervisor.mobile);
        const supLeg = await legTo(ctx, null, s.supervisor.e164);
        assert.equal(supLeg.supervises?.role, 'monitor');
        await shot(sup.page, 'phone-cc-live-dashboard-call');

        // The card speaks Korean: an incoming consult call, 보류 (not "Hold").
        await expectText(call.locator('.consult-tag'), '상담 전화 수신');
        await expectText(call.locator('button[data-action=hold]'), '보류');
        assert.doesNotMatch(await call.innerText(), /[A-Za-z]{2,}/);
        // Hold and back; the transfer list offers the ready agent B.
        await call.locator('button[data-action=hold]').click();
        await a.page.locator('.consult-call.held').waitFor({ timeout: 10_000 });
        await call.locator('button[data-action=unhold]').click();
        await a.page.locator('.consult-call:not(.held)').waitFor({ timeout: 10_000 });
        await call.locator('button[data-action=transfer]').click();
        await a.page.locator(`.transfer-list button[data-transfer-to="${s.agentB.id}"]`).waitFor({ timeout: 10_000 });
        await call.locator('button[data-action=transfer]').click();
        await shot(a.page, 'phone-cc-live-call');
        // A hangs up from the console; the wrap-up follows.
        await call.locator('button[data-action=hangup]').click();
        const wrap = a.page.locator('form.wrap-up');
        await wrap.waitFor({ timeout: 15_000 });
        await wrap.locator('select[name=categoryId]').selectOption({ label: s.category });
        const notes = '주차 요금 감면 대상 문의, 감면 기준과 신청 방법 안내함.';
        await wrap.locator('textarea[name=notes]').fill(notes);
        await expectText(wrap.locator('.counter'), `${notes.length}/1,024`);
        // Past the limit the counter says so and nothing is sent.
        await wrap.locator('textarea[name=notes]').fill('가'.repeat(1025));
        await expectText(wrap.locator('.counter'), '1,025/1,024');
        await wrap.locator('button[data-state=ready]').click();
        await wrap.locator('.field-error').waitFor();
        await wrap.locator('textarea[name=notes]').fill('가'.repeat(1024));
        await expectText(wrap.locator('.counter'), /1,024\/1,024 · 최대 글자 수입니다/);
        await wrap.locator('textarea[name=notes]').fill(notes);
        await shot(a.page, 'phone-cc-live-wrap-up');
        await wrap.locator('button[data-state=ready]').click();
        await a.page.locator('.state-name[data-state=ready]').waitFor({ timeout: 10_000 });
        await wrap.waitFor({ state: 'detached' });
        await expectText(a.page.locator('.console'), '상담 내용을 저장했습니다');
        // A's own performance today counts the call (on a phone, under its own tab).
        await a.page.locator('.console-tabs [data-tab=mine]').click();
        await expectText(a.page.locator('.my-figures [data-figure=myAnswered] dd'), '1');
        // The wrap-up is on the call's record.
        const asA = await apiSession(ctx, s.agentA);
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { calls } = await asA<{ calls: { id: string; wrapUp: { categoryName: string | null; hasNotes: boolean } | null }[] }>(
            'GET',
            '/cc/calls?view=mine',
          );
          const row = calls[0];
          if (row?.wrapUp?.categoryName === s.category && row.wrapUp.hasNotes) {
            const { call: detail } = await asA<{ call: { wrapUp: { notes: string } | null } }>('GET', `/cc/calls/${row.id}`);
            assert.equal(detail.wrapUp?.notes, notes);
            break;
          }
          if (Date.now() > deadline) assert.fail(`wrap-up not on the record: ${JSON.stringify(calls[0])}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        // The supervisor forces B onto a break with a reason; B's console shows it live.
        const rowB = sup.page.locator(`.agent-live[data-agent="${s.agentB.id}"]`);
        await rowB.locator(`button[data-force="${s.agentB.id}"]`).click();
        await rowB.locator('select[name=state]').selectOption('break');
        await rowB.locator('button[type=submit]').click();
        await rowB.locator('.field-error').waitFor();
        await rowB.locator('input[name=reason]').fill('교육 참석');
        await rowB.locator('button[type=submit]').click();
        await b.page.locator('.state-name[data-state=break]').waitFor({ timeout: 10_000 });
        await expectText(b.page.locator('.state-reason'), 'A supervisor changed your state.');
        await sup.page.locator(`.agent-live[data-agent="${s.agentB.id}"][data-state=break]`).waitFor({ timeout: 10_000 });
        for (const p of [a.page, b.page, sup.page]) {
          await notReloaded(p);
          await assertCleanScreen(p);
          assertNoPageErrors(p);
        }
        await shot(b.page, 'phone-cc-live-console-en');
      } finally {
        await a.context.close();
        await b.context.close();
        await sup.context.close();
      }
    },
  },
  {
    name: 'contact-center live: the supervisor’s dashboard on a phone in English and Korean, with queues, staffing hint, agents and graphs; the simulator page names the agents’ phones',
    async run(ctx) {
      const s = await setUp(ctx);
      for (const lang of ['en', undefined] as const) {
        const { page, context } = await newPage(ctx, PHONE, lang);
        try {
          await login(page, s.supervisor);
          await page.locator('.dashboard[data-live=open]').waitFor({ timeout: 15_000 });
          await expectText(page.locator('h1'), lang ? 'Live dashboard' : '실시간 현황');
          const card = page.locator(`.queue-live[data-queue="${s.queueId}"]`);
          await expectText(card, s.queueName);
          await expectText(card.locator('.staffing'), lang ? /agents needed.*ready.*working/ : /필요 상담사.*대기.*근무/);
          await page.locator(`.agent-live[data-agent="${s.agentA.id}"]`).waitFor();
          await page.locator('.graph-svg[role=img]').first().waitFor();
          if (lang) assert.doesNotMatch(await page.locator('h1').innerText(), /[가-힣]/);
          await assertCleanScreen(page);
          await shot(page, `phone-cc-live-dashboard${lang ? '-en' : ''}`);
          assertNoPageErrors(page);
        } finally {
          await context.close();
        }
      }
      // The simulator page lists the agents' phones with how they answer; a call ringing an agent is named.
      const { page, context } = await newPage(ctx);
      try {
        await page.goto('/_sim/');
        await page.locator(`select[data-agent-phone="${s.agentA.e164}"]`).waitFor({ timeout: 15_000 });
        await page.locator(`select[data-agent-phone="${s.agentA.e164}"]`).selectOption('after');
        await expectText(page.locator('#agentsSaved'), s.agentA.name);
        const { parties } = await sim<{ parties: { number: string; answer: string }[] }>(ctx, '/api/parties');
        assert.ok(parties.some((p) => p.number === s.agentA.e164 && p.answer === 'after'));
        await expectText(page.locator('#services'), s.service);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'contact-center live: the console on a phone in tabs (each a screen or two tall, kept over a reload, a consult call in sight on any tab) and the dashboard graph following calls answered and abandoned',
    async run(ctx) {
      const s = await setUp(ctx);
      await sim(ctx, '/api/parties', { number: s.agentA.mobile, answer: 'manual' });
      const a = await newPage(ctx, PHONE);
      const sup = await newPage(ctx, PHONE);
      try {
        await login(a.page, s.agentA);
        await consoleReady(a.page);
        await goReady(a.page);
        // Each tab holds its own section; the live part (state switch) stays above them all.
        const holds = { queue: '.queue-waiting', mine: '.my-figures', dial: '.dial-pad', graphs: '.graph-svg' } as const;
        const heights: string[] = [];
        for (const [tab, inside] of Object.entries(holds)) {
          await a.page.locator(`.console-tabs [data-tab=${tab}]`).click();
          await a.page.locator(`.console-tabs [data-tab=${tab}][aria-selected=true]`).waitFor();
          const panel = a.page.locator(`[role=tabpanel][data-panel=${tab}]`);
          await panel.locator(inside).first().waitFor({ timeout: 10_000 });
          for (const [other, not] of Object.entries(holds))
            if (other !== tab) assert.equal(await a.page.locator(not).count(), 0, `${not} shows on the ${tab} tab`);
          assert.ok(await a.page.locator('.state-card .state-button[data-state=ready]').isVisible(), `no state switch on the ${tab} tab`);
          const tall = await screensTall(a.page);
          heights.push(`${tab} ${tall.toFixed(2)}`);
          assert.ok(tall <= 2, `the ${tab} tab makes the console ${tall.toFixed(2)} screens tall`);
          await shot(a.page, `phone-cc-console-tab-${tab}`);
        }
        console.log(`    console height in screens of 844 px: ${heights.join(', ')}`);
        // The arrow keys move between tabs; the tab open survives a reload.
        await a.page.locator('.console-tabs [data-tab=graphs]').focus();
        await a.page.keyboard.press('ArrowLeft');
        await a.page.locator('.console-tabs [data-tab=dial][aria-selected=true]').waitFor();
        assert.equal(await a.page.evaluate(() => document.activeElement?.getAttribute('data-tab')), 'dial');
        await a.page.keyboard.press('ArrowRight');
        await a.page.locator('.console-tabs [data-tab=graphs][aria-selected=true]').waitFor();
        assert.equal(new URL(a.page.url()).hash, '#graphs');
        await a.page.reload();
        await consoleReady(a.page);
        await a.page.locator('.console-tabs [data-tab=graphs][aria-selected=true]').waitFor();
        await a.page.locator('[data-panel=graphs] .graph-svg').first().waitFor({ timeout: 10_000 });
        await a.page.locator('.state-name[data-state=ready]').waitFor({ timeout: 10_000 });
        // A fresh queue: the agent's graph (their one queue) starts empty today.
        await expectCalls(a.page, { inbound: 0, answered: 0, abandoned: 0 });

        // The supervisor's dashboard; the statistics it reads stay as they were at first, so whatever
        // the graph shows later came over the queues' sockets.
        let first: { status: number; body: string } | null = null;
        let statsReads = 0;
        await sup.page.route('**/api/cc/stats/hourly**', async (route) => {
          statsReads++;
          if (!first) {
            const res = await route.fetch();
            first = { status: res.status(), body: await res.text() };
          }
          await route.fulfill({ ...first, contentType: 'application/json' });
        });
        await login(sup.page, s.supervisor);
        await sup.page.locator('.dashboard[data-live=open]').waitFor({ timeout: 15_000 });
        await sup.page.locator('.dashboard .graph-svg desc').first().waitFor({ state: 'attached', timeout: 10_000 });
        const before = await todayCalls(sup.page, '.dashboard');
        for (const p of [a.page, sup.page]) await mark(p);

        // A citizen calls while the agent looks at the graphs, scrolled to the bottom: the consult
        // call shows at the top of the screen all the same.
        await a.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const one = await sim<{ callSessionId: string; callControlId: string }>(ctx, '/api/calls', { from: '010-5555-0178', to: s.service, timeScale: 0.1 });
        const offer = a.page.locator('.consult-offer');
        await expectText(offer, '010-5555-0178', 15_000);
        assert.ok(await inSight(a.page, '.consult-offer'), 'the consult call is out of sight on the graphs tab');
        await shot(a.page, 'phone-cc-console-offer-on-graphs');
        // The graphs count the caller in line, live, on both screens.
        await expectCalls(a.page, { inbound: 1, answered: 0, abandoned: 0 });
        await expectCalls(sup.page, { ...before, inbound: before.inbound + 1 }, '.dashboard');
        // The caller gives up while the agent's phone rings: abandoned, on both graphs.
        await legTo(ctx, one.callSessionId, s.agentA.e164);
        await sim(ctx, `/api/legs/${encodeURIComponent(one.callControlId)}/hangup`, {});
        await offer.waitFor({ state: 'detached', timeout: 15_000 });
        await expectCalls(a.page, { inbound: 1, answered: 0, abandoned: 1 });
        await expectCalls(sup.page, { ...before, inbound: before.inbound + 1, abandoned: before.abandoned + 1 }, '.dashboard');
        await a.page.locator('.state-name[data-state=ready]').waitFor({ timeout: 10_000 });

        // Another caller, while the agent is on the dial pad; this one is answered.
        await a.page.locator('.console-tabs [data-tab=dial]').click();
        await a.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const two = await sim<{ callSessionId: string }>(ctx, '/api/calls', { from: '010-5555-0179', to: s.service, timeScale: 0.1 });
        await expectText(offer, '010-5555-0179', 15_000);
        assert.ok(await inSight(a.page, '.consult-offer'), 'the consult call is out of sight on the dial tab');
        await shot(a.page, 'phone-cc-console-offer-on-dial');
        const leg = await legTo(ctx, two.callSessionId, s.agentA.e164);
        await sim(ctx, `/api/legs/${encodeURIComponent(leg.callControlId)}/answer`, {});
        await a.page.locator('.consult-call').waitFor({ timeout: 15_000 });
        const want = { inbound: before.inbound + 2, answered: before.answered + 1, abandoned: before.abandoned + 1 };
        await expectCalls(sup.page, want, '.dashboard');
        await a.page.locator('.console-tabs [data-tab=graphs]').click();
        await expectCalls(a.page, { inbound: 2, answered: 1, abandoned: 1 });
        await shot(sup.page, 'phone-cc-dashboard-graph-live');
        // The call on the line with the tabs below stays within two screens.
        const tall = await screensTall(a.page);
        assert.ok(tall <= 2, `a call on the line makes the console ${tall.toFixed(2)} screens tall`);
        await shot(a.page, 'phone-cc-console-call-graphs');
        await a.page.locator('.consult-call button[data-action=hangup]').click();
        await a.page.locator('.consult-call').waitFor({ state: 'detached', timeout: 15_000 });
        // Ended and recorded, the call still counts once.
        await new Promise((r) => setTimeout(r, 2_000));
        await expectCalls(sup.page, want, '.dashboard');
        await expectCalls(a.page, { inbound: 2, answered: 1, abandoned: 1 });
        assert.ok(statsReads >= 1);
        for (const p of [a.page, sup.page]) {
          await notReloaded(p);
          await assertCleanScreen(p);
          assertNoPageErrors(p);
        }
      } finally {
        await a.context.close();
        await sup.context.close();
      }
    },
  },
];
