// Queue management (C3, C11, C13): supervisors and org admins create, edit and delete queues and set
// their members with levels; agents and staff may not; bad input is refused with field codes and
// changes nothing; the Queue DO's configuration (loadQueueConfig) follows what was saved.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { loadAgentConfig, loadQueueConfig } from '../../worker/db/contact-center-config';
import { auditLog, queueMembers, queues } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { insertNumber } from '../../worker/db/numbers';
import { addMember, makeCall, makeQueue } from '../fixtures/contact-center';
import { login, makeOrg, makeUser, request } from '../fixtures/orgs';

type FieldErr = { field: string; code: string; params?: Record<string, number> };
type ErrorBody = { error: { code: string; fields?: FieldErr[] } };
type Queue = Record<string, unknown> & {
  id: string;
  name: string;
  members: { userId: string; level: number; role: string }[];
  numbers: { e164: string; display: string }[];
};

async function orgWith(role: 'supervisor' | 'org_admin' | 'agent' | 'staff' = 'supervisor') {
  const org = await makeOrg();
  const user = await makeUser(org.id, { role });
  return { org, user, client: await login(org.name, user.loginId) };
}

const FULL = {
  name: '복지상담',
  greetingText: '복지상담센터입니다.',
  holdMusicUrl: 'https://cdn.example.kr/hold.mp3',
  maxWaitSeconds: 600,
  ringTimeoutSeconds: 15,
  tierWidenSeconds: 45,
  overflow: 'voicemail',
  strategy: 'round_robin',
  serviceLevelSeconds: 30,
  serviceLevelTargetPercent: 90,
  announceIntervalSeconds: 120,
  agentStateAfterCall: 'ready',
  acwLimitSeconds: 90,
};

