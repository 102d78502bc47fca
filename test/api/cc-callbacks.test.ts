// Callback lists (C4) and the outbound seam (C6) through the API: unprocessed and processed lists
// newest first with wait and queue, done and delete (soft), roles, codes; outbound checks its number
// and refuses what cannot dial (the dialling itself: test/contact-center/live-calls.test.ts).
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, callbacks } from '../../worker/db/schema';
import { makeCall, makeCallback, makeQueue } from '../fixtures/contact-center';
import { login, makeOrg, makeUser } from '../fixtures/orgs';

type Callback = {
  id: string;
  queueId: string;
  queueName: string | null;
  number: string;
  numberDisplay: string;
  requestedAt: number;
  status: string;
  waitMs: number | null;
  callId: string | null;
  handledBy: string | null;
  handledByName: string | null;
  handledAt: number | null;
};
type List = { callbacks: Callback[]; nextBefore: string | null };
type ErrorBody = { error: { code: string; fields?: { field: string; code: string }[] } };

async function world() {
  const org = await makeOrg();
  const agent = await makeUser(org.id, { role: 'agent', name: '김상담' });
  const sup = await makeUser(org.id, { role: 'supervisor' });
  const q1 = await makeQueue(org.id, { name: '민원상담' });
  const q2 = await makeQueue(org.id, { name: '복지상담' });
  const t = Date.now() - 3 * 3_600_000;
  const call = await makeCall(org.id, { at: t, queueId: q1, wait: 75, outcome: 'callback' });
  const old = await makeCallback(org.id, q1, { at: t + 75_000, callId: call, number: '+821012345678' });
  const newer = await makeCallback(org.id, q2, { at: t + 3_600_000, number: '+8221234567' });
  const done = await makeCallback(org.id, q1, { at: t + 60_000, status: 'done' });
  const gone = await makeCallback(org.id, q1, { at: t + 120_000, status: 'deleted' });
  return { org, agent, sup, q1, q2, old, newer, done, gone, agentClient: await login(org.name, agent.loginId), supClient: await login(org.name, sup.loginId) };
}

