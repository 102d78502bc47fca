// Statistics through the API (C10, C8, B5), with every figure computed by hand: the report by total,
// agent and category for today and yesterday, the CSV in Korean and English, the hourly graph data
// across Seoul's midnight, and the Erlang C staffing hint from the last 30 minutes.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../clock';
import { WORKING_INSTANT } from '../fixtures/flow-kit';
import { addDays, localDateOf, startOfLocalDay } from '../../worker/contact-center/periods';
import { globalDb } from '../../worker/db/client';
import { orgs, queues } from '../../worker/db/schema';
import { makeCall, makeCategory, makeQueue, makeWrapUp } from '../fixtures/contact-center';
import { login, makeOrg, makeUser, type Client } from '../fixtures/orgs';

type Row = Record<string, number | string | null> & { key: string | null; name: string | null };
type Report = {
  report: { period: { name: string; firstDate: string; lastDate: string }; group: string; serviceLevelSeconds: number; rows: Row[]; total: Row };
  timezone: string;
};
type ErrorBody = { error: { code: string; fields?: { field: string; code: string }[] } };

const TZ = 'Asia/Seoul';
const S = 1000;
// The whole file runs on a clock pinned to a Wednesday 11:00 in Seoul: "today" and the periods the
// routes compute are that day's, so a run that straddles midnight cannot split them.
afterAll(pinClock(WORKING_INSTANT));
const today = localDateOf(Date.now(), TZ);
const T = startOfLocalDay(today, TZ);

const w = {} as {
  org: { id: string; name: string };
  a1: string;
  a2: string;
  q1: string;
  cat1: string;
  cat2: string;
  agent: Client;
  sup: Client;
  staff: Client;
};

beforeAll(async () => {
  const org = await makeOrg();
  const a1 = await makeUser(org.id, { role: 'agent', name: '김상담' });
  const a2 = await makeUser(org.id, { role: 'agent', name: '이상담' });
  const sup = await makeUser(org.id, { role: 'supervisor' });
  const staff = await makeUser(org.id, { role: 'staff' });
  const q1 = await makeQueue(org.id, { name: '민원상담' });
  const cat1 = await makeCategory(org.id, '세금');
  const cat2 = await makeCategory(org.id, '주차');
  // Today (the org's zone): the fixture of worker/contact-center/stats.ts's definitions.
  const c1 = await makeCall(org.id, { at: T, queueId: q1, agentUserId: a1.id, wait: 20, talk: 100, acw: 20 }); // exactly 20 s: within
  const c2 = await makeCall(org.id, { at: T + 60 * S, queueId: q1, agentUserId: a2.id, wait: 25, talk: 200, acw: 40 });
  await makeCall(org.id, { at: T + 120 * S, queueId: q1, wait: 3, outcome: 'abandoned' }); // short abandon
  await makeCall(org.id, { at: T + 180 * S, queueId: q1, wait: 30, outcome: 'abandoned' });
  await makeCall(org.id, { at: T + 240 * S, queueId: q1, wait: 40, outcome: 'callback' });
  // Yesterday's last instant, and calls that are not inbound queue calls.
  await makeCall(org.id, { at: T - 1, queueId: q1, agentUserId: a2.id, wait: 5, talk: 50, acw: 10 });
  await makeCall(org.id, { at: T + 300 * S, kind: 'safe_number', talk: 10 });
  await makeCall(org.id, { at: T + 360 * S, kind: 'agent_outbound', agentUserId: a1.id, talk: 10 });
  await makeWrapUp(org.id, c1, a1.id, cat1, '');
  await makeWrapUp(org.id, c2, a2.id, cat2, '');
  // Another organisation: nothing of it may count.
  const other = await makeOrg();
  await makeCall(other.id, { at: T + 60 * S, queueId: await makeQueue(other.id), wait: 1, talk: 1 });
  Object.assign(w, {
    org,
    a1: a1.id,
    a2: a2.id,
    q1,
    cat1,
    cat2,
    agent: await login(org.name, a1.loginId),
    sup: await login(org.name, sup.loginId),
    staff: await login(org.name, staff.loginId),
  });
});

