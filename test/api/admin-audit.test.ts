import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { writeAudit } from '../../worker/db/audit';
import { globalDb } from '../../worker/db/client';
import { auditLog, queues, teams, virtualNumbers } from '../../worker/db/schema';
import { formatNational } from '../../worker/phone';
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

describe('audit log names', () => {
  it('names the actor and the target (user, team, queue, number) in the page, login IDs as secondary text, never another org’s', async () => {
    const { org, user, client } = await orgWithUser('org_admin');
    const other = await orgWithUser('org_admin');
    const scope = dbFor(env, org.id);
    const staff = await makeUser(org.id, { name: '김민원' });
    const [team] = await globalDb(env)
      .insert(teams)
      .values({ id: newId('team'), orgId: org.id, name: '민원팀' })
      .returning();
    const [queue] = await globalDb(env)
      .insert(queues)
      .values({ id: newId('que'), orgId: org.id, name: '복지상담' })
      .returning();
    const [number] = await globalDb(env)
      .insert(virtualNumbers)
      .values({ id: newId('num'), orgId: org.id, e164: `+8250${Date.now().toString().slice(-8)}`, kind: 'safe_number' })
      .returning();
    await writeAudit(scope, { actorUserId: user.id, action: 'account.issued', targetType: 'user', targetId: staff.id });
    await writeAudit(scope, { actorUserId: user.id, action: 'team.created', targetType: 'team', targetId: team!.id });
    await writeAudit(scope, { actorUserId: user.id, action: 'queue.created', targetType: 'queue', targetId: queue!.id });
    await writeAudit(scope, { actorUserId: user.id, action: 'number.created', targetType: 'number', targetId: number!.id });
    // Another org's user named as a target here resolves to nothing.
    await writeAudit(scope, { actorUserId: user.id, action: 'account.updated', targetType: 'user', targetId: other.user.id });

    const page = await (await client.fetch('/api/admin/audit?limit=5')).json<{ entries: (Entry & Record<string, unknown>)[] }>();
    const by = (action: string) => page.entries.find((e) => e.action === action);
    for (const e of page.entries) expect(e).toMatchObject({ actorName: user.name, actorLoginId: user.loginId });
    expect(by('account.issued')).toMatchObject({ targetName: '김민원', targetLoginId: staff.loginId });
    expect(by('team.created')).toMatchObject({ targetName: '민원팀', targetLoginId: null });
    expect(by('queue.created')).toMatchObject({ targetName: '복지상담' });
    expect(by('number.created')?.targetName).toBe(formatNational(number!.e164));
    expect(by('account.updated')).toMatchObject({ targetName: null, targetLoginId: null });
    expect(JSON.stringify(page)).not.toContain(other.user.loginId);
  });
});