describe('callback lists', () => {
  it('lists unprocessed requests newest first with number, queue and the caller’s wait; processed apart; deleted never', async () => {
    const w = await world();
    const pending = await (await w.agentClient.fetch('/api/cc/callbacks')).json<List>();
    expect(pending.callbacks.map((c) => c.id)).toEqual([w.newer, w.old]);
    expect(pending.callbacks[1]).toMatchObject({
      queueId: w.q1,
      queueName: '민원상담',
      number: '+821012345678',
      numberDisplay: '010-1234-5678',
      status: 'pending',
      waitMs: 75_000,
      handledBy: null,
    });
    expect(pending.callbacks[0]).toMatchObject({ queueName: '복지상담', numberDisplay: '02-123-4567', waitMs: null });
    const processed = await (await w.agentClient.fetch('/api/cc/callbacks?status=done')).json<List>();
    expect(processed.callbacks.map((c) => c.id)).toEqual([w.done]);
    expect((await (await w.agentClient.fetch(`/api/cc/callbacks?queueId=${w.q2}`)).json<List>()).callbacks.map((c) => c.id)).toEqual([w.newer]);
    const first = await (await w.agentClient.fetch('/api/cc/callbacks?limit=1')).json<List>();
    expect(first.callbacks.map((c) => c.id)).toEqual([w.newer]);
    const second = await (await w.agentClient.fetch(`/api/cc/callbacks?limit=1&before=${encodeURIComponent(first.nextBefore ?? '')}`)).json<List>();
    expect(second.callbacks.map((c) => c.id)).toEqual([w.old]);
  });

  it('marks one done (who and when), once; deletes softly; another org’s or a deleted one is 404', async () => {
    const w = await world();
    const res = await w.agentClient.fetch(`/api/cc/callbacks/${w.old}/done`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { callback } = await res.json<{ callback: Callback }>();
    expect(callback).toMatchObject({ id: w.old, status: 'done', handledBy: w.agent.id, handledByName: '김상담', handledAt: expect.any(Number) });
    expect((await w.agentClient.fetch(`/api/cc/callbacks/${w.old}/done`, { method: 'POST' })).status).toBe(409);
    expect((await (await w.agentClient.fetch('/api/cc/callbacks?status=done')).json<List>()).callbacks.map((c) => c.id)).toEqual([w.old, w.done]);

    expect((await w.supClient.fetch(`/api/cc/callbacks/${w.newer}`, { method: 'DELETE' })).status).toBe(200);
    expect((await (await w.agentClient.fetch('/api/cc/callbacks')).json<List>()).callbacks).toEqual([]);
    const row = await globalDb(env).select().from(callbacks).where(eq(callbacks.id, w.newer)).get();
    expect(row).toMatchObject({ status: 'deleted', handledBy: w.sup.id });
    for (const id of [w.newer, w.gone]) {
      expect((await w.agentClient.fetch(`/api/cc/callbacks/${id}`, { method: 'DELETE' })).status).toBe(404);
      expect((await w.agentClient.fetch(`/api/cc/callbacks/${id}/done`, { method: 'POST' })).status).toBe(404);
    }
    const other = await world();
    expect((await w.agentClient.fetch(`/api/cc/callbacks/${other.old}/done`, { method: 'POST' })).status).toBe(404);
    expect((await globalDb(env).select().from(callbacks).where(eq(callbacks.id, other.old)).get())?.status).toBe('pending');
    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, w.org.id)).all();
    expect(
      audit
        .map((a) => a.action)
        .filter((a) => a.startsWith('callback.'))
        .sort(),
    ).toEqual(['callback.deleted', 'callback.done']);
  });

  it('refuses bad queries with codes; staff get 403', async () => {
    const w = await world();
    for (const [query, field, code] of [
      ['status=deleted', 'status', 'choice'],
      ['queueId=que_nope', 'queueId', 'not_in_org'],
      ['limit=1000', 'limit', 'out_of_range'],
    ] as const) {
      const res = await w.agentClient.fetch(`/api/cc/callbacks?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields).toContainEqual(expect.objectContaining({ field, code }));
    }
    const staff = await makeUser(w.org.id, { role: 'staff' });
    const staffClient = await login(w.org.name, staff.loginId);
    expect((await staffClient.fetch('/api/cc/callbacks')).status).toBe(403);
    expect((await staffClient.fetch(`/api/cc/callbacks/${w.old}/done`, { method: 'POST' })).status).toBe(403);
  });
});

describe('outbound calls: the checks before anything dials', () => {
  it('checks the number (domestic only) and refuses an agent who is not logged in, leaving the callback pending', async () => {
    const w = await world();
    const offline = await w.agentClient.fetch('/api/cc/outbound', { method: 'POST', json: { to: '010-1234-5678', callbackId: w.old } });
    expect(offline.status).toBe(409);
    expect(await offline.json()).toEqual({ error: { code: 'offline', message: expect.any(String) } });
    const pending = await (await w.agentClient.fetch('/api/cc/callbacks?status=pending')).json<{ callbacks: { id: string }[] }>();
    expect(pending.callbacks.map((cb) => cb.id)).toContain(w.old);
    for (const [to, code] of [
      ['+1 202 555 0100', 'not_dialable'],
      ['060-700-1234', 'not_dialable'],
      ['0505-123-4567', 'not_dialable'],
      ['12', 'phone'],
      ['', 'phone'],
    ] as const) {
      const res = await w.agentClient.fetch('/api/cc/outbound', { method: 'POST', json: { to } });
      expect(res.status, to).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields).toContainEqual(expect.objectContaining({ field: 'to', code }));
    }
    const staff = await makeUser(w.org.id, { role: 'staff' });
    expect((await (await login(w.org.name, staff.loginId)).fetch('/api/cc/outbound', { method: 'POST', json: { to: '010-1234-5678' } })).status).toBe(403);
  });
});
