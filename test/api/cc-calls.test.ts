// Consult history (C9) and wrap-up editing (C7) through the API: the three views by role, every
// filter and the paging, the row and detail shapes, who may open and edit what, and the codes.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../clock';
import { WORKING_INSTANT } from '../fixtures/flow-kit';
import { addDays, localDateOf, startOfLocalDay } from '../../worker/contact-center/periods';
import { saveWrapUpForSession } from '../../worker/db/cc-calls';
import { globalDb } from '../../worker/db/client';
import { auditLog, calls, wrapUps } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { contractAnswer } from '../fixtures/contract';
import { addMember, makeCall, makeCallback, makeCategory, makeQueue, makeRecording, makeWrapUp } from '../fixtures/contact-center';
import { login, makeOrg, makeUser, type Client } from '../fixtures/orgs';

type Row = {
  id: string;
  kind: string;
  direction: string;
  queueId: string | null;
  queueName: string | null;
  agentUserId: string | null;
  agentName: string | null;
  customer: string;
  customerDisplay: string;
  serviceNumberDisplay: string;
  outcome: string;
  waitMs: number | null;
  durationMs: number | null;
  acwMs: number | null;
  wrapUp: { categoryId: string | null; categoryName: string | null; hasNotes?: boolean; notes?: string; updatedByName?: string | null } | null;
  recording: { id: string; durationMs: number | null } | null;
};
type Page = { calls: Row[]; nextBefore: string | null; range: { firstDate: string; lastDate: string; period: string } };
type Detail = { call: Row & { callback: { id: string; status: string } | null }; canEditWrapUp: boolean; canListen: boolean };
type ErrorBody = { error: { code: string; fields?: { field: string; code: string; params?: Record<string, number> }[] } };

const TZ = 'Asia/Seoul';
const MIN = 60_000;
// The whole file runs on a clock pinned to a Wednesday 11:00 in Seoul: "today" and the periods the
// routes compute are that day's, so a run that straddles midnight cannot split them.
afterAll(pinClock(WORKING_INSTANT));
const today = localDateOf(Date.now(), TZ);
const T = startOfLocalDay(today, TZ);

const w = {} as {
  org: { id: string; name: string };
  a1: { id: string; name: string };
  a2: { id: string; name: string };
  q1: string;
  q2: string;
  cat1: string;
  cat2: string;
  rec: string;
  c: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7', string>;
  cb: string;
  as: Record<'a1' | 'a2' | 'sup' | 'admin' | 'staff', Client>;
};

