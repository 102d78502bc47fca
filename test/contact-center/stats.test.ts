// Statistics (C10) over a real D1 with the real migrations: a fixture of calls, wrap-ups and agent
// state rows around every period boundary in Asia/Seoul, with every figure computed by hand.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { statsCsv } from '../../worker/contact-center/stats';
import { recordAgentState, setCallAcw } from '../../worker/db/agent-states';
import { agentStateHistory, calls, consultCategories, queues, wrapUps } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { statsReport } from '../../worker/db/stats';
import { rebuildOrgRollups } from '../../worker/db/stats-rollups';
import { newId } from '../../worker/ids';
import { makeOrg, makeUser } from '../fixtures/orgs';

/** An instant given as Seoul wall-clock time. */
const kst = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+09:00`);
/** Wednesday 2025-03-05 10:00 in Seoul. */
const NOW = kst('2025-03-05 10:00:00.000');
const S = 1000;

type CallFact = {
  at: string;
  queue?: 'q1' | 'q2';
  agent?: 'a1' | 'a2';
  outcome: 'connected' | 'abandoned' | 'callback';
  wait: number;
  talk?: number;
  acw?: number | null;
  category?: 'cat1' | 'cat2';
  kind?: 'queue' | 'safe_number' | 'agent_outbound';
};

// Waits, talk and ACW in seconds. q2 has its own 10 s threshold; the org keeps 20 s; short abandons < 5 s.
const FACTS: CallFact[] = [
  /* 1 */ { at: '2025-03-05 00:00:00.000', agent: 'a1', outcome: 'connected', wait: 20, talk: 100, acw: 20, category: 'cat1' }, // today's first instant; exactly 20 s is within
  /* 2 */ { at: '2025-03-05 09:00:00.000', agent: 'a2', outcome: 'connected', wait: 25, talk: 200, acw: 40, category: 'cat2' },
  /* 3 */ { at: '2025-03-05 09:10:00.000', outcome: 'abandoned', wait: 3 }, // short abandon
  /* 4 */ { at: '2025-03-05 09:20:00.000', outcome: 'abandoned', wait: 30 },
  /* 5 */ { at: '2025-03-05 09:30:00.000', queue: 'q2', agent: 'a1', outcome: 'connected', wait: 12, talk: 60, acw: null }, // 12 s > q2's 10 s; ACW still running
  /* 6 */ { at: '2025-03-05 09:40:00.000', outcome: 'callback', wait: 40 },
  /* 7 */ { at: '2025-03-04 23:59:59.999', agent: 'a2', outcome: 'connected', wait: 5, talk: 50, acw: 10, category: 'cat1' }, // yesterday's last instant
  /* 8 */ { at: '2025-03-03 00:00:00.000', outcome: 'abandoned', wait: 10 }, // Monday 00:00: this week
  /* 9 */ { at: '2025-03-02 23:59:59.999', agent: 'a1', outcome: 'connected', wait: 30, talk: 90, acw: 0, category: 'cat2' }, // Sunday: last week
  /* 10 */ { at: '2025-03-01 00:00:00.000', agent: 'a1', outcome: 'connected', wait: 1, talk: 30, acw: 30, category: 'cat1' }, // this month's first instant
  /* 11 */ { at: '2025-02-28 23:59:59.999', outcome: 'abandoned', wait: 4 }, // last month, short abandon
  /* 12 */ { at: '2025-02-04 00:00:00.000', agent: 'a2', outcome: 'connected', wait: 15, talk: 120, acw: 0, category: 'cat1' }, // first day of the last 30
  /* 13 */ { at: '2025-02-03 23:59:59.999', agent: 'a1', outcome: 'connected', wait: 2, talk: 10, acw: 0, category: 'cat1' }, // outside every period
  /* 14 */ { at: '2025-03-05 09:50:00.000', kind: 'safe_number', outcome: 'connected', wait: 1, talk: 10 }, // not a queue call
  /* 15 */ { at: '2025-03-05 09:55:00.000', kind: 'agent_outbound', agent: 'a1', outcome: 'connected', wait: 1, talk: 10 }, // outbound
];

let orgId = '';
let otherOrgId = '';
const ids: Record<string, string> = {};

async function seed(org: string, facts: CallFact[]) {
  const scope = dbFor(env, org);
  const a1 = await makeUser(org, { role: 'agent', name: '김상담' });
  const a2 = await makeUser(org, { role: 'agent', name: '이상담' });
  const q1 = newId('que');
  const q2 = newId('que');
  const cat1 = newId('cat');
  const cat2 = newId('cat');
  await scope.db.insert(queues).values([
    { id: q1, orgId: org, name: '민원상담' },
    { id: q2, orgId: org, name: '긴급', serviceLevelSeconds: 10 },
  ]);
  await scope.db.insert(consultCategories).values([
    { id: cat1, orgId: org, name: '세금' },
    { id: cat2, orgId: org, name: '주차' },
  ]);
  const ref = { a1: a1.id, a2: a2.id, q1, q2, cat1, cat2 };
  for (const [i, f] of facts.entries()) {
    const callId = newId('call');
    const startedAt = kst(f.at);
    const answered = f.outcome === 'connected';
    await scope.db.insert(calls).values({
      id: callId,
      orgId: org,
      callSessionId: `${org}-s${i}`,
      direction: f.kind === 'agent_outbound' ? 'outbound' : 'inbound',
      kind: f.kind ?? 'queue',
      fromNumber: '+821012345678',
      toNumber: '+8221001234',
      agentUserId: f.agent ? ref[f.agent] : null,
      queueId: f.kind === undefined || f.kind === 'queue' ? ref[f.queue ?? 'q1'] : null,
      startedAt,
      answeredAt: answered ? startedAt + f.wait * S : null,
      endedAt: startedAt + (f.wait + (f.talk ?? 0)) * S,
      outcome: f.outcome,
      waitMs: f.wait * S,
      durationMs: answered ? (f.talk ?? 0) * S : null,
      acwMs: f.acw === undefined || f.acw === null ? null : f.acw * S,
    });
    if (f.category && f.agent)
      await scope.db.insert(wrapUps).values({ callId, orgId: org, agentUserId: ref[f.agent], categoryId: ref[f.category], notes: '상담 내용' });
  }
  // The rows were written raw: the rollups the statistics read are rebuilt from them, as the migration's backfill does.
  await rebuildOrgRollups(scope);
  return ref;
}

beforeAll(async () => {
  const org = await makeOrg();
  orgId = org.id;
  Object.assign(ids, await seed(orgId, FACTS));
  // Another organisation with calls today in the same shape: none of it may show up.
  const other = await makeOrg();
  otherOrgId = other.id;
  await seed(otherOrgId, FACTS.slice(0, 6));

  // Agent a1's state history through the effects the Agent reducer produces.
  const scope = dbFor(env, orgId);
  const rows: [string, string, string, string | null][] = [
    ['2025-03-04 23:00:00.000', 'break', 'manual', null],
    ['2025-03-05 00:30:00.000', 'ready', 'manual', null],
    ['2025-03-05 09:00:00.000', 'ringing', 'offer', null],
    ['2025-03-05 09:00:10.000', 'break', 'missed_offer', null],
    ['2025-03-05 09:10:00.000', 'ready', 'manual', null],
    ['2025-03-05 09:29:48.000', 'ringing', 'offer', null],
    ['2025-03-05 09:30:00.000', 'on_call', 'answered', null],
    ['2025-03-05 09:31:00.000', 'acw', 'after_call', null], // still open at 10:00
  ];
  let prev: string | null = null;
  for (const [i, [at, state, reason]] of rows.entries()) {
    const entryId = `ash_fixture_${i}`;
    await recordAgentState(scope, {
      key: `k${i}`,
      kind: 'history',
      entryId,
      userId: ids.a1!,
      state: state as 'ready',
      startedAt: kst(at),
      reason: reason as 'manual',
      changedBy: null,
      note: null,
      closes: prev,
    });
    prev = entryId;
  }
  // The other org's agent rang today too.
  const otherAgent = await makeUser(otherOrgId, { role: 'agent' });
  await recordAgentState(dbFor(env, otherOrgId), {
    key: 'x',
    kind: 'history',
    entryId: 'ash_other',
    userId: otherAgent.id,
    state: 'ringing',
    startedAt: kst('2025-03-05 09:00:00.000'),
    reason: 'offer',
    changedBy: null,
    note: null,
    closes: null,
  });
});

const total = async (period: 'today' | 'yesterday' | 'this_week' | 'this_month' | 'last_30_days', queueId?: string) =>
  (await statsReport(dbFor(env, orgId), { period, group: 'total', now: NOW, queueId }))!;

describe('totals for every period (hand-computed)', () => {
  it('today: calls 1–6', async () => {
    const r = await total('today');
    expect(r.period).toMatchObject({ from: kst('2025-03-05 00:00:00.000'), to: kst('2025-03-06 00:00:00.000') });
    const row = r.rows[0]!;
    expect(row).toMatchObject({ inbound: 6, answered: 3, abandoned: 2, abandonedLong: 1, answeredWithin: 1, answerRate: 0.5, maxWaitSeconds: 40 });
    expect(row.serviceLevel).toBeCloseTo(1 / 3, 10); // 1 within of 3 answered (the seed's definition)
    expect(row.serviceLevelWithAbandons).toBeCloseTo(1 / 5, 10); // 1 / (3 + 2)
    expect(row.serviceLevelWithoutShortAbandons).toBeCloseTo(1 / 4, 10); // 1 / (3 + 1): the 3 s abandon is short
    expect(row.averageWaitSeconds).toBeCloseTo(130 / 6, 10); // 20+25+3+30+12+40
    expect(row.averageHandleSeconds).toBeCloseTo(140, 10); // (120 + 240 + 60) / 3
    expect(row.averageTalkSeconds).toBeCloseTo(120, 10);
    expect(row.averageAcwSeconds).toBeCloseTo(20, 10);
  });

  it('yesterday: call 7 at 23:59:59.999 only', async () => {
    const r = await total('yesterday');
    expect(r.period).toMatchObject({ from: kst('2025-03-04 00:00:00.000'), to: kst('2025-03-05 00:00:00.000') });
    expect(r.rows[0]).toMatchObject({
      inbound: 1,
      answered: 1,
      abandoned: 0,
      answerRate: 1,
      serviceLevel: 1,
      serviceLevelWithAbandons: 1,
      serviceLevelWithoutShortAbandons: 1,
      averageWaitSeconds: 5,
      maxWaitSeconds: 5,
      averageHandleSeconds: 60,
    });
  });

  it('this week from Monday 00:00: calls 1–8, not Sunday 23:59:59.999', async () => {
    const r = await total('this_week');
    expect(r.period.from).toBe(kst('2025-03-03 00:00:00.000'));
    const row = r.rows[0]!;
    expect(row).toMatchObject({
      inbound: 8,
      answered: 4,
      abandoned: 3,
      abandonedLong: 2,
      answeredWithin: 2,
      answerRate: 0.5,
      serviceLevel: 0.5,
      maxWaitSeconds: 40,
    });
    expect(row.serviceLevelWithAbandons).toBeCloseTo(2 / 7, 10);
    expect(row.serviceLevelWithoutShortAbandons).toBeCloseTo(2 / 6, 10);
    expect(row.averageWaitSeconds).toBeCloseTo(145 / 8, 10);
    expect(row.averageHandleSeconds).toBeCloseTo(120, 10); // (120 + 240 + 60 + 60) / 4
  });

  it('this month from the 1st: calls 1–10', async () => {
    const r = await total('this_month');
    expect(r.period.from).toBe(kst('2025-03-01 00:00:00.000'));
    const row = r.rows[0]!;
    expect(row).toMatchObject({ inbound: 10, answered: 6, abandoned: 3, answeredWithin: 3, serviceLevel: 0.5 });
    expect(row.answerRate).toBeCloseTo(0.6, 10);
    expect(row.serviceLevelWithAbandons).toBeCloseTo(3 / 9, 10);
    expect(row.serviceLevelWithoutShortAbandons).toBeCloseTo(3 / 8, 10);
    expect(row.averageWaitSeconds).toBeCloseTo(17.6, 10);
    expect(row.averageHandleSeconds).toBeCloseTo(105, 10); // 630 / 6
  });

  it('the last 30 days from 2025-02-04 00:00: calls 1–12, not 13', async () => {
    const r = await total('last_30_days');
    expect(r.period.from).toBe(kst('2025-02-04 00:00:00.000'));
    const row = r.rows[0]!;
    expect(row).toMatchObject({ inbound: 12, answered: 7, abandoned: 4, abandonedLong: 2, answeredWithin: 4, maxWaitSeconds: 40 });
    expect(row.answerRate).toBeCloseTo(7 / 12, 10);
    expect(row.serviceLevel).toBeCloseTo(4 / 7, 10);
    expect(row.serviceLevelWithAbandons).toBeCloseTo(4 / 11, 10);
    expect(row.serviceLevelWithoutShortAbandons).toBeCloseTo(4 / 9, 10);
    expect(row.averageWaitSeconds).toBeCloseTo(195 / 12, 10);
    expect(row.averageHandleSeconds).toBeCloseTo(750 / 7, 10);
  });

  it('one queue only: q2 today holds call 5, judged by its own 10 s threshold', async () => {
    const row = (await total('today', ids.q2)).rows[0]!;
    expect(row).toMatchObject({ inbound: 1, answered: 1, answeredWithin: 0, serviceLevel: 0, averageHandleSeconds: 60 });
  });

  it('an empty period is zeros and nulls, not an error', async () => {
    const empty = await statsReport(dbFor(env, orgId), { period: 'today', group: 'total', now: kst('2024-01-10 12:00:00.000') });
    expect(empty.rows[0]).toMatchObject({
      inbound: 0,
      answered: 0,
      answerRate: null,
      serviceLevel: null,
      averageWaitSeconds: null,
      maxWaitSeconds: null,
      averageHandleSeconds: null,
    });
  });
});

describe('by agent and by category (today)', () => {
  it('agent rows add up to the total; offers, missed offers and time in each state come from the history', async () => {
    const r = await statsReport(dbFor(env, orgId), { period: 'today', group: 'agent', now: NOW });
    expect(r.rows.map((x) => x.name)).toEqual(['김상담', '이상담', null]);
    const [a1, a2, none] = r.rows;
    expect(a1).toMatchObject({
      key: ids.a1,
      inbound: 2,
      answered: 2,
      abandoned: 0,
      answeredWithin: 1,
      serviceLevel: 0.5,
      averageWaitSeconds: 16,
      maxWaitSeconds: 20,
      averageHandleSeconds: 90,
    });
    expect(a1!.activity).toEqual({
      offers: 2,
      missedOffers: 1,
      // break 00:00–00:30 (clipped at midnight) + 09:00:10–09:10; ready 00:30–09:00 + 09:10–09:29:48; ACW open until now.
      stateSeconds: { break: 1800 + 590, ready: 30_600 + 1188, ringing: 22, on_call: 60, acw: 1740 },
    });
    expect(a2).toMatchObject({ key: ids.a2, inbound: 1, answered: 1, serviceLevel: 0, averageWaitSeconds: 25, averageHandleSeconds: 240 });
    expect(a2!.activity).toBeUndefined();
    expect(none).toMatchObject({
      key: null,
      inbound: 3,
      answered: 0,
      abandoned: 2,
      answerRate: 0,
      serviceLevel: null,
      serviceLevelWithAbandons: 0,
      maxWaitSeconds: 40,
    });
    expect(none!.averageWaitSeconds).toBeCloseTo(73 / 3, 10);
    expect(r.rows.reduce((s, x) => s + x.inbound, 0)).toBe(6);
  });

  it("yesterday's history is clipped at midnight from the other side", async () => {
    const r = await statsReport(dbFor(env, orgId), { period: 'yesterday', group: 'agent', now: NOW });
    const a1 = r.rows.find((x) => x.key === ids.a1)!;
    expect(a1).toMatchObject({ inbound: 0, answered: 0 });
    expect(a1.activity).toEqual({ offers: 0, missedOffers: 0, stateSeconds: { break: 3600 } });
  });

  it('category rows: the wrap-up category, and the calls without one', async () => {
    const r = await statsReport(dbFor(env, orgId), { period: 'today', group: 'category', now: NOW });
    expect(r.rows.map((x) => [x.name, x.inbound, x.answered, x.abandoned, x.answeredWithin])).toEqual([
      ['세금', 1, 1, 0, 1],
      ['주차', 1, 1, 0, 0],
      [null, 4, 1, 2, 0],
    ]);
    const none = r.rows[2]!;
    expect(none.averageWaitSeconds).toBeCloseTo(85 / 4, 10);
    expect(none).toMatchObject({ averageHandleSeconds: 60, serviceLevelWithAbandons: 0, serviceLevelWithoutShortAbandons: 0 });
  });

  it("another organisation's calls and history never count", async () => {
    const r = await statsReport(dbFor(env, otherOrgId), { period: 'today', group: 'agent', now: NOW });
    expect(r.rows.reduce((s, x) => s + x.inbound, 0)).toBe(6);
    expect(r.rows.filter((x) => x.activity).map((x) => x.activity!.offers)).toEqual([1]);
    const mine = await statsReport(dbFor(env, orgId), { period: 'today', group: 'agent', now: NOW });
    expect(mine.rows.some((x) => x.key !== null && !(x.key === ids.a1 || x.key === ids.a2))).toBe(false);
  });
});

describe('writes the reducers ask for', () => {
  it('a history effect closes the row before it; replaying it changes nothing', async () => {
    const scope = dbFor(env, orgId);
    const rows = await scope.db.select().from(agentStateHistory).where(scope.where(agentStateHistory)).all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('ash_fixture_0')!.endedAt).toBe(kst('2025-03-05 00:30:00.000'));
    expect(byId.get('ash_fixture_7')!.endedAt).toBeNull();
    await recordAgentState(scope, {
      key: 'k1',
      kind: 'history',
      entryId: 'ash_fixture_1',
      userId: ids.a1!,
      state: 'ready',
      startedAt: 1,
      reason: 'manual',
      changedBy: null,
      note: null,
      closes: 'ash_fixture_0',
    });
    const again = await scope.db.select().from(agentStateHistory).where(scope.where(agentStateHistory)).all();
    expect(again).toEqual(rows);
  });

  it('ACW is recorded once per call, only in the org of the call (runs last: it changes call 5)', async () => {
    const scope = dbFor(env, orgId);
    await setCallAcw(dbFor(env, otherOrgId), `${orgId}-s4`, 1);
    await setCallAcw(scope, `${orgId}-s4`, 15_000);
    await setCallAcw(scope, `${orgId}-s4`, 99_000);
    const today = (await total('today')).rows[0]!;
    expect(today.averageHandleSeconds).toBeCloseTo(145, 10); // call 5 now has 15 s of ACW: (120 + 240 + 75) / 3
  });
});

describe('CSV export', () => {
  it('Korean header, one row per group, BOM for Excel', async () => {
    const r = await statsReport(dbFor(env, orgId), { period: 'yesterday', group: 'total', now: NOW });
    const csv = statsCsv(r);
    expect(csv.startsWith('\uFEFF구분,인입,응답,포기,콜백 요청,응답률(%),서비스레벨(%)')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('합계,1,1,0,0,100,100,100,100,5,5,60');
    expect(statsCsv(r, 'en').split('\r\n')[0]).toBe(
      '\uFEFFGroup,Inbound,Answered,Abandoned,Callback requests,Answer rate (%),Service level (%),Service level incl. abandons (%),Service level excl. short abandons (%),Average wait (s),Maximum wait (s),Average handle time (s)',
    );
  });
});
