// Contact-center recordings (C9): the agent who took the call and the supervisors of its queue play
// it through the recordings API (ranged, audited); everyone else gets 404. The call detail's
// `canListen` is the same rule, so it never offers a recording the stream refuses (issue 19, defect 7).
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, orgs, recordings } from '../../worker/db/schema';
import { addMember, makeCall, makeQueue, makeRecording } from '../fixtures/contact-center';
import { login, makeOrg, makeUser, type Client } from '../fixtures/orgs';

const BYTES = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

const w = {} as {
  org: { id: string; name: string };
  ids: Record<'a1' | 'a2' | 'sup1' | 'sup2', string>;
  rec: string;
  outboundRec: string;
  call: string;
  as: Record<'a1' | 'a2' | 'sup1' | 'sup2' | 'admin' | 'staff' | 'foreignSup', Client>;
};

async function storedRecording(orgId: string, callId: string): Promise<string> {
  const id = await makeRecording(orgId, callId, 60_000);
  const row = await globalDb(env).select({ key: recordings.r2Key }).from(recordings).where(eq(recordings.id, id)).get();
  await env.RECORDINGS.put(row!.key, BYTES, { httpMetadata: { contentType: 'audio/mpeg' } });
  return id;
}

beforeAll(async () => {
  const org = await makeOrg();
  const [a1, a2, sup1, sup2, admin, staff] = await Promise.all([
    makeUser(org.id, { role: 'agent' }),
    makeUser(org.id, { role: 'agent' }),
    makeUser(org.id, { role: 'supervisor' }),
    makeUser(org.id, { role: 'supervisor' }),
    makeUser(org.id, { role: 'org_admin' }),
    makeUser(org.id, { role: 'staff' }),
  ]);
  const q1 = await makeQueue(org.id);
  const q2 = await makeQueue(org.id);
  await addMember(org.id, q1, a1.id, 1);
  await addMember(org.id, q1, a2.id, 2);
  await addMember(org.id, q1, sup1.id, 3);
  // sup2 supervises another queue only.
  await addMember(org.id, q2, sup2.id, 3);
  const call = await makeCall(org.id, { at: Date.now() - 60_000, queueId: q1, agentUserId: a1.id, wait: 5, talk: 60 });
  const rec = await storedRecording(org.id, call);
  // An agent's outbound call from q1's service number: the agent plays it, q1's supervisor too.
  const outbound = await makeCall(org.id, { at: Date.now() - 30_000, kind: 'agent_outbound', queueId: q1, agentUserId: a2.id, talk: 20 });
  const outboundRec = await storedRecording(org.id, outbound);

  const other = await makeOrg();
  const foreignSup = await makeUser(other.id, { role: 'supervisor' });
  const foreignQueue = await makeQueue(other.id);
  await addMember(other.id, foreignQueue, foreignSup.id);
  w.org = org;
  w.ids = { a1: a1.id, a2: a2.id, sup1: sup1.id, sup2: sup2.id };
  w.rec = rec;
  w.outboundRec = outboundRec;
  w.call = call;
  w.as = {
    a1: await login(org.name, a1.loginId),
    a2: await login(org.name, a2.loginId),
    sup1: await login(org.name, sup1.loginId),
    sup2: await login(org.name, sup2.loginId),
    admin: await login(org.name, admin.loginId),
    staff: await login(org.name, staff.loginId),
    foreignSup: await login(other.name, foreignSup.loginId),
  };
});

const play = (client: Client, id: string, range?: string) => client.fetch(`/api/recordings/${id}`, range ? { headers: { range } } : {});
const canListen = async (client: Client, callId: string) => {
  const res = await client.fetch(`/api/cc/calls/${callId}`);
  return res.status === 200 ? (await res.json<{ canListen: boolean }>()).canListen : res.status;
};
const audits = (actor: string) =>
  globalDb(env)
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, w.org.id), eq(auditLog.actorUserId, actor), eq(auditLog.targetId, w.rec)))
    .all();

describe('contact-center recordings', () => {
  it('the agent who took the call plays it whole (200) and by range (206), audited', async () => {
    const whole = await play(w.as.a1, w.rec);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(BYTES);
    const part = await play(w.as.a1, w.rec, 'bytes=10-19');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(BYTES.slice(10, 20));
    const rows = await audits(w.ids.a1);
    expect(rows.map((r) => r.action)).toEqual(['recording.played', 'recording.played']);
    expect(rows[1]?.detail).toMatchObject({ kind: 'call', offset: 10, length: 10 });
  });

  it('a supervisor of the call’s queue plays it, audited; a supervisor of another queue gets 404', async () => {
    const res = await play(w.as.sup1, w.rec, 'bytes=0-99');
    expect(res.status).toBe(206);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(BYTES.slice(0, 100));
    expect((await audits(w.ids.sup1)).map((r) => r.action)).toEqual(['recording.played']);
    expect((await play(w.as.sup2, w.rec)).status).toBe(404);
    expect(await audits(w.ids.sup2)).toEqual([]);
    // The agent's outbound call from the queue's number: the agent and the queue's supervisor.
    expect((await play(w.as.a2, w.outboundRec)).status).toBe(200);
    expect((await play(w.as.sup1, w.outboundRec)).status).toBe(200);
    expect((await play(w.as.a1, w.outboundRec)).status).toBe(404);
  });

  it('another agent of the same queue, staff, an org admin (unless the org allows) and another org get 404', async () => {
    for (const client of [w.as.a2, w.as.staff, w.as.admin, w.as.foreignSup]) expect((await play(client, w.rec)).status).toBe(404);
    await globalDb(env).update(orgs).set({ recordingAdminAccess: true }).where(eq(orgs.id, w.org.id));
    try {
      expect((await play(w.as.admin, w.rec)).status).toBe(200);
      expect(await canListen(w.as.admin, w.call)).toBe(true);
    } finally {
      await globalDb(env).update(orgs).set({ recordingAdminAccess: false }).where(eq(orgs.id, w.org.id));
    }
  });

  it('the call detail’s canListen answers exactly what the stream does, for every viewer', async () => {
    const viewers = [w.as.a1, w.as.a2, w.as.sup1, w.as.sup2, w.as.admin];
    for (const client of viewers) {
      const listen = await canListen(client, w.call);
      const status = (await play(client, w.rec)).status;
      if (listen === true) expect(status).toBe(200);
      else expect(status).toBe(404);
    }
    expect(await canListen(w.as.a1, w.call)).toBe(true);
    expect(await canListen(w.as.sup1, w.call)).toBe(true);
    expect(await canListen(w.as.sup2, w.call)).toBe(false);
    expect(await canListen(w.as.admin, w.call)).toBe(false);
    // a2 may not open a colleague's answered call at all.
    expect(await canListen(w.as.a2, w.call)).toBe(404);
  });
});