beforeAll(async () => {
  const org = await makeOrg();
  const [a1, a2, sup, admin, staff] = await Promise.all([
    makeUser(org.id, { role: 'agent', name: '김상담' }),
    makeUser(org.id, { role: 'agent', name: '이상담' }),
    makeUser(org.id, { role: 'supervisor', name: '박팀장' }),
    makeUser(org.id, { role: 'org_admin' }),
    makeUser(org.id, { role: 'staff' }),
  ]);
  const q1 = await makeQueue(org.id, { name: '민원상담' });
  const q2 = await makeQueue(org.id, { name: '복지상담' });
  // The supervisor supervises 민원상담 (whose recordings they may play).
  await addMember(org.id, q1, sup.id, 3);
  const cat1 = await makeCategory(org.id, '일반 민원');
  const cat2 = await makeCategory(org.id, '복지', { disabled: true });
  const c1 = await makeCall(org.id, { at: T + 1 * MIN, queueId: q1, agentUserId: a1.id, wait: 12, talk: 90, acw: 30 });
  const c2 = await makeCall(org.id, { at: T + 2 * MIN, queueId: q2, agentUserId: a2.id, wait: 4, talk: 60, acw: 10, customer: '+821077770202' });
  const c3 = await makeCall(org.id, { at: T + 3 * MIN, queueId: q1, wait: 30, outcome: 'abandoned' });
  const c4 = await makeCall(org.id, { at: T + 4 * MIN, queueId: q1, wait: 45, outcome: 'callback' });
  const c5 = await makeCall(org.id, { at: T + 5 * MIN, kind: 'agent_outbound', agentUserId: a1.id, talk: 20, wait: null, customer: '+8229998888' });
  const c6 = await makeCall(org.id, { at: T - 60 * MIN, queueId: q1, agentUserId: a1.id, wait: 2, talk: 30 });
  const c7 = await makeCall(org.id, { at: T + 6 * MIN, kind: 'safe_number', agentUserId: a1.id, talk: 10 });
  await makeWrapUp(org.id, c1, a1.id, cat1, '주차 문의 안내');
  await makeWrapUp(org.id, c2, a2.id, cat2, '');
  const rec = await makeRecording(org.id, c1, 91_000);
  const cb = await makeCallback(org.id, q1, { at: T + 4 * MIN + 45_000, callId: c4 });
  // Another organisation's calls today, the same shape: never visible.
  const other = await makeOrg();
  const oa = await makeUser(other.id, { role: 'agent' });
  await makeCall(other.id, { at: T + 1 * MIN, agentUserId: oa.id, talk: 5 });
  const as = {
    a1: await login(org.name, a1.loginId),
    a2: await login(org.name, a2.loginId),
    sup: await login(org.name, sup.loginId),
    admin: await login(org.name, admin.loginId),
    staff: await login(org.name, staff.loginId),
  };
  Object.assign(w, { org, a1, a2, q1, q2, cat1, cat2, rec, c: { c1, c2, c3, c4, c5, c6, c7 }, cb, as });
});

