// The platform operator's home (issue 16): every organisation with its people, numbers, today's
// calls in its own zone and stale routing, beside the platform's health; operators only.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDateOf, startOfLocalDay } from '../../worker/contact-center/periods';
import { globalDb } from '../../worker/db/client';
import { orgs, users, virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { makeCall } from '../fixtures/contact-center';
import { contractAnswer } from '../fixtures/contract';
import { login, makeOrg, makeUser, request, type Client } from '../fixtures/orgs';

type Overview = {
  health: { status: string; checks: { d1: string } };
  totals: { organisations: number; numbers: number; callsToday: number };
  organisations: {
    id: string;
    name: string;
    timezone: string;
    users: { total: number; disabled: number };
    numbers: { safeNumber: number; service: number; access: number };
    callsToday: { total: number; answered: number; unanswered: number; lastAt: number | null };
    staleNumbers: number;
  }[];
};

const w = {} as { seoul: { id: string; name: string }; ny: { id: string; name: string }; op: Client; admin: Client; staff: Client; lastSeoulCall: number };

async function number(orgId: string, e164: string, kind: 'safe_number' | 'service') {
  await globalDb(env)
    .insert(virtualNumbers)
    .values({ id: newId('num'), orgId, e164, kind });
}

beforeAll(async () => {
  const platform = await makeOrg();
  const seoul = await makeOrg();
  const ny = await makeOrg();
  await globalDb(env).update(orgs).set({ timezone: 'America/New_York' }).where(eq(orgs.id, ny.id));
  const [, , gone] = await Promise.all([makeUser(seoul.id), makeUser(seoul.id, { role: 'agent' }), makeUser(seoul.id)]);
  await globalDb(env).update(users).set({ disabled: true }).where(eq(users.id, gone.id));
  await makeUser(ny.id);
  await number(seoul.id, '+82501110001', 'safe_number');
  await number(seoul.id, '+82501110002', 'safe_number');
  await number(seoul.id, '+8221110003', 'service');
  await number(ny.id, '+82501110004', 'safe_number');
  // Today and yesterday in each org's own zone.
  const now = Date.now();
  const dayStart = (tz: string) => startOfLocalDay(localDateOf(now, tz), tz);
  const s0 = dayStart('Asia/Seoul');
  const n0 = dayStart('America/New_York');
  await makeCall(seoul.id, { at: s0 + 1000, talk: 30 });
  await makeCall(seoul.id, { at: s0 + 2000, outcome: 'abandoned' });
  await makeCall(seoul.id, { at: s0 - 60_000, talk: 10 });
  await makeCall(ny.id, { at: n0 + 1000, talk: 5 });
  await makeCall(ny.id, { at: n0 - 60_000, talk: 5 });
  const op = await makeUser(platform.id, { role: 'operator' });
  const admin = await makeUser(seoul.id, { role: 'org_admin' });
  const staff = await makeUser(seoul.id, { role: 'staff' });
  Object.assign(w, {
    seoul,
    ny,
    lastSeoulCall: s0 + 2000,
    op: await login(platform.name, op.loginId),
    admin: await login(seoul.name, admin.loginId),
    staff: await login(seoul.name, staff.loginId),
  });
});

describe('operator overview', () => {
  it('lists every organisation with its users, numbers by kind, today’s calls in its own zone and stale numbers, and the health', async () => {
    const res = await w.op.fetch('/api/operator/overview');
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json<Overview>();
    expect(body.health).toMatchObject({ status: 'ok', checks: { d1: 'ok' } });
    const seoul = body.organisations.find((o) => o.id === w.seoul.id);
    const ny = body.organisations.find((o) => o.id === w.ny.id);
    expect(seoul).toMatchObject({
      name: w.seoul.name,
      timezone: 'Asia/Seoul',
      // makeUser ×3 (one disabled), the admin and the staff member.
      users: { total: 5, disabled: 1 },
      numbers: { safeNumber: 2, service: 1, access: 0 },
      callsToday: { total: 2, answered: 1, unanswered: 1, lastAt: w.lastSeoulCall },
      // Numbers written straight to D1 have no routing snapshot yet.
      staleNumbers: 3,
    });
    expect(ny).toMatchObject({ timezone: 'America/New_York', numbers: { safeNumber: 1, service: 0 }, callsToday: { total: 1, answered: 1, unanswered: 0 } });
    expect(body.totals.organisations).toBe(body.organisations.length);
    expect(body.totals.callsToday).toBe(body.organisations.reduce((n, o) => n + o.callsToday.total, 0));
    const names = body.organisations.map((o) => o.name);
    expect(names).toEqual([...names].sort());
  });

  it('answers with more organisations in one zone than D1 binds in one query (it answered 500), each still counted', async () => {
    const extra = await Promise.all(Array.from({ length: 120 }, () => makeOrg()));
    const last = extra.at(-1);
    if (!last) throw new Error('no orgs made');
    await makeCall(last.id, { at: w.lastSeoulCall + 3000, talk: 12 });
    const res = await w.op.fetch('/api/operator/overview');
    expect(res.status, await res.clone().text()).toBe(200);
    const body = contractAnswer('GET /api/operator/overview', await res.json());
    expect(body.organisations.length).toBeGreaterThanOrEqual(122);
    expect(body.organisations.find((o) => o.id === last.id)?.callsToday).toMatchObject({ total: 1, answered: 1 });
    expect(body.organisations.find((o) => o.id === w.seoul.id)?.callsToday).toMatchObject({ total: 2, answered: 1 });
  });

  it('is for operators only: an org admin and staff get 403, nobody logged in 401', async () => {
    expect((await w.admin.fetch('/api/operator/overview')).status).toBe(403);
    expect((await w.staff.fetch('/api/operator/overview')).status).toBe(403);
    expect((await request('/api/operator/overview')).status).toBe(401);
  });
});
