// The retention window and the archive to R2 (issue 20 §3) over a real D1 and R2, the clock given to
// the job (never read): months past the org's window leave D1 in bounded parts of gzip NDJSON, each
// verified before its rows go; a run cut short after writing the object moves the same rows once;
// calls with a recording stay; the staff history and the statistics still show archived months; an
// admin downloads the month's parts and another organisation sees none of them.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveOldRows, archivePart, gunzipText, partKey, retentionCutoff } from '../../worker/archive/job';
import { globalDb } from '../../worker/db/client';
import { archiveParts, auditLog, calls, orgs, wrapUps } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { statsRows } from '../../worker/db/stats';
import { newId } from '../../worker/ids';
import { safeNumber } from '../fixtures/calls';
import { makeCall, makeCategory, makeQueue, makeRecording, makeWrapUp } from '../fixtures/contact-center';
import { login, makeUser, orgWithUser } from '../fixtures/orgs';

const kst = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+09:00`);
/** The job's clock: 2025-06-15 in Seoul; a 2-month window keeps May and June. */
const NOW = kst('2025-06-15 10:00:00.000');

let orgId = '';
let ownerId = '';
let ownerLogin = '';
let queueId = '';
const marchCalls: string[] = [];
let recorded = '';
let wrapped = '';

async function ownedCall(at: number, outcome = 'connected') {
  const id = newId('call');
  await globalDb(env)
    .insert(calls)
    .values({
      id,
      orgId,
      callSessionId: `${id}-s`,
      direction: 'inbound',
      kind: 'safe_number',
      fromNumber: '+821012345678',
      toNumber: '+825012340001',
      ownerUserId: ownerId,
      startedAt: at,
      endedAt: at + 30_000,
      outcome,
      trace: [{ rule: 'hours', matched: true }],
    });
  return id;
}

beforeAll(async () => {
  const n = await safeNumber();
  orgId = n.org.id;
  ownerId = n.owner.id;
  ownerLogin = n.owner.loginId;
  await globalDb(env).update(orgs).set({ callRetentionMonths: 2 }).where(eq(orgs.id, orgId));
  queueId = await makeQueue(orgId);
  const agent = await makeUser(orgId, { role: 'agent' });
  const cat = await makeCategory(orgId, '세금');
  // March: five safe-number calls, a queue call with a wrap-up, and a call whose recording is still kept.
  for (let d = 1; d <= 5; d++) marchCalls.push(await ownedCall(kst(`2025-03-0${d} 09:00:00.000`), d === 5 ? 'missed' : 'connected'));
  wrapped = await makeCall(orgId, { at: kst('2025-03-10 11:00:00.000'), queueId, agentUserId: agent.id, wait: 4, talk: 60 });
  await makeWrapUp(orgId, wrapped, agent.id, cat, '주차 문의');
  recorded = await ownedCall(kst('2025-03-20 09:00:00.000'));
  await makeRecording(orgId, recorded, 1000);
  // April 30 23:59:59.999 in Seoul is still April (past the window); May 1 00:00 is kept.
  await ownedCall(kst('2025-04-30 23:59:59.999'));
  await ownedCall(kst('2025-05-01 00:00:00.000'));
  await ownedCall(kst('2025-06-01 12:00:00.000'));
  // The audit log: two March entries, one June.
  for (const at of [kst('2025-03-02 10:00:00.000'), kst('2025-03-03 10:00:00.000'), kst('2025-06-02 10:00:00.000')])
    await globalDb(env)
      .insert(auditLog)
      .values({ id: newId('aud'), orgId, actorUserId: null, action: 'org.updated', createdAt: at });
});

const noPause = async () => {};

const inD1 = async () => (await globalDb(env).select({ id: calls.id }).from(calls).where(eq(calls.orgId, orgId)).all()).map((r) => r.id);

describe('archive past the retention window', () => {
  it('the window is counted in the org’s local months', () => {
    expect(retentionCutoff(NOW, 'Asia/Seoul', 2)).toBe(kst('2025-05-01 00:00:00.000'));
    expect(retentionCutoff(NOW, 'Asia/Seoul', 1)).toBe(kst('2025-06-01 00:00:00.000'));
    expect(retentionCutoff(kst('2025-01-31 12:00:00.000'), 'Asia/Seoul', 13)).toBe(kst('2024-01-01 00:00:00.000'));
  });

  it('moves the oldest month first in bounded parts, verified, and a part cut short after its object moves its rows once', async () => {
    const org = { id: orgId, timezone: 'Asia/Seoul', callRetentionMonths: 2 };
    const statsBefore = await statsRows(dbFor(env, orgId), 'total', {
      from: kst('2025-03-01 00:00:00.000'),
      to: kst('2025-04-01 00:00:00.000'),
      now: NOW,
      serviceLevelSeconds: 20,
      shortAbandonSeconds: 5,
    });
    // A run that wrote its object and died before the D1 batch: the object is there, unrecorded.
    const firstKey = partKey(orgId, 'calls', '2025-03', kst('2025-03-01 09:00:00.000'), marchCalls[0]!);
    await env.FILES.put(firstKey, 'half-written');
    expect(await archivePart(env, org, 'calls', NOW, 4)).toBe(4);
    const afterOne = await inD1();
    expect(afterOne).not.toContain(marchCalls[0]);
    expect(afterOne).toContain(marchCalls[4]);
    // The same key, overwritten with the verified rows.
    const first = await env.FILES.get(firstKey);
    const lines = (await gunzipText(await first!.arrayBuffer())).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(marchCalls.slice(0, 4));
    expect(JSON.parse(lines[0]!)).toMatchObject({ org_id: orgId, owner_user_id: ownerId, outcome: 'connected', trace: [{ rule: 'hours', matched: true }] });

    // The rest of March, then April, in parts that never mix months; the budget bounds each tick.
    expect(await archiveOldRows(env, NOW, { budget: 2, partRows: 2, sleep: noPause })).toBe(2);
    let moved = 0;
    for (let n = -1; n !== 0; moved += n) n = await archiveOldRows(env, NOW, { sleep: noPause });
    expect(moved).toBe(3); // April 30, then the two March audit entries
    const left = await inD1();
    expect(left).toHaveLength(3); // the recorded March call, May 1 and June 1
    expect(left).toContain(recorded);
    expect(await globalDb(env).select().from(wrapUps).where(eq(wrapUps.callId, wrapped)).all()).toEqual([]);
    const parts = await globalDb(env).select().from(archiveParts).where(eq(archiveParts.orgId, orgId)).all();
    const callParts = parts.filter((p) => p.dataset === 'calls');
    expect(callParts.reduce((s, p) => s + p.rows, 0)).toBe(7); // 5 + the queue call + April 30
    expect(new Set(callParts.map((p) => p.month))).toEqual(new Set(['2025-03', '2025-04']));
    expect(parts.filter((p) => p.dataset === 'audit_log').map((p) => p.rows)).toEqual([2]);
    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, orgId)).all();
    expect(audit).toHaveLength(1);
    // The wrap-up travels with its call.
    const all = (await Promise.all(callParts.map(async (p) => (await gunzipText(await (await env.FILES.get(p.r2Key))!.arrayBuffer())).trim().split('\n'))))
      .flat()
      .map((l) => JSON.parse(l) as { id: string; wrap_up: { notes: string } | null });
    expect(all.map((r) => r.id).sort()).toEqual([...new Set(all.map((r) => r.id))].sort());
    expect(all.find((r) => r.id === wrapped)?.wrap_up).toMatchObject({ notes: '주차 문의' });

    // Nothing more to move; the rollups outlive the calls: March's statistics are unchanged.
    expect(await archiveOldRows(env, NOW, { sleep: noPause })).toBe(0);
    const statsAfter = await statsRows(dbFor(env, orgId), 'total', {
      from: kst('2025-03-01 00:00:00.000'),
      to: kst('2025-04-01 00:00:00.000'),
      now: NOW,
      serviceLevelSeconds: 20,
      shortAbandonSeconds: 5,
    });
    expect(statsAfter).toEqual(statsBefore);
    expect(statsAfter[0]).toMatchObject({ inbound: 1, answered: 1 });
  });

  it('the staff history reads archived months beside D1, pages across them, and filters them', async () => {
    const client = await login((await globalDb(env).select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId)).get())!.name, ownerLogin);
    type Page = { calls: { id: string; startedAt: number; outcome: string }[]; nextBefore: string | null };
    const march = await (await client.fetch('/api/me/calls?from=2025-03-01&to=2025-03-31')).json<Page>();
    expect(march.calls.map((c) => c.id)).toEqual([recorded, ...[...marchCalls].reverse()]);
    const missed = await (await client.fetch('/api/me/calls?from=2025-03-01&to=2025-03-31&outcome=missed')).json<Page>();
    expect(missed.calls.map((c) => c.id)).toEqual([marchCalls[4]]);
    // Paging newest first from June into the archive, three at a time.
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page: Page = await (await client.fetch(`/api/me/calls?limit=3${before ? `&before=${before}` : ''}`)).json<Page>();
      seen.push(...page.calls.map((c) => c.id));
      before = page.nextBefore;
    } while (before);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect(seen.slice(-5)).toEqual([...marchCalls].reverse());
  });

  it('an admin lists and downloads an archived month; another org sees none of it', async () => {
    const admin = await makeUser(orgId, { role: 'org_admin' });
    const orgName = (await globalDb(env).select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId)).get())!.name;
    const client = await login(orgName, admin.loginId);
    const list = await (
      await client.fetch('/api/admin/archive?dataset=calls&month=2025-03')
    ).json<{ rows: number; parts: { download: string; rows: number }[] }>();
    expect(list.rows).toBe(6);
    let downloaded = 0;
    for (const p of list.parts) {
      const res = await client.fetch(p.download);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="calls-2025-03-part\d+\.ndjson\.gz"$/);
      downloaded += (await gunzipText(await res.arrayBuffer())).trim().split('\n').length;
    }
    expect(downloaded).toBe(6);
    const bad = await client.fetch('/api/admin/archive?dataset=calls&month=2025-13');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { fields: [{ field: 'month', code: 'date' }] } });

    const other = await orgWithUser('org_admin');
    const theirs = await (await other.client.fetch('/api/admin/archive?dataset=calls&month=2025-03')).json<{ rows: number; parts: unknown[] }>();
    expect(theirs).toMatchObject({ rows: 0, parts: [] });
    expect((await other.client.fetch('/api/admin/archive/download?dataset=calls&month=2025-03&part=1')).status).toBe(404);
    const staff = await login(orgName, ownerLogin);
    expect((await staff.fetch('/api/admin/archive?dataset=calls&month=2025-03')).status).toBe(403);
    expect(
      await globalDb(env)
        .select()
        .from(archiveParts)
        .where(and(eq(archiveParts.orgId, other.org.id)))
        .all(),
    ).toEqual([]);
  });
});

describe('the archive job yields the database between parts', () => {
  it('pauses after each part by its own time, stops a tick within its time, and later ticks move the rest once', async () => {
    const { org } = await orgWithUser('org_admin');
    await globalDb(env).update(orgs).set({ callRetentionMonths: 1 }).where(eq(orgs.id, org.id));
    const old: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = newId('aud');
      old.push(id);
      await globalDb(env)
        .insert(auditLog)
        .values({ id, orgId: org.id, actorUserId: null, action: 'org.updated', createdAt: kst(`2025-01-0${i + 1} 10:00:00.000`) });
    }
    // A clock of the test's own: each part "takes" 40 ms (its object's write), a pause takes its length.
    let t = 0;
    const sleeps: number[] = [];
    const files = new Proxy(env.FILES, {
      get(target, prop) {
        if (prop === 'put')
          return (...args: Parameters<R2Bucket['put']>) => {
            t += 40;
            return target.put(...args);
          };
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const pace = {
      partRows: 2,
      pauseFactor: 3,
      minPauseMs: 100,
      tickMs: 250,
      clock: () => t,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        t += ms;
      },
    };
    const jobEnv = { ...env, FILES: files };
    // Tick 1: a part (40 ms), a pause of 3 × 40 = 120 ms, a second part; a third would start past 250 ms.
    expect(await archiveOldRows(jobEnv, NOW, pace)).toBe(4);
    expect(sleeps).toEqual([120]);
    // With a factor of 1 a 40 ms part waits the minimum, 100 ms (the last pause comes before the read that finds nothing).
    sleeps.length = 0;
    t = 0;
    expect(await archiveOldRows(jobEnv, NOW, { ...pace, pauseFactor: 1, tickMs: 1_000 })).toBe(3);
    expect(sleeps).toEqual([100, 100]);
    expect(await archiveOldRows(jobEnv, NOW, pace)).toBe(0);
    // Nothing lost, nothing twice: every entry in exactly one part, none left in D1.
    const parts = await globalDb(env).select().from(archiveParts).where(eq(archiveParts.orgId, org.id)).all();
    expect(parts.map((p) => p.rows)).toEqual([2, 2, 2, 1]);
    const ids = (await Promise.all(parts.map(async (p) => (await gunzipText(await (await env.FILES.get(p.r2Key))!.arrayBuffer())).trim().split('\n'))))
      .flat()
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids.sort()).toEqual([...old].sort());
    const left = (await globalDb(env).select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.orgId, org.id)).all()).map((r) => r.id);
    expect(left.filter((id) => old.includes(id))).toEqual([]);
    expect(left).toHaveLength(1); // the admin's login today, inside the window
  });
});
