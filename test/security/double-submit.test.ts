// Double submits (issue 19 §3): every create or first write that has a unique key in the schema
// (worker/db/schema.ts: unique indexes and primary keys a request fills), sent 8 times at once,
// answers the row (200/201) or 409 — never a 500 from a UNIQUE constraint — and leaves one row.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { listEntries, pushSubscriptions } from '../../worker/db/schema';
import { makeUser, orgWithUser, type Client } from '../fixtures/orgs';
import { randomNumber } from '../fixtures/telnyx-events';

const AT_ONCE = 8;
const KEY = 'B'.repeat(87);
const SECRET = 'A'.repeat(22);

type Case = {
  /** The unique key the schema holds. */
  key: string;
  as: 'staff' | 'org_admin' | 'supervisor';
  /** The request, built once (every copy is identical). */
  request: (ctx: { client: Client; orgId: string; userId: string }) => Promise<{ method: string; path: string; json: unknown }>;
  /** Rows of this key after the burst, when it is a create. */
  rows?: (ctx: { userId: string; body: unknown }) => Promise<number>;
};

const CASES: Case[] = [
  {
    key: 'push_subscriptions.endpoint',
    as: 'staff',
    request: async () => ({
      method: 'POST',
      path: '/api/push/subscriptions',
      json: { endpoint: `https://push.example.invalid/d/${crypto.randomUUID()}`, keys: { p256dh: KEY, auth: SECRET } },
    }),
    rows: async ({ body }) =>
      (
        await globalDb(env)
          .select()
          .from(pushSubscriptions)
          .where(eq(pushSubscriptions.endpoint, (body as { endpoint: string }).endpoint))
          .all()
      ).length,
  },
  {
    key: 'list_entries (user, kind, number)',
    as: 'staff',
    request: async () => ({ method: 'POST', path: '/api/me/list-entries', json: { kind: 'spam', number: randomNumber('+8210') } }),
    rows: async ({ userId }) => (await globalDb(env).select().from(listEntries).where(eq(listEntries.userId, userId)).all()).length,
  },
  { key: 'teams (org, name)', as: 'org_admin', request: async () => ({ method: 'POST', path: '/api/admin/teams', json: { name: '민원팀' } }) },
  {
    key: 'users (org, login_id)',
    as: 'org_admin',
    request: async () => ({ method: 'POST', path: '/api/admin/users', json: { loginId: 'twice', name: '두번', role: 'staff', password: 'Passw0rd!x' } }),
  },
  {
    key: 'virtual_numbers.e164',
    as: 'org_admin',
    request: async () => ({ method: 'POST', path: '/api/admin/numbers', json: { e164: randomNumber('+82505') } }),
  },
  {
    key: 'holidays (org, date)',
    as: 'org_admin',
    request: async () => ({ method: 'POST', path: '/api/admin/holidays', json: { date: '2031-07-07', name: '개교기념일' } }),
  },
  { key: 'queues (org, name)', as: 'supervisor', request: async () => ({ method: 'POST', path: '/api/cc/queues', json: { name: '민원상담' } }) },
  { key: 'consult_categories (org, name)', as: 'supervisor', request: async () => ({ method: 'POST', path: '/api/cc/categories', json: { name: '민원' } }) },
  {
    key: 'queue_members (queue, user)',
    as: 'supervisor',
    request: async ({ client, orgId }) => {
      const q = await (
        await client.fetch('/api/cc/queues', { method: 'POST', json: { name: `대기열-${crypto.randomUUID().slice(0, 6)}` } })
      ).json<{
        queue: { id: string };
      }>();
      const agent = await makeUser(orgId, { role: 'agent' });
      return { method: 'PUT', path: `/api/cc/queues/${q.queue.id}/members`, json: { members: [{ userId: agent.id, level: 1 }] } };
    },
  },
  {
    key: 'schedules (org, user)',
    as: 'staff',
    request: async () => ({ method: 'PUT', path: '/api/me/schedule', json: { workStartTime: '08:00', workEndTime: '17:00' } }),
  },
  {
    key: 'personal_settings.user_id (voicemail)',
    as: 'staff',
    request: async () => ({ method: 'PUT', path: '/api/me/voicemail', json: { afterHours: true, noAnswer: false } }),
  },
  { key: 'personal_settings.user_id (shield)', as: 'staff', request: async () => ({ method: 'PUT', path: '/api/me/shield', json: { limit: 5 } }) },
  {
    key: 'announcement_choices (org, scope, scope_id, type)',
    as: 'staff',
    request: async ({ client }) => {
      const a = await (
        await client.fetch('/api/me/announcements', { method: 'POST', json: { type: 'after_hours', name: '퇴근', text: '업무 시간이 끝났습니다.' } })
      ).json<{ announcement: { id: string } }>();
      return { method: 'PUT', path: '/api/me/announcement-choices', json: { type: 'after_hours', announcementId: a.announcement.id } };
    },
  },
];

describe(`${AT_ONCE} identical writes at once to every route with a unique key`, () => {
  for (const c of CASES) {
    it(`${c.key}: the row or 409, never 500`, async () => {
      const { org, user, client } = await orgWithUser(c.as);
      const req = await c.request({ client, orgId: org.id, userId: user.id });
      const res = await Promise.all(Array.from({ length: AT_ONCE }, () => client.fetch(req.path, { method: req.method, json: req.json })));
      const statuses = res.map((r) => r.status);
      expect(
        statuses.filter((s) => s >= 500),
        `${req.method} ${req.path}: ${statuses.join(',')}`,
      ).toEqual([]);
      expect(
        statuses.every((s) => s === 200 || s === 201 || s === 409),
        statuses.join(','),
      ).toBe(true);
      expect(statuses.some((s) => s === 200 || s === 201)).toBe(true);
      for (const r of res.filter((x) => x.status === 409)) {
        const body = await r.json<{ error: { code: string; fields?: { code: string }[] } }>();
        expect(body.error.fields?.[0]?.code ?? body.error.code).toBe('taken');
      }
      if (c.rows) expect(await c.rows({ userId: user.id, body: req.json })).toBe(1);
    });
  }
});