async function report(client: Client, query: string): Promise<Report> {
  const res = await client.fetch(`/api/cc/stats?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<Report>();
}

describe('statistics report', () => {
  it('today’s total: every figure of the definitions, by hand', async () => {
    const { report: r, timezone } = await report(w.agent, 'period=today');
    expect(timezone).toBe('Asia/Seoul');
    expect(r.period).toMatchObject({ name: 'today', firstDate: today, lastDate: today });
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0]!;
    expect(row).toMatchObject({
      key: null,
      inbound: 5,
      answered: 2,
      abandoned: 2,
      // The callback request: its own column, not an abandon, in no service-level denominator.
      callbacks: 1,
      answeredWithin: 1,
      answerRate: 0.4,
      serviceLevel: 0.5, // 1 within 20 s of 2 answered (the seed's definition)
      serviceLevelWithAbandons: 0.25, // 1 / (2 + 2)
      maxWaitSeconds: 40,
      averageHandleSeconds: 180, // (100 + 20 + 200 + 40) / 2
    });
    expect(row.serviceLevelWithoutShortAbandons).toBeCloseTo(1 / 3, 10); // 1 / (2 + 1): the 3 s abandon is short
    expect(row.averageWaitSeconds).toBeCloseTo(23.6, 10); // (20 + 25 + 3 + 30 + 40) / 5
    expect(r.total).toEqual(row);
  });

  it('by agent and by category: rows add up, the unassigned last; yesterday is its own period', async () => {
    const byAgent = (await report(w.sup, 'period=today&group=agent')).report.rows;
    expect(byAgent.map((x) => [x.key, x.name, x.inbound, x.answered, x.abandoned, x.serviceLevel, x.averageHandleSeconds])).toEqual([
      [w.a1, '김상담', 1, 1, 0, 1, 120],
      [w.a2, '이상담', 1, 1, 0, 0, 240],
      [null, null, 3, 0, 2, null, null],
    ]);
    // The total row is the population's own figures, not an average of the rows'.
    const agentReport = (await report(w.sup, 'period=today&group=agent')).report;
    expect(agentReport.total).toMatchObject({
      key: null,
      inbound: 5,
      answered: 2,
      abandoned: 2,
      callbacks: 1,
      answerRate: 0.4,
      serviceLevel: 0.5,
      maxWaitSeconds: 40,
    });
    expect(agentReport.total.averageWaitSeconds).toBeCloseTo(23.6, 10);
    const byCategory = (await report(w.sup, 'period=today&group=category')).report.rows;
    expect(byCategory.map((x) => [x.key, x.name, x.inbound, x.answered])).toEqual([
      [w.cat1, '세금', 1, 1],
      [w.cat2, '주차', 1, 1],
      [null, null, 3, 0],
    ]);
    const y = (await report(w.agent, 'period=yesterday')).report;
    expect(y.period).toMatchObject({ firstDate: addDays(today, -1), lastDate: addDays(today, -1) });
    expect(y.rows[0]).toMatchObject({ inbound: 1, answered: 1, serviceLevel: 1, averageHandleSeconds: 60 });
    expect((await report(w.agent, `period=today&queueId=${w.q1}`)).report.rows[0]).toMatchObject({ inbound: 5 });
  });

  it('refuses bad queries with codes; staff get 403', async () => {
    const foreign = await makeQueue((await makeOrg()).id);
    for (const [query, field, code] of [
      ['period=forever', 'period', 'choice'],
      ['group=team', 'group', 'choice'],
      [`queueId=${foreign}`, 'queueId', 'not_in_org'],
    ] as const) {
      const res = await w.agent.fetch(`/api/cc/stats?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields).toContainEqual(expect.objectContaining({ field, code }));
    }
    for (const path of ['/api/cc/stats', '/api/cc/stats/csv', '/api/cc/stats/hourly', '/api/cc/stats/staffing']) {
      expect((await w.staff.fetch(path)).status, path).toBe(403);
    }
  });
});

