import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { auditLog, queues, virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { makeUser, orgWithUser } from '../fixtures/orgs';

type NumberView = { id: string; e164: string; kind: string; ownerUserId: string | null; queueId: string | null; paused: boolean };
type ErrorBody = { error: { code: string; fields?: { field: string; code: string; message: string }[] } };

/** A fresh, valid 050 number per test (050-7xxx-xxxx), since e164 is unique platform-wide. */
function uniqueSafeNumber(): { typed: string; e164: string } {
  const digits = String(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0)
    .padStart(10, '0')
    .slice(-7);
  return { typed: `050-7${digits.slice(0, 3)}-${digits.slice(3)}`, e164: `+82507${digits}` };
}

async function makeQueue(orgId: string) {
  const id = newId('que');
  await globalDb(env).insert(queues).values({ id, orgId, name: '대표번호' });
  return id;
}

describe('admin numbers', () => {
  it('adds a 050 number in national format as E.164, assigns it to a user, then a queue, then nobody, and deletes it', async () => {
    const { org, user: admin, client } = await orgWithUser('org_admin');
    const staff = await makeUser(org.id);
    const queueId = await makeQueue(org.id);
    const n = uniqueSafeNumber();

    const created = await client.fetch('/api/admin/numbers', { method: 'POST', json: { e164: n.typed, ownerUserId: staff.id } });
    expect(created.status).toBe(201);
    const { number } = await created.json<{ number: NumberView }>();
    expect(number).toEqual({
      id: expect.any(String),
      e164: n.e164,
      national: n.typed,
      kind: 'safe_number',
      ownerUserId: staff.id,
      queueId: null,
      paused: false,
    });

    const toQueue = await client.fetch(`/api/admin/numbers/${number.id}`, { method: 'PATCH', json: { queueId } });
    expect(await toQueue.json()).toMatchObject({ number: { ownerUserId: null, queueId } });
    const toNobody = await client.fetch(`/api/admin/numbers/${number.id}`, { method: 'PATCH', json: {} });
    expect(await toNobody.json()).toMatchObject({ number: { ownerUserId: null, queueId: null } });

    const list = await (await client.fetch('/api/admin/numbers')).json<{ numbers: NumberView[] }>();
    expect(list.numbers.map((x) => x.e164)).toEqual([n.e164]);

    expect((await client.fetch(`/api/admin/numbers/${number.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await globalDb(env).select().from(virtualNumbers).where(eq(virtualNumbers.id, number.id)).get()).toBeUndefined();

    const audit = await globalDb(env).select().from(auditLog).where(eq(auditLog.orgId, org.id)).all();
    expect(audit.filter((a) => a.action.startsWith('number.')).map((a) => a.action)).toEqual([
      'number.created',
      'number.assigned',
      'number.assigned',
      'number.deleted',
    ]);
    expect(audit.every((a) => !a.action.startsWith('number.') || a.actorUserId === admin.id)).toBe(true);
  });

  it('answers 409 when any organisation already has the number, in whatever format it is typed', async () => {
    const first = await orgWithUser('org_admin');
    const second = await orgWithUser('org_admin');
    const n = uniqueSafeNumber();
    expect((await first.client.fetch('/api/admin/numbers', { method: 'POST', json: { e164: n.typed } })).status).toBe(201);
    const again = await second.client.fetch('/api/admin/numbers', { method: 'POST', json: { e164: n.e164 } });
    expect(again.status).toBe(409);
    expect((await again.json<ErrorBody>()).error.fields).toEqual([{ field: 'e164', code: 'taken', message: expect.any(String) }]);
    // The answer does not reveal which org holds it.
    expect(await globalDb(env).select().from(virtualNumbers).where(eq(virtualNumbers.orgId, second.org.id)).all()).toEqual([]);
  });

  it('refuses invalid input with field errors and stores nothing', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const staff = await makeUser(org.id);
    const queueId = await makeQueue(org.id);
    const cases: [unknown, string][] = [
      [{ e164: '12345' }, 'e164'],
      [{ e164: 'not a number' }, 'e164'],
      [{ e164: uniqueSafeNumber().typed, kind: 'premium' }, 'kind'],
      [{ e164: uniqueSafeNumber().typed, ownerUserId: staff.id, queueId }, 'queueId'],
      [{ e164: uniqueSafeNumber().typed, ownerUserId: 'usr_nope' }, 'ownerUserId'],
      [{ e164: uniqueSafeNumber().typed, queueId: 'que_nope' }, 'queueId'],
    ];
    for (const [json, field] of cases) {
      const res = await client.fetch('/api/admin/numbers', { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      const body = await res.json<ErrorBody>();
      expect(body.error.fields?.map((f) => f.field)).toContain(field);
      // Never echoes the typed number.
      expect(JSON.stringify(body)).not.toContain('12345');
    }
    expect(await globalDb(env).select().from(virtualNumbers).where(eq(virtualNumbers.orgId, org.id)).all()).toEqual([]);
  });

  it('will not assign to another org’s user or queue, and leaves the number as it was', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const other = await orgWithUser('org_admin');
    const otherQueue = await makeQueue(other.org.id);
    const created = await client.fetch('/api/admin/numbers', { method: 'POST', json: { e164: uniqueSafeNumber().typed } });
    const { number } = await created.json<{ number: NumberView }>();
    for (const json of [{ ownerUserId: other.user.id }, { queueId: otherQueue }]) {
      const res = await client.fetch(`/api/admin/numbers/${number.id}`, { method: 'PATCH', json });
      expect(res.status).toBe(400);
    }
    const row = await globalDb(env).select().from(virtualNumbers).where(eq(virtualNumbers.id, number.id)).get();
    expect(row).toMatchObject({ orgId: org.id, ownerUserId: null, queueId: null });
  });

  it('answers 404 for another org’s number and changes nothing', async () => {
    const owner = await orgWithUser('org_admin');
    const intruder = await orgWithUser('org_admin');
    const { number } = await (
      await owner.client.fetch('/api/admin/numbers', { method: 'POST', json: { e164: uniqueSafeNumber().typed } })
    ).json<{
      number: NumberView;
    }>();
    expect((await intruder.client.fetch(`/api/admin/numbers/${number.id}`, { method: 'PATCH', json: { ownerUserId: intruder.user.id } })).status).toBe(404);
    expect((await intruder.client.fetch(`/api/admin/numbers/${number.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await (await intruder.client.fetch('/api/admin/numbers')).json<{ numbers: unknown[] }>()).numbers).toEqual([]);
    const row = await globalDb(env).select().from(virtualNumbers).where(eq(virtualNumbers.id, number.id)).get();
    expect(row).toMatchObject({ orgId: owner.org.id, ownerUserId: null });
  });

  it('is for admins only', async () => {
    for (const role of ['staff', 'agent', 'supervisor'] as const) {
      const { org, client } = await orgWithUser(role);
      expect((await client.fetch('/api/admin/numbers')).status).toBe(403);
      expect((await client.fetch('/api/admin/numbers', { method: 'POST', json: { e164: uniqueSafeNumber().typed } })).status).toBe(403);
      expect(await globalDb(env).select().from(virtualNumbers).where(eq(virtualNumbers.orgId, org.id)).all()).toEqual([]);
    }
  });
});