async function page(client: Client, query: string): Promise<Page> {
  const res = await client.fetch(`/api/cc/calls?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await res.json<Page>();
  contractAnswer('GET /api/cc/calls', body);
  return body;
}
const ids = (p: Page) => p.calls.map((r) => r.id);

describe('consult history', () => {
  it('an agent sees their own calls (in and out) and the unanswered queue calls, newest first', async () => {
    const { c } = w;
    expect(ids(await page(w.as.a1, 'view=mine&period=today'))).toEqual([c.c5, c.c1]);
    // The default range is the last 30 days, which holds yesterday's call too.
    const mine = await page(w.as.a1, '');
    expect(ids(mine)).toEqual([c.c5, c.c1, c.c6]);
    expect(mine.range).toMatchObject({ period: 'last_30_days', lastDate: today, firstDate: addDays(today, -29) });
    expect(ids(await page(w.as.a1, 'view=mine&period=yesterday'))).toEqual([c.c6]);
    expect(ids(await page(w.as.a2, 'view=mine&period=today'))).toEqual([c.c2]);
    expect(ids(await page(w.as.a2, 'view=unanswered&period=today'))).toEqual([c.c4, c.c3]);
  });

  it('agents may not see every call or filter by agent (403); staff none of it', async () => {
    expect((await w.as.a1.fetch('/api/cc/calls?view=all')).status).toBe(403);
    expect((await w.as.a1.fetch(`/api/cc/calls?view=mine&agentId=${w.a2.id}`)).status).toBe(403);
    expect((await w.as.staff.fetch('/api/cc/calls')).status).toBe(403);
  });

  it('supervisors and org admins see every contact-center call of the org, by queue, agent, category and outcome', async () => {
    const { c } = w;
    for (const client of [w.as.sup, w.as.admin]) {
      expect(ids(await page(client, 'view=all&period=today'))).toEqual([c.c5, c.c4, c.c3, c.c2, c.c1]);
    }
    const all = (q: string) => page(w.as.sup, `view=all&period=today&${q}`).then(ids);
    expect(await all(`queueId=${w.q1}`)).toEqual([c.c4, c.c3, c.c1]);
    expect(await all(`agentId=${w.a2.id}`)).toEqual([c.c2]);
    expect(await all(`categoryId=${w.cat1}`)).toEqual([c.c1]);
    expect(await all('categoryId=none')).toEqual([c.c5, c.c4, c.c3]);
    expect(await all('outcome=answered')).toEqual([c.c5, c.c2, c.c1]);
    expect(await all('outcome=unanswered')).toEqual([c.c4, c.c3]);
    expect(await all('outcome=abandoned')).toEqual([c.c3]);
    expect(await all('outcome=callback')).toEqual([c.c4]);
    expect(await all('outcome=overflow')).toEqual([]);
    // A custom range of dates in the org's zone: today and yesterday.
    expect(ids(await page(w.as.sup, `view=all&from=${addDays(today, -1)}&to=${today}`))).toEqual([c.c5, c.c4, c.c3, c.c2, c.c1, c.c6]);
    expect(ids(await page(w.as.sup, `view=all&from=${today}&to=${today}&queueId=${w.q1}&outcome=answered`))).toEqual([c.c1]);
  });

  it('pages by an opaque cursor without repeating or skipping', async () => {
    const { c } = w;
    const first = await page(w.as.sup, 'view=all&period=today&limit=2');
    expect(ids(first)).toEqual([c.c5, c.c4]);
    expect(first.nextBefore).toEqual(expect.any(String));
    const second = await page(w.as.sup, `view=all&period=today&limit=2&before=${encodeURIComponent(first.nextBefore ?? '')}`);
    expect(ids(second)).toEqual([c.c3, c.c2]);
    const third = await page(w.as.sup, `view=all&period=today&limit=2&before=${encodeURIComponent(second.nextBefore ?? '')}`);
    expect(ids(third)).toEqual([c.c1]);
    expect(third.nextBefore).toBeNull();
  });

  it('answers each row with names, numbers as people read them, the wrap-up summary and the recording', async () => {
    const rows = (await page(w.as.sup, 'view=all&period=today')).calls;
    const c1 = rows.find((r) => r.id === w.c.c1);
    expect(c1).toMatchObject({
      kind: 'queue',
      direction: 'inbound',
      queueId: w.q1,
      queueName: '민원상담',
      agentUserId: w.a1.id,
      agentName: '김상담',
      customer: '+821055550101',
      customerDisplay: '010-5555-0101',
      serviceNumberDisplay: '02-100-1234',
      outcome: 'connected',
      waitMs: 12_000,
      durationMs: 90_000,
      acwMs: 30_000,
      wrapUp: { categoryId: w.cat1, categoryName: '일반 민원', hasNotes: true },
      recording: { id: w.rec, durationMs: 91_000 },
    });
    const c5 = rows.find((r) => r.id === w.c.c5);
    expect(c5).toMatchObject({ kind: 'agent_outbound', direction: 'outbound', customerDisplay: '02-999-8888', wrapUp: null, recording: null, queueName: null });
    expect(rows.find((r) => r.id === w.c.c3)).toMatchObject({ agentName: null, wrapUp: null, outcome: 'abandoned', waitMs: 30_000 });
  });

  it('refuses bad filters with codes', async () => {
    const foreignQueue = await makeQueue((await makeOrg()).id);
    const bad: [string, string, string, Record<string, number>?][] = [
      [`from=${today}`, 'to', 'both_or_neither'],
      [`from=${today}&to=${addDays(today, -1)}`, 'to', 'end_before_start'],
      [`from=${addDays(today, -400)}&to=${today}`, 'to', 'out_of_range', { min: 1, max: 366 }],
      ['from=2025-02-30&to=2025-03-01', 'from', 'date'],
      ['period=decade', 'period', 'choice'],
      ['view=everything', 'view', 'choice'],
      ['outcome=happy', 'outcome', 'choice'],
      [`queueId=${foreignQueue}`, 'queueId', 'not_in_org'],
      ['categoryId=cat_nope', 'categoryId', 'not_in_org'],
      ['agentId=usr_nope', 'agentId', 'not_in_org'],
      ['limit=0', 'limit', 'out_of_range', { min: 1, max: 100 }],
      ['limit=101', 'limit', 'out_of_range', { min: 1, max: 100 }],
      ['before=yesterday', 'before', 'invalid'],
    ];
    for (const [query, field, code, params] of bad) {
      const res = await w.as.sup.fetch(`/api/cc/calls?view=all&${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields, query).toContainEqual({ field, code, message: expect.any(String), ...(params && { params }) });
    }
  });
});

