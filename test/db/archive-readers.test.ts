// The contact-center history (C9) and the audit log viewer (P8) across the retention window (issue
// 20 §3): months moved to R2 by the archive job itself are read beside D1 through the API, in the
// same order and paging, with the same filters and live names; another organisation's archived
// parts, archived the same way, never appear.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveOldRows } from '../../worker/archive/job';
import { globalDb } from '../../worker/db/client';
import { archiveParts, auditLog, calls, orgs } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { makeCall, makeCategory, makeQueue, makeWrapUp } from '../fixtures/contact-center';
import { login, makeOrg, makeUser, type Client } from '../fixtures/orgs';

const kst = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+09:00`);
/** The job's clock: 2025-06-15 in Seoul; a 2-month window keeps May and June, archives March. */
const NOW = kst('2025-06-15 10:00:00.000');
const noPause = async () => {};

type Org = {
  id: string;
  admin: Client;
  agentClient: Client;
  agentId: string;
  queueId: string;
  categoryId: string;
  march: string[];
  june: string[];
  audits: string[];
};

/** An org with five March calls (archived) and two June calls (kept), and three March audit entries. */
async function seededOrg(tag: string): Promise<Org> {
  const org = await makeOrg();
  await globalDb(env).update(orgs).set({ callRetentionMonths: 2 }).where(eq(orgs.id, org.id));
  const admin = await makeUser(org.id, { role: 'org_admin', name: `관리자${tag}` });
  const agent = await makeUser(org.id, { role: 'agent', name: `상담사${tag}` });
  const queueId = await makeQueue(org.id, { name: `민원${tag}` });
  const categoryId = await makeCategory(org.id, `세금${tag}`);
  const march = [
    await makeCall(org.id, { at: kst('2025-03-02 09:00:00.000'), queueId, agentUserId: agent.id, wait: 3, talk: 60 }),
    await makeCall(org.id, { at: kst('2025-03-03 09:00:00.000'), queueId, wait: 40 }),
    await makeCall(org.id, { at: kst('2025-03-04 09:00:00.000'), queueId, agentUserId: agent.id, wait: 5, talk: 90 }),
    await makeCall(org.id, { at: kst('2025-03-04 09:00:00.000'), queueId, wait: 12 }),
    await makeCall(org.id, { at: kst('2025-03-20 09:00:00.000'), kind: 'agent_outbound', agentUserId: agent.id, talk: 30 }),
  ];
  await makeWrapUp(org.id, march[2]!, agent.id, categoryId, '체납 문의');
  const june = [
    await makeCall(org.id, { at: kst('2025-06-01 09:00:00.000'), queueId, agentUserId: agent.id, wait: 2, talk: 10 }),
    await makeCall(org.id, { at: kst('2025-06-02 09:00:00.000'), queueId, wait: 20 }),
  ];
  const audits: string[] = [];
  for (const [i, action] of ['user.created', 'org.updated', 'queue.updated'].entries()) {
    const id = newId('aud');
    audits.push(id);
    await globalDb(env)
      .insert(auditLog)
      .values({
        id,
        orgId: org.id,
        actorUserId: admin.id,
        action,
        targetType: action === 'user.created' ? 'user' : action === 'queue.updated' ? 'queue' : null,
        targetId: action === 'user.created' ? agent.id : action === 'queue.updated' ? queueId : null,
        detail: { n: i },
        createdAt: kst(`2025-03-1${i} 10:00:00.000`),
      });
  }
  return {
    id: org.id,
    admin: await login(org.name, admin.loginId),
    agentClient: await login(org.name, agent.loginId),
    agentId: agent.id,
    queueId,
    categoryId,
    march,
    june,
    audits,
  };
}

let a: Org;
let b: Org;

beforeAll(async () => {
  a = await seededOrg('가');
  b = await seededOrg('나');
  // The job itself moves March out of D1, in parts of two so pages cross parts.
  for (let n = -1; n !== 0;) n = await archiveOldRows(env, NOW, { partRows: 2, sleep: noPause });
  const left = await globalDb(env).select({ id: calls.id }).from(calls).where(eq(calls.orgId, a.id)).all();
  expect(left.map((r) => r.id).sort()).toEqual([...a.june].sort());
  const parts = await globalDb(env).select().from(archiveParts).where(eq(archiveParts.orgId, b.id)).all();
  expect(parts.length).toBeGreaterThan(0);
});

type CcPage = {
  calls: {
    id: string;
    queueName: string | null;
    agentName: string | null;
    wrapUp: { categoryName: string | null; hasNotes: boolean } | null;
    customerDisplay: string;
  }[];
  nextBefore: string | null;
};

async function allPages(client: Client, query: string, limit: number): Promise<CcPage['calls']> {
  const out: CcPage['calls'] = [];
  let before: string | null = null;
  do {
    const res = await client.fetch(`/api/cc/calls?${query}&limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
    expect(res.status).toBe(200);
    const page = await res.json<CcPage>();
    out.push(...page.calls);
    before = page.nextBefore;
  } while (before);
  return out;
}

