// The Queue object under concurrency (C3, B5): offers stay exclusive when inputs race at the object
// (callers joining at once, an agent going ready as an offer expires), and callbacks in line are
// offered like calls (the agent's phone first, then the customer).
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { QueueState } from '../../worker/contact-center/queue';
import { globalDb } from '../../worker/db/client';
import { callbacks, calls } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { placeCall, settle, sim } from '../fixtures/calls';
import { login } from '../fixtures/orgs';
import { contactCenter, phone, queueStub, ready, until, view } from '../fixtures/contact-center-live';

/** Offers are exclusive: an agent holds at most one, a caller at most one (longest idle). */
function expectExclusive(q: QueueState) {
  const byAgent = new Map<string, number>();
  for (const o of Object.values(q.offers)) byAgent.set(o.agentUserId, (byAgent.get(o.agentUserId) ?? 0) + 1);
  for (const n of byAgent.values()) expect(n).toBe(1);
  for (const e of q.waiting) expect(e.offerIds.length).toBeLessThanOrEqual(1);
  for (const m of Object.values(q.members)) if (m.offerId) expect(q.offers[m.offerId]?.agentUserId).toBe(m.userId);
}

const state = async (queueId: string) => (await queueStub(queueId).inspect()).state as QueueState;

describe('the Queue object under racing inputs', () => {
  it('two callers joining at the same moment with one ready agent: one offer, the other waits', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    await phone(a!, { answer: 'never' });
    await ready(cc.org.id, a!);
    const q = queueStub(cc.queueId);
    await Promise.all([
      q.join(cc.org.id, cc.queueId, 'race-call-1', '+821011112222', 0),
      q.join(cc.org.id, cc.queueId, 'race-call-2', '+821033334444', 0),
      q.join(cc.org.id, cc.queueId, 'race-call-1', '+821011112222', 0),
    ]);
    await q.settle();
    const s = await state(cc.queueId);
    expect(s.waiting.map((w) => w.id)).toEqual(['race-call-1', 'race-call-2']);
    expect(Object.values(s.offers)).toHaveLength(1);
    expect(Object.values(s.offers)[0]).toMatchObject({ agentUserId: a!.id, entryId: 'race-call-1' });
    expectExclusive(s);
    expect((await view(a!))?.state).toBe('ringing');
    await q.leave(cc.org.id, cc.queueId, 'race-call-1');
    await q.leave(cc.org.id, cc.queueId, 'race-call-2');
    await q.settle();
    // Both callers left: the offer is withdrawn and the agent is ready again, with no offer anywhere.
    await until('ready again', async () => ((await view(a!))?.state === 'ready' ? true : null));
    expect(Object.values((await state(cc.queueId)).offers)).toHaveLength(0);
  });

  it('an agent going ready just as another agent’s offer expires: the call moves to the new agent, never to both', async () => {
    const cc = await contactCenter({ agents: 2, ringTimeoutSeconds: 1 });
    const [a, b] = cc.agents;
    await phone(a!, { answer: 'never' });
    await phone(b!, { answer: 'after', afterMs: 20, hangupAfterMs: 50 });
    await ready(cc.org.id, a!);
    const sessionId = await placeCall({ to: cc.e164, timeScale: 0.5 });
    const first = await until('offered to a', async () => {
      const s = await state(cc.queueId);
      return Object.values(s.offers).find((o) => o.agentUserId === a!.id);
    });
    // b logs in right as a's lease ends; the alarm and the presence report race at the object.
    await new Promise((r) => setTimeout(r, Math.max(0, first.leaseUntil - Date.now() - 5)));
    const watch = (async () => {
      for (let i = 0; i < 40; i++) {
        expectExclusive(await state(cc.queueId));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await Promise.all([ready(cc.org.id, b!), watch]);
    const run = await settle(sessionId, true, 20_000);
    expect(run.record).toMatchObject({ outcome: 'connected', agentUserId: b!.id });
    expect(await view(a!)).toMatchObject({ state: 'break', reason: 'missed_offer' });
    expect(run.carrierCommands.filter((c) => c.name === 'dial')).toHaveLength(2);
  }, 30_000);
});

describe('callbacks in line', () => {
  it('a pending callback keeps its place and is offered like a call: the agent’s phone, then the customer; then it is done', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const customer = '+821099990000';
    const callbackId = newId('cb');
    await globalDb(env)
      .insert(callbacks)
      .values({ id: callbackId, orgId: cc.org.id, queueId: cc.queueId, number: customer, requestedAt: Date.now() - 120_000 });
    await queueStub(cc.queueId).refresh(cc.org.id, cc.queueId);
    expect((await state(cc.queueId)).waiting.map((w) => w.id)).toEqual([callbackId]);
    await phone(a!, { answer: 'after', afterMs: 20 });
    await sim('/api/parties', { number: customer, answer: 'after', afterMs: 20, hangupAfterMs: 80 });
    await ready(cc.org.id, a!);
    const offered = await until('ringing for the callback', async () => {
      const v = await view(a!);
      return v?.state === 'ringing' || v?.state === 'on_call' ? v : null;
    });
    expect(offered.offer?.kind ?? offered.call?.kind).toBe('callback');
    const row = await until('done', async () => {
      const r = await globalDb(env).select().from(callbacks).where(eq(callbacks.id, callbackId)).get();
      return r?.status === 'done' ? r : null;
    });
    const record = await globalDb(env).select().from(calls).where(eq(calls.id, row.callId!)).get();
    expect(record).toMatchObject({
      kind: 'callback',
      direction: 'outbound',
      outcome: 'connected',
      agentUserId: a!.id,
      toNumber: customer,
      fromNumber: cc.e164,
    });
    expect((await state(cc.queueId)).waiting).toHaveLength(0);
    const q = await queueStub(cc.queueId).view(cc.org.id, cc.queueId);
    expect(q?.today.inbound).toBe(0);
  }, 30_000);

  it('a callback marked done or deleted from the list leaves the line at once, so no agent is offered it', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const ids = [newId('cb'), newId('cb')];
    for (const [i, id] of ids.entries())
      await globalDb(env)
        .insert(callbacks)
        .values({ id, orgId: cc.org.id, queueId: cc.queueId, number: `+82109999000${i}`, requestedAt: Date.now() - 60_000 + i });
    await queueStub(cc.queueId).refresh(cc.org.id, cc.queueId);
    expect((await state(cc.queueId)).waiting.map((w) => w.id)).toEqual(ids);
    const client = await login(cc.org.name, a!.loginId);
    expect((await client.fetch(`/api/cc/callbacks/${ids[0]}/done`, { method: 'POST' })).status).toBe(200);
    expect((await state(cc.queueId)).waiting.map((w) => w.id)).toEqual([ids[1]]);
    expect((await client.fetch(`/api/cc/callbacks/${ids[1]}`, { method: 'DELETE' })).status).toBe(200);
    expect((await state(cc.queueId)).waiting).toHaveLength(0);
    // Going ready now offers nothing: the line is empty.
    await ready(cc.org.id, a!);
    expect((await view(a!))?.state).toBe('ready');
    expect(Object.keys((await state(cc.queueId)).offers)).toHaveLength(0);
  });
});
