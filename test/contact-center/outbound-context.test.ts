// What an agent's outbound call reads of D1 before it rings (C6), in one batch: the agent (a
// contact-center user of the org, not disabled), the service number the two phones see, and whether
// the org records its calls. The service number: a callback's queue's, else the agent's own queue's
// (before another queue's number that sorts first), else, for an agent in no queue, the org's first
// service number when it belongs to a queue. Another organisation's numbers are never chosen.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboundContext } from '../../worker/db/cc-live';
import { globalDb } from '../../worker/db/client';
import { queues, users, virtualNumbers } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { newId } from '../../worker/ids';
import { meterEnv } from '../../worker/metering';
import { metrics } from '../../worker/metrics';
import { contactCenter } from '../fixtures/contact-center-live';
import { makeOrg, makeUser } from '../fixtures/orgs';

const db = () => globalDb(env);

async function serviceNumber(orgId: string, e164: string, queueId: string | null) {
  await db()
    .insert(virtualNumbers)
    .values({ id: newId('num'), orgId, e164, kind: 'service', queueId });
}

describe('outboundContext', () => {
  it("picks the callback queue's number, else the agent's own queue's, else the org's first; reads the agent and recording in one round trip", async () => {
    // Queue A (the agent's) has a +82215… number; queue B's number sorts first; another org's sorts before both.
    const cc = await contactCenter({ agents: 1, recording: true });
    const [a] = cc.agents;
    const queueB = newId('que');
    await db().insert(queues).values({ id: queueB, orgId: cc.org.id, name: '세무상담' });
    await serviceNumber(cc.org.id, '+82210000001', queueB);
    const other = await makeOrg();
    const otherQueue = newId('que');
    await db().insert(queues).values({ id: otherQueue, orgId: other.id, name: '남의 큐' });
    await serviceNumber(other.id, '+82100000001', otherQueue);

    const metered = dbFor(meterEnv({ ...env, BENCH_METER: 'on' }), cc.org.id);
    const before = { statements: metrics.d1Statements, batches: metrics.d1Batches };
    const mine = await outboundContext(metered, a!.id, null);
    expect([metrics.d1Statements - before.statements, metrics.d1Batches - before.batches]).toEqual([3, 1]);
    expect(mine).toEqual({
      self: { id: a!.id, name: '상담사1', role: 'agent', mobile: a!.mobile },
      service: { e164: cc.e164, queueId: cc.queueId },
      recording: true,
    });

    const scope = dbFor(env, cc.org.id);
    // A callback of queue B is returned from B's number, though the agent is not in B.
    expect((await outboundContext(scope, a!.id, queueB)).service).toEqual({ e164: '+82210000001', queueId: queueB });
    // Another org's queue: no number of this org belongs to it.
    expect((await outboundContext(scope, a!.id, otherQueue)).service).toBeNull();
    // An agent in no queue: the org's first service number.
    const loose = await makeUser(cc.org.id, { role: 'supervisor' });
    expect(await outboundContext(scope, loose.id, null)).toMatchObject({
      self: { id: loose.id, role: 'supervisor', mobile: null },
      service: { e164: '+82210000001' },
    });
    // The org's first service number in no queue: none for the agent in no queue; the agent's own queue still answers.
    await serviceNumber(cc.org.id, '+82200000001', null);
    expect((await outboundContext(scope, loose.id, null)).service).toBeNull();
    expect((await outboundContext(scope, a!.id, null)).service).toEqual({ e164: cc.e164, queueId: cc.queueId });
  });

  it('is no one for staff, a disabled agent or another org; the org without recording says so', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const scope = dbFor(env, cc.org.id);
    expect(await outboundContext(scope, a!.id, null)).toMatchObject({ self: { id: a!.id }, recording: false });
    const staff = await makeUser(cc.org.id, { role: 'staff' });
    expect((await outboundContext(scope, staff.id, null)).self).toBeUndefined();
    const other = await makeOrg();
    expect((await outboundContext(dbFor(env, other.id), a!.id, null)).self).toBeUndefined();
    await db().update(users).set({ disabled: true }).where(eq(users.id, a!.id));
    expect((await outboundContext(scope, a!.id, null)).self).toBeUndefined();
  });
});