describe('queues API', () => {
  it('creates a queue with the column defaults, reads it back with the org defaults beside it, and lists it', async () => {
    const { org, client } = await orgWith('supervisor');
    const res = await client.fetch('/api/cc/queues', { method: 'POST', json: { name: '  민원상담  ' } });
    expect(res.status, await res.clone().text()).toBe(201);
    const { queue } = await res.json<{ queue: Queue }>();
    expect(queue).toEqual({
      id: expect.stringMatching(/^que_/),
      name: '민원상담',
      greetingText: null,
      holdMusicUrl: null,
      maxWaitSeconds: 300,
      ringTimeoutSeconds: 20,
      tierWidenSeconds: 30,
      overflow: 'callback',
      strategy: 'longest_idle',
      serviceLevelSeconds: null,
      serviceLevelTargetPercent: null,
      announceIntervalSeconds: 60,
      agentStateAfterCall: null,
      acwLimitSeconds: null,
      members: [],
      numbers: [],
    });
    const one = await (await client.fetch(`/api/cc/queues/${queue.id}`)).json<{ queue: Queue; defaults: Record<string, unknown> }>();
    expect(one.queue).toEqual(queue);
    expect(one.defaults).toEqual({
      agentStateAfterLogin: 'break',
      agentStateAfterCall: 'acw',
      acwLimitSeconds: null,
      serviceLevelSeconds: 20,
      serviceLevelTargetPercent: 80,
      shortAbandonSeconds: 5,
    });
    // The number that rings it shows in E.164 and in national format.
    await insertNumber(dbFor(env, org.id), { e164: '+8221001234', kind: 'service', ownerUserId: null, queueId: queue.id }).catch(async () => {
      // The directory is global: another test file may hold this number; use a fresh one.
      await insertNumber(dbFor(env, org.id), { e164: `+82215${String(Date.now()).slice(-6)}`, kind: 'service', ownerUserId: null, queueId: queue.id });
    });
    const list = await (await client.fetch('/api/cc/queues')).json<{ queues: Queue[] }>();
    expect(list.queues).toHaveLength(1);
    expect(list.queues[0]?.numbers[0]?.display).toMatch(/^02-\d{3,4}-\d{4}$/);
    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all();
    expect(audit.map((a) => a.action)).toContain('queue.created');
  });

  it('saves every setting, and the Queue and Agent objects load them (null overrides fall back to the org)', async () => {
    const { org, client } = await orgWith('org_admin');
    const agent = await makeUser(org.id, { role: 'agent' });
    const created = await (await client.fetch('/api/cc/queues', { method: 'POST', json: FULL })).json<{ queue: Queue }>();
    expect(created.queue).toMatchObject(FULL);
    const id = created.queue.id;
    await client.fetch(`/api/cc/queues/${id}/members`, { method: 'PUT', json: { members: [{ userId: agent.id, level: 2 }] } });

    const scope = dbFor(env, org.id);
    const loaded = await loadQueueConfig(scope, id);
    expect(loaded).toEqual({
      config: expect.objectContaining({
        queueId: id,
        strategy: 'round_robin',
        ringTimeoutSeconds: 15,
        maxWaitSeconds: 600,
        tierWidenSeconds: 45,
        overflow: 'voicemail',
        serviceLevelSeconds: 30,
        serviceLevelTarget: 0.9,
        announceIntervalSeconds: 120,
      }),
      members: [{ userId: agent.id, level: 2 }],
    });
    expect((await loadAgentConfig(scope, agent.id)).queues[id]).toEqual({ afterCall: 'ready', acwLimitSeconds: 90 });

    // Clearing the overrides: the org's values apply again.
    const patched = await client.fetch(`/api/cc/queues/${id}`, {
      method: 'PATCH',
      json: { serviceLevelSeconds: null, serviceLevelTargetPercent: null, agentStateAfterCall: null, acwLimitSeconds: null, holdMusicUrl: '' },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json<{ queue: Queue }>()).queue).toMatchObject({
      ...FULL,
      serviceLevelSeconds: null,
      serviceLevelTargetPercent: null,
      agentStateAfterCall: null,
      acwLimitSeconds: null,
      holdMusicUrl: null,
    });
    const again = await loadQueueConfig(scope, id);
    expect(again?.config).toMatchObject({ serviceLevelSeconds: 20, serviceLevelTarget: 0.8 });
    expect((await loadAgentConfig(scope, agent.id)).queues[id]).toBeUndefined();
  });

  it('refuses bad settings with the field and its code, and writes nothing', async () => {
    const { org, client } = await orgWith('supervisor');
    const id = await makeQueue(org.id, { name: '민원상담' });
    const bad: [Record<string, unknown>, string, string, Record<string, number>?][] = [
      [{ name: '' }, 'name', 'required'],
      [{ name: '가'.repeat(51) }, 'name', 'too_long', { max: 50 }],
      [{ greetingText: '가'.repeat(241) }, 'greetingText', 'too_long', { max: 240 }],
      [{ holdMusicUrl: 'http://cdn.example.kr/hold.mp3' }, 'holdMusicUrl', 'url'],
      [{ holdMusicUrl: 'javascript:alert(1)' }, 'holdMusicUrl', 'url'],
      // Hosts the carrier (or anyone fetching for us) must not be pointed at (issue 19 §7).
      ...[
        'https://169.254.169.254/latest/meta-data/',
        'https://2852039166/hold.mp3',
        'https://[::1]/hold.mp3',
        'https://[fe80::1]/hold.mp3',
        'https://[fd00::5]/hold.mp3',
        'https://[::ffff:127.0.0.1]/hold.mp3',
        'https://10.0.0.8/hold.mp3',
        'https://172.20.1.1/hold.mp3',
        'https://192.168.0.1/hold.mp3',
        'https://127.0.0.1/hold.mp3',
        'https://localhost/hold.mp3',
        'https://media.localhost/hold.mp3',
        'https://intranet/hold.mp3',
        'https://user:secret@cdn.example.kr/hold.mp3',
        'https://token@cdn.example.kr/hold.mp3',
      ].map((url): [Record<string, unknown>, string, string] => [{ holdMusicUrl: url }, 'holdMusicUrl', 'url_private']),
      [{ maxWaitSeconds: 5 }, 'maxWaitSeconds', 'out_of_range', { min: 10, max: 3600 }],
      [{ ringTimeoutSeconds: 121 }, 'ringTimeoutSeconds', 'out_of_range', { min: 5, max: 120 }],
      [{ tierWidenSeconds: 1.5 }, 'tierWidenSeconds', 'out_of_range', { min: 0, max: 600 }],
      [{ overflow: 'sms' }, 'overflow', 'choice'],
      [{ strategy: 'random' }, 'strategy', 'choice'],
      [{ serviceLevelSeconds: 0 }, 'serviceLevelSeconds', 'out_of_range', { min: 1, max: 3600 }],
      [{ serviceLevelTargetPercent: 100 }, 'serviceLevelTargetPercent', 'out_of_range', { min: 1, max: 99 }],
      [{ announceIntervalSeconds: -1 }, 'announceIntervalSeconds', 'out_of_range', { min: 0, max: 3600 }],
      [{ agentStateAfterCall: 'offline' }, 'agentStateAfterCall', 'choice'],
      [{ acwLimitSeconds: 0 }, 'acwLimitSeconds', 'out_of_range', { min: 1, max: 3600 }],
    ];
    const before = await globalDb(env).select().from(queues).where(eq(queues.orgId, org.id)).all();
    for (const [body, field, code, params] of bad) {
      for (const [method, path, json] of [
        ['PATCH', `/api/cc/queues/${id}`, body],
        ['POST', '/api/cc/queues', { name: '새 대기열', ...body }],
      ] as const) {
        const res = await client.fetch(path, { method, json });
        expect(res.status, `${method} ${field}`).toBe(400);
        const fields = (await res.json<ErrorBody>()).error.fields ?? [];
        expect(fields, `${method} ${JSON.stringify(body)}`).toContainEqual({ field, code, message: expect.any(String), ...(params && { params }) });
      }
    }
    expect(await globalDb(env).select().from(queues).where(eq(queues.orgId, org.id)).all()).toEqual(before);
  });

  it('keeps names unique within the org (409 on name), not across orgs', async () => {
    const { org, client } = await orgWith('supervisor');
    await makeQueue(org.id, { name: '민원상담' });
    const other = await makeQueue(org.id, { name: '복지상담' });
    const dup = await client.fetch('/api/cc/queues', { method: 'POST', json: { name: '민원상담' } });
    expect(dup.status).toBe(409);
    expect((await dup.json<ErrorBody>()).error).toMatchObject({ code: 'conflict', fields: [{ field: 'name', code: 'taken' }] });
    const rename = await client.fetch(`/api/cc/queues/${other}`, { method: 'PATCH', json: { name: '민원상담' } });
    expect(rename.status).toBe(409);
    // Renaming a queue to its own name is no conflict.
    expect((await client.fetch(`/api/cc/queues/${other}`, { method: 'PATCH', json: { name: '복지상담' } })).status).toBe(200);
    const elsewhere = await orgWith('supervisor');
    expect((await elsewhere.client.fetch('/api/cc/queues', { method: 'POST', json: { name: '민원상담' } })).status).toBe(201);
  });

  it('sets members with levels as a whole list: agents and supervisors of the org only, each once', async () => {
    const { org, client } = await orgWith('supervisor');
    const id = await makeQueue(org.id);
    const [a1, a2, sup, staff] = await Promise.all([
      makeUser(org.id, { role: 'agent', name: '가상담' }),
      makeUser(org.id, { role: 'agent', name: '나상담' }),
      makeUser(org.id, { role: 'supervisor', name: '다팀장' }),
      makeUser(org.id, { role: 'staff' }),
    ]);
    const foreign = await makeUser((await makeOrg()).id, { role: 'agent' });
    await addMember(org.id, id, a1.id, 1);

    const bad: [unknown, string, string][] = [
      [[{ userId: foreign.id, level: 1 }], 'members.0.userId', 'not_in_org'],
      [
        [
          { userId: a2.id, level: 1 },
          { userId: staff.id, level: 1 },
        ],
        'members.1.userId',
        'not_agent',
      ],
      [
        [
          { userId: a2.id, level: 1 },
          { userId: a2.id, level: 2 },
        ],
        'members.1.userId',
        'taken',
      ],
      [[{ userId: a2.id, level: 10 }], 'members.0.level', 'out_of_range'],
      ['a2', 'members', 'invalid'],
    ];
    for (const [members, field, code] of bad) {
      const res = await client.fetch(`/api/cc/queues/${id}/members`, { method: 'PUT', json: { members } });
      expect(res.status, field).toBe(400);
      expect((await res.json<ErrorBody>()).error.fields, field).toContainEqual(expect.objectContaining({ field, code }));
    }
    const kept = await globalDb(env).select().from(queueMembers).where(eq(queueMembers.queueId, id)).all();
    expect(kept.map((m) => [m.userId, m.level])).toEqual([[a1.id, 1]]);

    const res = await client.fetch(`/api/cc/queues/${id}/members`, {
      method: 'PUT',
      json: {
        members: [
          { userId: sup.id, level: 3 },
          { userId: a2.id, level: 1 },
          { userId: a1.id, level: 2 },
        ],
      },
    });
    expect(res.status).toBe(200);
    const { queue } = await res.json<{ queue: Queue }>();
    // By level, then name.
    expect(queue.members.map((m) => [m.userId, m.level, m.role])).toEqual([
      [a2.id, 1, 'agent'],
      [a1.id, 2, 'agent'],
      [sup.id, 3, 'supervisor'],
    ]);
    const empty = await client.fetch(`/api/cc/queues/${id}/members`, { method: 'PUT', json: { members: [] } });
    expect((await empty.json<{ queue: Queue }>()).queue.members).toEqual([]);
    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all();
    expect(audit.filter((a) => a.action === 'queue.members_updated').map((a) => a.detail)).toEqual([
      { added: [a2.id, sup.id], removed: [], levelChanged: [a1.id] },
      { added: [], removed: [a2.id, a1.id, sup.id], levelChanged: [] },
    ]);
  });

  it('takes a membership larger than one statement may bind (D1 binds at most 100 parameters)', async () => {
    const { org, client } = await orgWith('supervisor');
    const id = await makeQueue(org.id);
    const agents = [];
    for (let i = 0; i < 45; i++) agents.push(await makeUser(org.id, { role: 'agent', name: `상담${String(i).padStart(2, '0')}` }));
    const res = await client.fetch(`/api/cc/queues/${id}/members`, {
      method: 'PUT',
      json: { members: agents.map((a, i) => ({ userId: a.id, level: (i % 3) + 1 })) },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json<{ queue: Queue }>()).queue.members).toHaveLength(45);
  });

  it('deletes only a queue nothing points at: numbers ring it or history names it → 409, unchanged', async () => {
    const { org, client } = await orgWith('supervisor');
    const agent = await makeUser(org.id, { role: 'agent' });
    const free = await makeQueue(org.id);
    await addMember(org.id, free, agent.id);
    const withCalls = await makeQueue(org.id);
    await makeCall(org.id, { at: Date.now(), queueId: withCalls, wait: 3 });
    const withNumber = await makeQueue(org.id);
    await insertNumber(dbFor(env, org.id), { e164: `+8250${String(Date.now()).slice(-8)}`, kind: 'service', ownerUserId: null, queueId: withNumber });

    for (const id of [withCalls, withNumber]) {
      const res = await client.fetch(`/api/cc/queues/${id}`, { method: 'DELETE' });
      expect(res.status).toBe(409);
      expect((await client.fetch(`/api/cc/queues/${id}`)).status).toBe(200);
    }
    expect((await client.fetch(`/api/cc/queues/${free}`, { method: 'DELETE' })).status).toBe(200);
    expect((await client.fetch(`/api/cc/queues/${free}`)).status).toBe(404);
    expect(await globalDb(env).select().from(queueMembers).where(eq(queueMembers.queueId, free)).all()).toEqual([]);
  });

  it('is for supervisors and org admins: agents and staff get 403 and change nothing; no session 401', async () => {
    for (const role of ['agent', 'staff'] as const) {
      const { org, client } = await orgWith(role);
      const id = await makeQueue(org.id, { name: '민원상담' });
      expect((await client.fetch('/api/cc/queues')).status, role).toBe(403);
      expect((await client.fetch('/api/cc/queues', { method: 'POST', json: { name: '새 대기열' } })).status, role).toBe(403);
      expect((await client.fetch(`/api/cc/queues/${id}`, { method: 'PATCH', json: { maxWaitSeconds: 60 } })).status, role).toBe(403);
      expect((await client.fetch(`/api/cc/queues/${id}/members`, { method: 'PUT', json: { members: [] } })).status, role).toBe(403);
      expect((await client.fetch(`/api/cc/queues/${id}`, { method: 'DELETE' })).status, role).toBe(403);
      expect(await globalDb(env).select().from(queues).where(eq(queues.orgId, org.id)).all()).toMatchObject([{ id, name: '민원상담', maxWaitSeconds: 300 }]);
    }
    expect((await request('/api/cc/queues')).status).toBe(401);
  });
});