describe('call details', () => {
  it('opens for the agent who took it, for supervisors, and for any agent when nobody answered; otherwise 404', async () => {
    const mine = await w.as.a1.fetch(`/api/cc/calls/${w.c.c1}`);
    expect(mine.status).toBe(200);
    const detail = await mine.json<Detail>();
    contractAnswer('GET /api/cc/calls/:id', detail);
    expect(detail).toMatchObject({
      canEditWrapUp: true,
      canListen: true,
      call: { id: w.c.c1, wrapUp: { categoryId: w.cat1, categoryName: '일반 민원', notes: '주차 문의 안내', updatedByName: null }, callback: null },
    });
    expect((await w.as.a2.fetch(`/api/cc/calls/${w.c.c1}`)).status).toBe(404);
    const unanswered = await (await w.as.a2.fetch(`/api/cc/calls/${w.c.c4}`)).json<Detail>();
    expect(unanswered).toMatchObject({ canEditWrapUp: false, canListen: false, call: { callback: { id: w.cb, status: 'pending' } } });
    expect(await (await w.as.sup.fetch(`/api/cc/calls/${w.c.c1}`)).json<Detail>()).toMatchObject({ canEditWrapUp: true, canListen: true });
    // An org admin may edit the wrap-up, but listening is for the agent and the queue's supervisors.
    expect(await (await w.as.admin.fetch(`/api/cc/calls/${w.c.c1}`)).json<Detail>()).toMatchObject({ canEditWrapUp: true, canListen: false });
    // A safe-number call is not the contact center's, even for a supervisor.
    expect((await w.as.sup.fetch(`/api/cc/calls/${w.c.c7}`)).status).toBe(404);
    expect((await w.as.staff.fetch(`/api/cc/calls/${w.c.c1}`)).status).toBe(403);
  });
});