describe('CSV export', () => {
  it('Korean headers by default, English on request; one row per group, BOM and CRLF, percentages and seconds rounded', async () => {
    const ko = await w.sup.fetch('/api/cc/stats/csv?period=today&group=agent');
    expect(ko.status).toBe(200);
    expect(ko.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(ko.headers.get('content-disposition')).toBe(`attachment; filename="contact-center-agent-${today}_${today}.csv"`);
    const bytes = new Uint8Array(await ko.arrayBuffer());
    // The UTF-8 byte-order mark first, so Excel reads the Korean as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8').decode(bytes.slice(3));
    expect(text.split('\r\n')).toEqual([
      '구분,인입,응답,포기,콜백 요청,응답률(%),서비스레벨(%),서비스레벨-포기 포함(%),서비스레벨-단기포기 제외(%),평균 대기(초),최대 대기(초),평균 처리시간(초)',
      '김상담,1,1,0,0,100,100,100,100,20,20,120',
      '이상담,1,1,0,0,100,0,0,0,25,25,240',
      '상담사 없음,3,0,2,1,0,,0,0,24.3,40,',
      '합계,5,2,2,1,40,50,25,33.3,23.6,40,180',
      '',
    ]);
    const en = await (await w.sup.fetch('/api/cc/stats/csv?period=today&lang=en')).text();
    expect(en.replace('\uFEFF', '').split('\r\n')).toEqual([
      'Group,Inbound,Answered,Abandoned,Callback requests,Answer rate (%),Service level (%),Service level incl. abandons (%),Service level excl. short abandons (%),Average wait (s),Maximum wait (s),Average handle time (s)',
      'Total,5,2,2,1,40,50,25,33.3,23.6,40,180',
      '',
    ]);
    const cat = await (await w.sup.fetch('/api/cc/stats/csv?period=today&group=category&lang=en')).text();
    expect(cat.split('\r\n').slice(-3, -1)).toEqual(['No category,3,0,2,1,0,,0,0,24.3,40,', 'Total,5,2,2,1,40,50,25,33.3,23.6,40,180']);
    expect((await w.sup.fetch('/api/cc/stats/csv?lang=ja')).status).toBe(400);
  });
});

describe('hourly graph data (C8)', () => {
  it('yesterday and today by local hour: the call at 23:59:59.999 is yesterday’s hour 23, midnight is today’s hour 0', async () => {
    const res = await w.agent.fetch('/api/cc/stats/hourly');
    expect(res.status).toBe(200);
    const body = await res.json<{
      timezone: string;
      days: {
        day: string;
        date: string;
        hours: { hour: number; inbound: number; answered: number; averageWaitSeconds: number | null; maxWaitSeconds: number | null }[];
      }[];
    }>();
    expect(body.timezone).toBe('Asia/Seoul');
    expect(body.days.map((d) => [d.day, d.date, d.hours.length])).toEqual([
      ['yesterday', addDays(today, -1), 24],
      ['today', today, 24],
    ]);
    const [y, t] = body.days;
    expect(y?.hours.filter((h) => h.inbound > 0)).toEqual([
      expect.objectContaining({ hour: 23, inbound: 1, answered: 1, averageWaitSeconds: 5, maxWaitSeconds: 5 }),
    ]);
    // All five of today's calls arrived within 00:00–00:04.
    expect(t?.hours[0]).toMatchObject({ hour: 0, inbound: 5, answered: 2, maxWaitSeconds: 40 });
    expect(t?.hours[0]?.averageWaitSeconds).toBeCloseTo(23.6, 10);
    expect(t?.hours.slice(1).every((h) => h.inbound === 0)).toBe(true);
  });
});

describe('staffing hint (B5)', () => {
  it('Erlang C from the last 30 minutes: 6 arrivals × 300 s handle = 1 erlang → 3 agents for 80 % in 20 s (2 reach only 68.8 %)', async () => {
    const org = await makeOrg();
    const sup = await makeUser(org.id, { role: 'supervisor' });
    const client = await login(org.name, sup.loginId);
    const q = await makeQueue(org.id);
    const now = Date.now();
    for (let i = 0; i < 3; i++) await makeCall(org.id, { at: now - (25 - i) * 60 * S, queueId: q, agentUserId: sup.id, wait: 10, talk: 240, acw: 60 });
    for (let i = 0; i < 3; i++) await makeCall(org.id, { at: now - (20 - i) * 60 * S, queueId: q, wait: 10, outcome: 'abandoned' });
    // Older than the window, and not a queue call: not counted.
    await makeCall(org.id, { at: now - 40 * 60 * S, queueId: q, agentUserId: sup.id, wait: 1, talk: 10 });
    await makeCall(org.id, { at: now - 5 * 60 * S, kind: 'safe_number', talk: 10 });

    const res = await client.fetch('/api/cc/stats/staffing');
    expect(res.status).toBe(200);
    const { staffing } = await res.json<{ staffing: Record<string, unknown> & { hint: Record<string, number | boolean> } }>();
    expect(staffing).toMatchObject({
      queueId: null,
      windowSeconds: 1800,
      arrivals: 6,
      handleSeconds: 300,
      handleSource: 'window',
      targetSeconds: 20,
      targetLevel: 0.8,
    });
    expect(staffing.hint).toMatchObject({ agents: 3, traffic: 1, capped: false });
    // C(3, 1) = 1/11; SL = 1 − C·e^(−2·20/300).
    expect(staffing.hint.probabilityOfWaiting).toBeCloseTo(1 / 11, 10);
    expect(staffing.hint.serviceLevel).toBeCloseTo(1 - Math.exp(-40 / 300) / 11, 10);

    // A queue's own threshold and target win: 10 s at 90 % still needs 3 (1 − e^(−20/300)/11 ≈ 0.915).
    await globalDb(env).update(orgs).set({ serviceLevelTargetPercent: 50 }).where(eq(orgs.id, org.id));
    await globalDb(env).update(queues).set({ serviceLevelSeconds: 10, serviceLevelTargetPercent: 90 }).where(eq(queues.id, q));
    const one = await (
      await client.fetch(`/api/cc/stats/staffing?queueId=${q}`)
    ).json<{ staffing: { targetSeconds: number; targetLevel: number; hint: { agents: number } } }>();
    expect(one.staffing).toMatchObject({ targetSeconds: 10, targetLevel: 0.9, hint: { agents: 3 } });
  });

  it('without answered calls in the window the handle time comes from the last 30 days, else the default; nothing arriving needs nobody', async () => {
    const org = await makeOrg();
    const sup = await makeUser(org.id, { role: 'supervisor' });
    const client = await login(org.name, sup.loginId);
    const q = await makeQueue(org.id);
    const get = async () =>
      (
        await (
          await client.fetch('/api/cc/stats/staffing')
        ).json<{ staffing: { arrivals: number; handleSeconds: number; handleSource: string; hint: { agents: number } } }>()
      ).staffing;
    expect(await get()).toMatchObject({ arrivals: 0, handleSeconds: 180, handleSource: 'default', hint: { agents: 0 } });
    await makeCall(org.id, { at: Date.now() - 3 * 86_400_000, queueId: q, agentUserId: sup.id, wait: 1, talk: 100, acw: 20 });
    await makeCall(org.id, { at: Date.now() - 60 * S, queueId: q, wait: 1, outcome: 'abandoned' });
    expect(await get()).toMatchObject({ arrivals: 1, handleSeconds: 120, handleSource: 'last_30_days' });
  });
});
