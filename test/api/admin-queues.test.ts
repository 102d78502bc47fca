// GET /api/admin/queues: the org's queues by name, for admins only, and never another org's.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { queues } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { orgWithUser, request } from '../fixtures/orgs';

type QueueView = { id: string; name: string };

/** Queues are made by the operator CLI (no API creates them); the tests write the row directly. */
async function makeQueue(orgId: string, name: string) {
  const id = newId('que');
  await globalDb(env).insert(queues).values({ id, orgId, name, greetingText: '안내 문구' });
  return id;
}

describe('admin queues', () => {
  it('lists the org’s queues as {id, name}, ordered by name', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const minwon = await makeQueue(org.id, '민원상담');
    const gajeong = await makeQueue(org.id, '가정상담');
    const bokji = await makeQueue(org.id, '복지상담');

    const res = await client.fetch('/api/admin/queues');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      queues: [
        { id: gajeong, name: '가정상담' },
        { id: minwon, name: '민원상담' },
        { id: bokji, name: '복지상담' },
      ],
    });
  });

  it('answers an empty list for an org without queues', async () => {
    const { client } = await orgWithUser('org_admin');
    expect(await (await client.fetch('/api/admin/queues')).json()).toEqual({ queues: [] });
  });

  it('shows only the caller’s org: another org’s queue, even of the same name, is not listed', async () => {
    const mine = await orgWithUser('org_admin');
    const other = await orgWithUser('org_admin');
    const own = await makeQueue(mine.org.id, '민원상담');
    const foreign = await makeQueue(other.org.id, '민원상담');

    const text = await (await mine.client.fetch('/api/admin/queues')).text();
    expect(JSON.parse(text)).toEqual({ queues: [{ id: own, name: '민원상담' }] });
    expect(text).not.toContain(foreign);
    const theirs = await (await other.client.fetch('/api/admin/queues')).json<{ queues: QueueView[] }>();
    expect(theirs.queues.map((q) => q.id)).toEqual([foreign]);
  });

  it('is for admins only', async () => {
    for (const role of ['staff', 'agent', 'supervisor'] as const) {
      const { org, client } = await orgWithUser(role);
      await makeQueue(org.id, '민원상담');
      const res = await client.fetch('/api/admin/queues');
      expect(res.status, role).toBe(403);
      expect(await res.text()).not.toContain('민원상담');
    }
  });

  it('needs a session', async () => {
    expect((await request('/api/admin/queues')).status).toBe(401);
  });
});