describe('contact-center history across the archive', () => {
  it('pages newest first from June into archived March, with live names, and never another org’s rows', async () => {
    const range = 'view=all&from=2025-03-01&to=2025-06-30';
    const expected = [a.june[1], a.june[0], a.march[4], a.march[3], a.march[2], a.march[1], a.march[0]];
    // Two calls at the same instant (March 4) are ordered by id, newest first, as D1 orders them.
    if (a.march[2]! > a.march[3]!) [expected[3], expected[4]] = [expected[4], expected[3]];
    for (const limit of [2, 3, 100]) expect((await allPages(a.admin, range, limit)).map((c) => c.id)).toEqual(expected);
    const rows = await allPages(a.admin, range, 100);
    const wrapped = rows.find((c) => c.id === a.march[2]);
    expect(wrapped).toMatchObject({
      queueName: '민원가',
      agentName: '상담사가',
      wrapUp: { categoryName: '세금가', hasNotes: true },
      customerDisplay: '010-5555-0101',
    });
    // Org B's admin sees B's calls only, though B's parts sit beside A's.
    const theirs = (await allPages(b.admin, range, 100)).map((c) => c.id);
    expect(theirs.sort()).toEqual([...b.march, ...b.june].sort());
  });

  it('applies the filters to archived rows as to D1 rows', async () => {
    const range = 'from=2025-03-01&to=2025-06-30';
    const ids = async (q: string) => (await allPages(a.admin, `${range}&${q}`, 100)).map((c) => c.id).sort();
    expect(await ids('view=unanswered')).toEqual([a.march[1], a.march[3], a.june[1]].sort());
    expect(await ids(`view=all&categoryId=${a.categoryId}`)).toEqual([a.march[2]]);
    expect(await ids(`view=all&outcome=answered&queueId=${a.queueId}`)).toEqual([a.march[0], a.march[2], a.june[0]].sort());
    expect(await ids(`view=all&agentId=${a.agentId}`)).toEqual([a.march[0], a.march[2], a.march[4], a.june[0]].sort());
    // March only: nothing of June; a range of April alone finds nothing.
    expect((await allPages(a.admin, 'view=all&from=2025-03-01&to=2025-03-31', 100)).map((c) => c.id).sort()).toEqual([...a.march].sort());
    expect(await allPages(a.admin, 'view=all&from=2025-04-01&to=2025-04-30', 100)).toEqual([]);
    // An agent's own calls ("mine"), archived ones included.
    expect((await allPages(a.agentClient, `${range}&view=mine`, 100)).map((c) => c.id).sort()).toEqual([a.march[0], a.march[2], a.march[4], a.june[0]].sort());
  });
});

describe('a contact-center call’s detail from the archive', () => {
  it('opens with the start its history row links with, read-only, and never for another org', async () => {
    const row = (await allPages(a.admin, 'view=all&from=2025-03-01&to=2025-03-31', 100)).find((c) => c.id === a.march[2]);
    expect(row).toBeDefined();
    const at = kst('2025-03-04 09:00:00.000');
    const res = await a.admin.fetch(`/api/cc/calls/${a.march[2]}?at=${at}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      call: { id: a.march[2], queueName: '민원가', agentName: '상담사가', wrapUp: { categoryName: '세금가', notes: '체납 문의' }, callback: null },
      canEditWrapUp: false,
      canListen: false,
    });
    // Without the start, or with another, D1 alone answers: no such call.
    expect((await a.admin.fetch(`/api/cc/calls/${a.march[2]}`)).status).toBe(404);
    expect((await a.admin.fetch(`/api/cc/calls/${a.march[2]}?at=${at + 1}`)).status).toBe(404);
    expect((await a.admin.fetch(`/api/cc/calls/${a.march[2]}?at=soon`)).status).toBe(400);
    // The agent who took it opens it; org B's admin, with the right id and start, does not.
    expect((await a.agentClient.fetch(`/api/cc/calls/${a.march[2]}?at=${at}`)).status).toBe(200);
    expect((await b.admin.fetch(`/api/cc/calls/${a.march[2]}?at=${at}`)).status).toBe(404);
    // Its wrap-up is not rewritten: the call is no longer in D1.
    expect((await a.admin.fetch(`/api/cc/calls/${a.march[2]}/wrap-up`, { method: 'PUT', json: { categoryId: null, notes: 'x' } })).status).toBe(404);
  });
});

type AuditPage = { entries: { id: string; action: string; actorName: string | null; targetName: string | null; detail: unknown }[]; nextBefore: string | null };

async function auditPages(client: Client, query: string, limit: number) {
  const out: AuditPage['entries'] = [];
  let before: string | null = null;
  do {
    const res = await client.fetch(`/api/admin/audit?limit=${limit}${query}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
    expect(res.status).toBe(200);
    const page = await res.json<AuditPage>();
    out.push(...page.entries);
    before = page.nextBefore;
  } while (before);
  return out;
}

describe('the audit log viewer across the archive', () => {
  it('lists archived entries after the kept ones, paged, filtered, named, and only the org’s own', async () => {
    for (const limit of [1, 2, 50]) {
      const entries = await auditPages(a.admin, '', limit);
      // Today's logins (kept in D1) first, then March newest first.
      expect(entries.slice(-3).map((e) => e.id)).toEqual([...a.audits].reverse());
      expect(entries.slice(0, -3).every((e) => e.action === 'login')).toBe(true);
      expect(entries.some((e) => b.audits.includes(e.id))).toBe(false);
    }
    const march = (await auditPages(a.admin, '', 50)).slice(-3);
    expect(march).toEqual([
      expect.objectContaining({ action: 'queue.updated', actorName: '관리자가', targetName: '민원가', detail: { n: 2 } }),
      expect.objectContaining({ action: 'org.updated', actorName: '관리자가', targetName: null }),
      expect.objectContaining({ action: 'user.created', actorName: '관리자가', targetName: '상담사가' }),
    ]);
    expect((await auditPages(a.admin, '&action=user.*', 50)).map((e) => e.id)).toEqual([a.audits[0]]);
    expect((await auditPages(a.admin, '&action=org.updated', 50)).map((e) => e.id)).toEqual([a.audits[1]]);
    expect((await auditPages(b.admin, '', 50)).slice(-3).map((e) => e.id)).toEqual([...b.audits].reverse());
  });
});
