// Contact-center suites on a phone (issue 11): agents and supervisors get 모바일 콘택트 with its own
// menu; a supervisor sets up a queue, its agents and levels, consult categories and the policy; the
// statistics show the hand-computed figures of the seeded calls (test/browser/server.ts) with their
// definitions and a CSV in the reader's language; history, wrap-up and callbacks do their jobs.
// Korean and English, no CSP violations, no raw keys.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  apiSession,
  assertCleanScreen,
  assertNoPageErrors,
  type Ctx,
  DESKTOP,
  expectText,
  login,
  navigate,
  newPage,
  openMenu,
  PHONE,
  shot,
  type Suite,
  unique,
} from '../helpers';
import { CC_PASSWORD, CC_USERS, QUEUE_NAME, RECORDING } from '../server';

type Who = keyof typeof CC_USERS;
const account = (ctx: Ctx, who: Who) => ({ org: ctx.admin.org, loginId: CC_USERS[who].loginId, password: CC_PASSWORD });

async function settle(page: Page): Promise<void> {
  await page.locator('h1').waitFor();
  await page.waitForFunction(() => !document.querySelector('[role=status]')?.textContent?.match(/불러오는 중|Loading/));
}

async function menuHrefs(page: Page): Promise<string[]> {
  await openMenu(page);
  const hrefs = await page.locator('#main-menu a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  await page.locator('.menu-button').click();
  return hrefs;
}

/** Each screen of the contact center opens cleanly; in English no heading is Korean. */
async function tour(ctx: Ctx, who: Who, lang?: 'en') {
  const { page, context } = await newPage(ctx, PHONE, lang);
  try {
    await login(page, account(ctx, who));
    await settle(page);
    await expectText(page.locator('.topbar .brand'), lang ? 'Mobile Contact' : '모바일 콘택트');
    // The home is the live console for agents and the live dashboard for supervisors (its own
    // suite, contact-center-live.ts, drives them); the seeded calls' figures are checked on statistics.
    const home = who === 'supervisor' ? (lang ? 'Live dashboard' : '실시간 현황') : lang ? 'Console' : '상담 메인';
    await expectText(page.locator('h1'), home);
    if (who !== 'supervisor') await page.locator('.state-card').waitFor();
    const hrefs = await menuHrefs(page);
    for (const h of ['/cc/history', '/cc/callbacks', '/cc/stats']) assert.ok(hrefs.includes(h), `${who} menu lacks ${h}`);
    assert.equal(
      hrefs.some((h) => h.startsWith('/admin')),
      false,
    );
    const manager = who === 'supervisor';
    assert.equal(hrefs.includes('/cc/queues'), manager);
    // Each screen once in the menu: the home is the console (agent) or the live dashboard
    // (supervisor), never also under its own address; no safe-number screens without a number.
    assert.equal(new Set(hrefs).size, hrefs.length, `${who} menu repeats an entry: ${hrefs.join(' ')}`);
    assert.equal(hrefs.includes('/cc/dashboard'), false, hrefs.join(' '));
    assert.equal(hrefs.includes('/cc/console'), manager, hrefs.join(' '));
    for (const h of ['/history', '/settings', '/check']) assert.equal(hrefs.includes(h), false, `${who} menu offers ${h}`);
    // A tab bar on the phone with the daily screens.
    const tabs = await page.locator('.tabbar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.deepEqual(tabs, manager ? ['/', '/cc/console', '/cc/history', '/cc/callbacks'] : ['/', '/cc/history', '/cc/callbacks', '/cc/stats']);
    // Three different "log outs" are named apart: the app's, the contact center's, the state.
    if (!lang) {
      await openMenu(page);
      await expectText(page.locator('#main-menu .logout'), '로그아웃');
      await page.locator('.menu-button').click();
    }
    await shot(page, `phone-cc-home-${who}${lang ? '-en' : ''}`);
    const screens = ['/cc/history', '/cc/callbacks', '/cc/stats', ...(manager ? ['/cc/queues', '/cc/categories', '/cc/settings'] : [])];
    for (const href of screens) {
      await navigate(page, href);
      await settle(page);
      if (lang) assert.doesNotMatch(await page.locator('h1').innerText(), /[가-힣]/);
      await assertCleanScreen(page);
      await shot(page, `phone-cc-${href.split('/').pop()}-${who}${lang ? '-en' : ''}`);
    }
    // "All calls" is for supervisors; agents do not see the tab, and management is not theirs.
    await navigate(page, '/cc/history');
    assert.equal(await page.locator('.tabs a[href="/cc/history/all"]').count(), manager ? 1 : 0);
    // A supervisor opens on all calls of their queues, an agent on their own.
    await expectText(page.locator('.tabs a[aria-current=page]'), manager ? (lang ? /All/ : '전체') : lang ? /My/ : '내 전화');
    if (!manager) {
      await page.goto('/cc/queues');
      await expectText(page.locator('h1'), lang ? 'Page not found' : '페이지를 찾을 수 없습니다');
    }
    assertNoPageErrors(page);
  } finally {
    await context.close();
  }
}

export const CONTACT_CENTER_SUITES: Suite[] = [
  {
    name: 'contact center: agents and supervisors get 모바일 콘택트, its menu and screens, on a phone in Korean and English; admins keep 안심번호',
    async run(ctx) {
      await tour(ctx, 'supervisor');
      await tour(ctx, 'agent1', 'en');
      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, ctx.admin);
        await expectText(page.locator('.topbar .brand'), '안심번호');
        const hrefs = await menuHrefs(page);
        for (const h of ['/cc/stats', '/cc/queues', '/admin/users']) assert.ok(hrefs.includes(h), `admin menu lacks ${h}`);
        // The org settings screen carries the contact-center policy as its own form.
        await navigate(page, '/admin/org');
        await page.locator('form[data-form=cc-settings]').waitFor();
        await assertCleanScreen(page);
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'contact-center management on a phone: a queue, its settings (a bad value refused), agents at levels, categories in order, the policy; English too',
    async run(ctx) {
      const sup = await apiSession(ctx, account(ctx, 'supervisor'));
      const { page, context } = await newPage(ctx, PHONE);
      page.on('dialog', (d) => void d.accept());
      try {
        await login(page, account(ctx, 'supervisor'));
        await navigate(page, '/cc/queues');
        await expectText(page.locator('.list'), QUEUE_NAME);
        const name = `복지상담${unique()}`;
        const add = page.locator('form[aria-labelledby=queue-new]');
        await add.locator('input[name=name]').fill(name);
        await add.locator('button[type=submit]').click();
        await page.waitForURL(/\/cc\/queues\/que_/);
        const queueId = page.url().split('/').pop() ?? '';

        const settings = page.locator('form[data-form=queue-settings]');
        await settings.locator('input[name=name]').waitFor();
        await settings.locator('textarea[name=greetingText]').fill('복지상담센터입니다. 잠시만 기다려 주세요.');
        await settings.locator('input[name=holdMusicUrl]').fill('http://cdn.example.kr/hold.mp3');
        await settings.locator('input[name=ringTimeoutSeconds]').fill('300');
        await settings.locator('button[type=submit]').click();
        await expectText(settings.locator('.field-error'), 'https://로 시작하는 주소');
        await expectText(settings.locator('.field-error'), '5~120 사이의 정수');
        await settings.locator('input[name=holdMusicUrl]').fill('https://cdn.example.kr/hold.mp3');
        await settings.locator('input[name=ringTimeoutSeconds]').fill('15');
        await settings.locator('select[name=strategy]').selectOption('round_robin');
        await settings.locator('select[name=agentStateAfterCall]').selectOption('ready');
        await settings.locator('input[name=acwLimitSeconds]').fill('120');
        await settings.locator('button[type=submit]').click();
        await expectText(settings.locator('.alert-ok'), '저장되었습니다');

        const members = page.locator('form[data-form=queue-members]');
        const agentRow = (who: Who) => members.locator('li.member', { hasText: CC_USERS[who].loginId });
        await agentRow('agent2').locator('input[type=checkbox]').check();
        await agentRow('agent1').locator('input[type=checkbox]').check();
        await agentRow('agent1').locator('select').selectOption('2');
        await members.locator('button[type=submit]').click();
        await expectText(members.locator('.alert-ok'), '저장했습니다');
        await shot(page, 'phone-cc-queue-settings');

        const { queue } = await sup<{ queue: Record<string, unknown> & { members: { loginId: string; level: number }[] } }>('GET', `/cc/queues/${queueId}`);
        assert.deepEqual(
          {
            hold: queue.holdMusicUrl,
            ring: queue.ringTimeoutSeconds,
            strategy: queue.strategy,
            after: queue.agentStateAfterCall,
            acw: queue.acwLimitSeconds,
            sl: queue.serviceLevelSeconds,
          },
          { hold: 'https://cdn.example.kr/hold.mp3', ring: 15, strategy: 'round_robin', after: 'ready', acw: 120, sl: null },
        );
        assert.deepEqual(
          queue.members.map((m) => [m.loginId, m.level]),
          [
            [CC_USERS.agent2.loginId, 1],
            [CC_USERS.agent1.loginId, 2],
          ],
        );

        // Consult categories: add one, move it to the top, switch it off.
        await navigate(page, '/cc/categories');
        const cat = `세금${unique()}`;
        const addCat = page.locator('form[aria-labelledby=category-new]');
        await addCat.locator('input[name=name]').fill(cat);
        await addCat.locator('button[type=submit]').click();
        const row = page.locator('.list .row', { hasText: cat });
        await row.waitFor();
        while ((await page.locator('.list .row').first().innerText()).includes(cat) === false) {
          await row.locator('button', { hasText: '위로' }).click();
          await page.waitForTimeout(150);
        }
        await row.locator('button', { hasText: '사용 중지' }).click();
        await expectText(row, '사용 중지');
        await expectText(row, '다시 사용');
        const { categories } = await sup<{ categories: { name: string; disabled: boolean }[] }>('GET', '/cc/categories');
        assert.deepEqual(categories[0], { ...categories[0], name: cat, disabled: true });
        await shot(page, 'phone-cc-categories');

        // The policy: a bad value is named, a good one saved.
        await navigate(page, '/cc/settings');
        const policy = page.locator('form[data-form=cc-settings]');
        await policy.locator('input[name=serviceLevelTargetPercent]').fill('100');
        await policy.locator('button[type=submit]').click();
        await expectText(policy.locator('.field-error'), '1~99 사이의 정수');
        await policy.locator('input[name=serviceLevelTargetPercent]').fill('90');
        await policy.locator('select[name=agentStateAfterLogin]').selectOption('ready');
        await policy.locator('button[type=submit]').click();
        await expectText(policy.locator('.alert-ok'), '저장되었습니다');
        const { settings: saved } = await sup<{ settings: Record<string, unknown> }>('GET', '/admin/org/contact-center');
        assert.equal(saved.serviceLevelTargetPercent, 90);
        assert.equal(saved.agentStateAfterLogin, 'ready');
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }

      // In English: the queue screen says what is wrong in English.
      const en = await newPage(ctx, PHONE, 'en');
      try {
        await login(en.page, account(ctx, 'supervisor'));
        await navigate(en.page, '/cc/queues');
        await en.page.locator('.list .row', { hasText: QUEUE_NAME }).locator('a').click();
        const form = en.page.locator('form[data-form=queue-settings]');
        await form.locator('input[name=maxWaitSeconds]').fill('5');
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.field-error'), 'Enter a whole number from 10 to 3600.');
        assert.doesNotMatch(await en.page.locator('h1').innerText(), /[가-힣]/);
        await shot(en.page, 'phone-cc-queue-en');
        await assertCleanScreen(en.page);
        assertNoPageErrors(en.page);
      } finally {
        await en.context.close();
      }
    },
  },
  {
    name: 'contact-center statistics at 1280 px: by agent with the total row, every column visible without scrolling; an empty period says so',
    async run(ctx) {
      const { page, context } = await newPage(ctx, DESKTOP);
      try {
        await login(page, account(ctx, 'supervisor'));
        await page.goto('/cc/stats');
        await settle(page);
        await page.locator('.stats-table tfoot').waitFor();
        // Neither the table nor the page scrolls sideways at 1280 px.
        const overflow = await page.evaluate(() => {
          const wrap = document.querySelector('.table-wrap') as HTMLElement;
          return { wrap: wrap.scrollWidth - wrap.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
        });
        assert.deepEqual(overflow, { wrap: 0, page: 0 });
        assert.equal(await page.locator('.stats-table thead th').count(), 13);
        await shot(page, 'desktop-cc-stats-1280');
        await page.locator('select[name=period]').selectOption('yesterday');
        await expectText(page.locator('.stats-empty'), '이 기간에 들어온 전화가 없습니다');
        assert.equal(await page.locator('.stats-table').count(), 0);
        await assertCleanScreen(page);
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'contact-center statistics on a phone in Korean and English: the hand-computed figures, the definitions, a CSV in the reader’s language',
    async run(ctx) {
      for (const lang of [undefined, 'en'] as const) {
        const { page, context } = await newPage(ctx, PHONE, lang);
        try {
          await login(page, account(ctx, 'supervisor'));
          await navigate(page, '/cc/stats');
          await settle(page);
          const cell = (label: string) => page.locator(`.stats-table tbody tr td[data-label="${label}"]`);
          // By agent (the default): one row per agent who answered, and the unanswered calls apart.
          await expectText(page.locator('.stats-table tbody'), CC_USERS.agent1.name);
          await expectText(page.locator('.stats-table tbody'), CC_USERS.agent2.name);
          await expectText(page.locator('.stats-table tbody'), lang ? 'No agent' : '상담사 없음');
          // The total row last, the population's own figures.
          await expectText(page.locator('.stats-table tfoot th'), lang ? 'Total' : '합계');
          assert.equal((await page.locator(`.stats-table tfoot td[data-label="${lang ? 'Inbound' : '인입'}"]`).innerText()).trim(), '4');
          await page.locator('select[name=group]').selectOption('total');
          await expectText(page.locator('.stats-table tbody th'), lang ? 'Total' : '합계');
          const figures = lang
            ? {
                Inbound: '4',
                Answered: '2',
                Abandoned: '1',
                Callbacks: '1',
                'Answer rate': '50%',
                'Service level': '50%',
                'SL incl. abandons': '33.3%',
                'SL excl. short abandons': '33.3%',
                'Avg wait': '33 s',
                'Max wait': '50 s',
                'Avg handle time': '2 min 0 s',
              }
            : {
                인입: '4',
                응답: '2',
                포기: '1',
                '콜백 요청': '1',
                응답률: '50%',
                서비스레벨: '50%',
                'SL(포기 포함)': '33.3%',
                'SL(단기 포기 제외)': '33.3%',
                '평균 대기': '33초',
                '최대 대기': '50초',
                '평균 처리시간': '2분 0초',
              };
          for (const [label, value] of Object.entries(figures)) assert.equal((await cell(label).innerText()).trim(), value, label);
          await page.locator('details.definitions summary').click();
          await expectText(page.locator('details.definitions'), lang ? 'Service level (the manual’s definition)' : '서비스레벨(매뉴얼 정의)');
          await shot(page, `phone-cc-stats-total${lang ? '-en' : ''}`);

          const href = (await page.locator('a[download]').getAttribute('href')) ?? '';
          assert.ok(href.startsWith('/api/cc/stats/csv?'), href);
          const csv = await context.request.get(href);
          assert.equal(csv.status(), 200);
          assert.equal(csv.headers()['content-type'], 'text/csv; charset=utf-8');
          const text = (await csv.body()).toString('utf8');
          assert.ok(text.startsWith(lang ? '\uFEFFGroup,Inbound,Answered' : '\uFEFF구분,인입,응답'), text.slice(0, 40));
          assert.ok(text.includes(lang ? 'Total,4,2,1,1,50,50,33.3,33.3,33,50,120' : '합계,4,2,1,1,50,50,33.3,33.3,33,50,120'), text);
          await assertCleanScreen(page);
          assertNoPageErrors(page);
        } finally {
          await context.close();
        }
      }
    },
  },
  {
    name: 'contact-center history and callbacks on a phone: my calls, the wrap-up with its live counter, call back asks an agent who is not logged in to log in first, a callback marked done',
    async run(ctx) {
      const agent = await apiSession(ctx, account(ctx, 'agent1'));
      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, account(ctx, 'agent1'));
        await navigate(page, '/cc/history');
        const mine = page.locator('.list .row', { hasText: '010-5555-0101' });
        await mine.waitFor();
        assert.equal(await page.locator('.list .row').count(), 1);
        await mine.locator('button.call-back').click();
        await expectText(mine.locator('.alert-error'), '먼저 상담 시작을 누르세요');
        await mine.locator('a.call-link').click();
        await page.waitForURL(/\/cc\/calls\//);

        const form = page.locator('form[aria-labelledby=wrapup-title]');
        const notes = form.locator('textarea[name=notes]');
        await notes.waitFor();
        assert.equal(await notes.inputValue(), '주차 요금 문의 안내');
        await notes.fill('가'.repeat(1030));
        await expectText(form.locator('.counter'), '1030/1024자');
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.field-error'), '최대 1024자');
        const note = '주차 요금 문의: 감면 대상 안내, 재문의 시 콜백 예정';
        await notes.fill(note);
        await expectText(form.locator('.counter'), `${note.length}/1024자`);
        await form.locator('button[type=submit]').click();
        await expectText(form.locator('.alert-ok'), '후처리 내용을 저장했습니다');
        const { call } = await agent<{ call: { wrapUp: { notes: string } } }>('GET', '/cc/calls/call_browser_1');
        assert.equal(call.wrapUp.notes, note);
        await expectText(page.locator('.recording-slot'), '녹음이 없습니다');
        await shot(page, 'phone-cc-call-detail');

        await page.goto('/cc/history/unanswered');
        await expectText(page.locator('.list'), '010-5555-0103');
        await expectText(page.locator('.list'), '010-5555-0104');

        await navigate(page, '/cc/callbacks');
        const request = page.locator('.list .row', { hasText: '010-5555-0104' });
        await expectText(request, '50초 기다린 뒤 요청');
        await request.locator('button', { hasText: '처리 완료' }).click();
        await expectText(page.locator('.alert-ok'), '처리 목록으로 옮겼습니다');
        await page.locator('.tabs a[href="/cc/callbacks/done"]').click();
        await expectText(page.locator('.list .row', { hasText: '010-5555-0104' }), `${CC_USERS.agent1.name} ·`);
        await shot(page, 'phone-cc-callbacks-done');
        await assertCleanScreen(page);
        assertNoPageErrors(page);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'contact-center recording on a phone: the queue’s supervisor plays agent2’s call from history (ranged, audited, by name in the audit log); agent1 is not offered it',
    async run(ctx) {
      const { page, context } = await newPage(ctx, PHONE);
      try {
        await login(page, account(ctx, 'supervisor'));
        await page.goto('/cc/history/all');
        const row = page.locator('.list .row', { hasText: '010-5555-0102' });
        await row.locator('a.call-link').click();
        await page.waitForURL(/\/cc\/calls\/call_browser_2/);
        const slot = page.locator('.recording-slot');
        const audio = slot.locator('audio');
        await audio.waitFor();
        assert.equal(await audio.getAttribute('src'), `/api/recordings/${RECORDING.id}`);
        const streamed = page.waitForResponse((r) => r.url().includes(`/api/recordings/${RECORDING.id}`) && r.request().method() === 'GET');
        await audio.evaluate((el: HTMLAudioElement) => el.play());
        const res = await streamed;
        assert.ok([200, 206].includes(res.status()), `stream answered ${res.status()}`);
        assert.match(res.headers()['accept-ranges'] ?? '', /bytes/);
        // It really plays: time moves on.
        await page.waitForFunction(() => ((document.querySelector('.recording-slot audio') as HTMLAudioElement | null)?.currentTime ?? 0) > 0.2, undefined, {
          timeout: 10_000,
        });
        await shot(page, 'phone-cc-recording-supervisor');
        await assertCleanScreen(page);
        assertNoPageErrors(page);

        // Audited under the supervisor's name, the recording named as the target.
        const admin = await apiSession(ctx, ctx.admin);
        const { entries } = await admin<{ entries: { actorName: string | null; targetType: string; targetId: string }[] }>(
          'GET',
          '/admin/audit?action=recording.played',
        );
        assert.ok(
          entries.some((e) => e.actorName === CC_USERS.supervisor.name && e.targetType === 'recording' && e.targetId === RECORDING.id),
          JSON.stringify(entries),
        );
        // agent1 did not take the call: its detail is not theirs, and the stream refuses them too.
        const agent1 = await apiSession(ctx, account(ctx, 'agent1'));
        await assert.rejects(() => agent1('GET', '/cc/calls/call_browser_2'), /404/);
        await assert.rejects(() => agent1('GET', `/recordings/${RECORDING.id}`), /404/);
      } finally {
        await context.close();
      }
    },
  },
];