describe('wrap-up editing from history', () => {
  const put = (client: Client, callId: string, json: unknown) => client.fetch(`/api/cc/calls/${callId}/wrap-up`, { method: 'PUT', json });

  it('the agent who took the call rewrites it (≤ 1024 characters, kept as typed); a supervisor may too, the agent of record stays', async () => {
    const notes = `${'가'.repeat(1023)}\n`;
    const res = await put(w.as.a1, w.c.c1, { categoryId: w.cat1, notes });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json<Detail>()).call.wrapUp).toMatchObject({ notes, updatedByName: '김상담' });

    const sup = await put(w.as.sup, w.c.c1, { categoryId: null, notes: '팀장 보완' });
    expect(sup.status).toBe(200);
    const row = await globalDb(env).select().from(wrapUps).where(eq(wrapUps.callId, w.c.c1)).get();
    expect(row).toMatchObject({ agentUserId: w.a1.id, categoryId: null, notes: '팀장 보완' });
    expect((await (await w.as.a1.fetch(`/api/cc/calls/${w.c.c1}`)).json<Detail>()).call.wrapUp).toMatchObject({ updatedByName: '박팀장', categoryName: null });

    // A call without a wrap-up yet gets one.
    const fresh = await put(w.as.a1, w.c.c6, { categoryId: w.cat1, notes: '' });
    expect(fresh.status).toBe(200);
    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, w.org.id)).all();
    expect(audit.filter((a) => a.action === 'wrap_up.updated').map((a) => [a.targetId, a.detail])).toEqual([
      [w.c.c1, { changed: ['notes'] }],
      [w.c.c1, { changed: ['categoryId', 'notes'] }],
      [w.c.c6, { changed: ['categoryId'] }],
    ]);
  });

  it('refuses what it must, with codes, and changes nothing', async () => {
    const before = await globalDb(env).select().from(wrapUps).where(eq(wrapUps.orgId, w.org.id)).all();
    const foreignCat = await makeCategory((await makeOrg()).id, '남의 업무');
    const cases: [Client, string, unknown, number, string?, string?][] = [
      [w.as.a1, w.c.c5, { categoryId: null, notes: '가'.repeat(1025) }, 400, 'notes', 'too_long'],
      [w.as.a1, w.c.c5, { categoryId: foreignCat, notes: '' }, 400, 'categoryId', 'not_in_org'],
      // Switched off: not chosen anew …
      [w.as.a1, w.c.c5, { categoryId: w.cat2, notes: '' }, 400, 'categoryId', 'disabled'],
      [w.as.a1, w.c.c5, { categoryId: 7, notes: '' }, 400, 'categoryId', 'invalid'],
      // Someone else's call: invisible to an agent.
      [w.as.a2, w.c.c1, { categoryId: null, notes: 'x' }, 404],
      // Nobody took it: there is no wrap-up to write.
      [w.as.sup, w.c.c3, { categoryId: null, notes: 'x' }, 409],
      [w.as.staff, w.c.c1, { categoryId: null, notes: 'x' }, 403],
    ];
    for (const [client, callId, json, status, field, code] of cases) {
      const res = await put(client, callId, json);
      expect(res.status, JSON.stringify(json)).toBe(status);
      if (field) expect((await res.json<ErrorBody>()).error.fields).toContainEqual(expect.objectContaining({ field, code }));
    }
    const tooLong = await put(w.as.a1, w.c.c5, { categoryId: null, notes: '가'.repeat(1025) });
    expect((await tooLong.json<ErrorBody>()).error.fields).toContainEqual(expect.objectContaining({ field: 'notes', code: 'too_long', params: { max: 1024 } }));
    expect(await globalDb(env).select().from(wrapUps).where(eq(wrapUps.orgId, w.org.id)).all()).toEqual(before);
    // … but a call already filed under it keeps it when its notes are edited.
    expect((await put(w.as.a2, w.c.c2, { categoryId: w.cat2, notes: '보완' })).status).toBe(200);
  });

  it('the Agent object’s save_wrap_up writer files the wrap-up by call session, once per call', async () => {
    const scope = dbFor(env, w.org.id);
    const session = await globalDb(env).select({ s: calls.callSessionId }).from(calls).where(eq(calls.id, w.c.c5)).get();
    expect(await saveWrapUpForSession(scope, { callSessionId: session?.s ?? '', agentUserId: w.a1.id, categoryId: w.cat1, notes: '발신 상담', now: 1 })).toBe(
      true,
    );
    expect(
      await saveWrapUpForSession(scope, { callSessionId: session?.s ?? '', agentUserId: w.a1.id, categoryId: w.cat1, notes: '발신 상담 보완', now: 2 }),
    ).toBe(true);
    expect(await globalDb(env).select().from(wrapUps).where(eq(wrapUps.callId, w.c.c5)).all()).toMatchObject([
      { notes: '발신 상담 보완', updatedAt: 2, updatedBy: null },
    ]);
    expect(await saveWrapUpForSession(scope, { callSessionId: 'no-such-session', agentUserId: w.a1.id, categoryId: null, notes: '', now: 3 })).toBe(false);
    // Another org's scope cannot reach this call by its session.
    const other = dbFor(env, (await makeOrg()).id);
    expect(await saveWrapUpForSession(other, { callSessionId: session?.s ?? '', agentUserId: w.a1.id, categoryId: null, notes: '탈취', now: 4 })).toBe(false);
  });
});
