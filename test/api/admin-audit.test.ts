import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { writeAudit } from '../../worker/db/audit';
import { globalDb } from '../../worker/db/client';
import { auditLog } from '../../worker/db/schema';
import { dbFor } from '../../worker/db/scope';
import { newId } from '../../worker/ids';
import { makeUser, orgWithUser } from '../fixtures/orgs';

type Entry = { id: string; actorUserId: string | null; actorLoginId: string | null; action: string; createdAt: number };
type Page = { entries: Entry[]; nextBefore: string | null };

describe('audit log viewer', () => {
  it('pages newest first without repeating or skipping entries written in the same millisecond', async () => {
    const { org, user, client } = await orgWithUser('org_admin');
    const scope = dbFor(env, org.id);
    const t = Date.now() - 60_000;
    // Seven entries sharing one millisecond, two older ones: a time-only cursor would lose some.
    const rows = [...Array.from({ length: 7 }, () => t), t - 1, t - 2].map((createdAt, i) => ({
      id: newId('aud'),
      orgId: org.id,
      actorUserId: user.id,
      action: `test.step${i}`,
      createdAt,
    }));
    await globalDb(env).insert(auditLog).values(rows);

    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&before=${encodeURIComponent(cursor)}` : '';
      const res = await client.fetch(`/api/admin/audit?limit=3&action=test.*${q}`);
      expect(res.status).toBe(200);
      const page: Page = await res.json<Page>();
      seen.push(...page.entries);
      cursor = page.nextBefore;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.map((e) => e.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(new Set(seen.map((e) => e.id)).size).toBe(rows.length);
    const times = seen.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen[0]).toMatchObject({ actorUserId: user.id, actorLoginId: user.loginId });
  });

  it('filters by exact action, caps the limit at 200 and shows only the caller’s org', async () => {
    const { org, client } = await orgWithUser('org_admin');
    const other = await orgWithUser('org_admin');
    const staff = await makeUser(org.id);
    await writeAudit(dbFor(env, org.id), { actorUserId: staff.id, action: 'password.changed', targetType: 'user', targetId: staff.id });
    await writeAudit(dbFor(env, other.org.id), { actorUserId: other.user.id, action: 'password.changed' });

    const page = await (await client.fetch('/api/admin/audit?action=password.changed')).json<Page>();
    expect(page.entries.map((e) => e.actorLoginId)).toEqual([staff.loginId]);
    expect(page.nextBefore).toBeNull();

    const all = await (await client.fetch('/api/admin/audit')).json<Page>();
    expect(all.entries.map((e) => e.action).sort()).toEqual(['login', 'password.changed']);
    expect(JSON.stringify(all)).not.toContain(other.user.id);

    for (const q of ['limit=201', 'limit=0', 'before=yesterday', 'action=DROP TABLE']) {
      const res = await client.fetch(`/api/admin/audit?${q}`);
      expect(res.status, q).toBe(400);
    }
  });

  it('is for admins only', async () => {
    const { client } = await orgWithUser('agent');
    expect((await client.fetch('/api/admin/audit')).status).toBe(403);
  });
});
