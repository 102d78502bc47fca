// The organisation file, planned into SQL and run against the real D1 inside workerd.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import demo from '../../scripts/demo-org.json';
import { hashPassword } from '../../worker/auth/password';
import { globalDb } from '../../worker/db/client';
import { loadQueueConfig } from '../../worker/db/contact-center-config';
import { findNumberSnapshot } from '../../worker/db/routing-snapshots';
import { dbFor } from '../../worker/db/scope';
import { orgs, users, virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { createOrgInput } from '../../worker/provision/check';
import { SNAPSHOT_VERSION } from '../../worker/routing/snapshot';
import { runScheduled } from '../../worker/scheduled';
import { planOrgFile, type PlanResult } from '../../worker/provision/plan';
import { dumpOrg } from '../fixtures/org-dump';
import { login, makeOrg, request } from '../fixtures/orgs';

const deps = () => ({ hash: hashPassword, newId, now: Date.now() });

async function run(result: PlanResult): Promise<void> {
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  await env.DB.batch(result.statements.map((s) => env.DB.prepare(s)));
}

type DemoFile = typeof demo;

/** The demo file under a fresh org name and fresh virtual numbers (E.164 is unique across orgs). */
function uniqueDemo(): DemoFile {
  const file = structuredClone(demo);
  file.org.name = `데모-${crypto.randomUUID().slice(0, 8)}`;
  const base = 10_000_000 + Math.floor(Math.random() * 80_000_000);
  file.numbers = file.numbers.map((n, i) => ({ ...n, number: `050${base + i}` }));
  return file;
}

async function orgId(name: string): Promise<string> {
  const row = await globalDb(env).select().from(orgs).where(eq(orgs.name, name)).get();
  if (!row) throw new Error('org not created');
  return row.id;
}

describe('apply', () => {
  it('provisions the whole demo organisation, whose users can then log in', async () => {
    const file = uniqueDemo();
    await run(await planOrgFile(file, deps()));
    const id = await orgId(file.org.name);
    const dump = await dumpOrg(id);
    expect(dump.orgs?.[0]).toMatchObject({ timezone: 'Asia/Seoul', recording_enabled: 1, recording_retention_days: 90 });
    const count = (t: string) => dump[t]?.length;
    expect(count('users')).toBe(7);
    expect(count('teams')).toBe(3);
    expect(count('virtual_numbers')).toBe(4);
    expect(count('schedules')).toBe(2);
    expect(count('holidays')).toBe(1);
    expect(count('queues')).toBe(1);
    expect(count('queue_members')).toBe(3);
    expect(count('announcements')).toBe(12);
    expect(count('announcement_choices')).toBe(12);
    expect(count('list_entries')).toBe(2);
    expect(count('consult_categories')).toBe(5);

    const orgDefault = dump.schedules?.find((s) => s.user_id === null);
    expect(orgDefault).toMatchObject({ work_start_time: '09:00', work_end_time: '18:00', weekdays: 0b0011111, lunch_start_time: '12:00' });
    const staff = dump.users?.find((u) => u.login_id === '05012340001');
    expect(staff).toMatchObject({ mobile: '+821012340001', role: 'staff', must_change_password: 0 });
    const number = dump.virtual_numbers?.find((n) => n.owner_user_id === staff?.id);
    expect(number?.e164).toMatch(/^\+8250\d+$/);
    const service = dump.virtual_numbers?.find((n) => n.kind === 'service');
    expect(service?.queue_id).toBe(dump.queues?.[0]?.id);
    expect(dump.list_entries?.map((e) => e.number).sort()).toEqual(['+8225550199', '+821098765432'].sort());

    // The contact-center set-up: the org policy, the queue's settings, its members by level.
    expect(dump.orgs?.[0]).toMatchObject({
      agent_state_after_login: 'break',
      agent_state_after_call: 'acw',
      acw_limit_seconds: 60,
      short_abandon_seconds: 5,
      service_level_target_percent: 80,
    });
    const queue = dump.queues?.[0];
    expect(queue).toMatchObject({
      name: '민원상담',
      strategy: 'longest_idle',
      ring_timeout_seconds: 20,
      tier_widen_seconds: 30,
      service_level_seconds: 20,
      announce_interval_seconds: 60,
    });
    const config = await loadQueueConfig(dbFor(env, id), String(queue?.id));
    const level = (loginId: string) => config?.members.find((m) => m.userId === dump.users?.find((u) => u.login_id === loginId)?.id)?.level;
    expect([level('agent1'), level('agent2'), level('supervisor')]).toEqual([1, 2, 3]);

    const admin = await login(file.org.name, 'admin', 'Admin123!');
    const me = await (await admin.fetch('/api/me')).json<{ user: { role: string }; org: { timezone: string } }>();
    expect(me).toMatchObject({ user: { role: 'org_admin' }, org: { timezone: 'Asia/Seoul' } });
    const agent = await login(file.org.name, 'agent1', 'Demo123!');
    expect((await agent.fetch('/api/me')).status).toBe(200);
  });

  it('is idempotent: applying the same file again changes no row', async () => {
    const file = uniqueDemo();
    await run(await planOrgFile(file, deps()));
    const id = await orgId(file.org.name);
    const once = await dumpOrg(id);
    await run(await planOrgFile(file, { ...deps(), now: Date.now() + 60_000 }));
    expect(await dumpOrg(id)).toEqual(once);
  });

  it('updates what changed and keeps passwords that users already have', async () => {
    const file = uniqueDemo();
    await run(await planOrgFile(file, deps()));
    const id = await orgId(file.org.name);
    const staff = file.users.find((u) => u.loginId === '05012340003') as { name: string; mobile?: string; password: string } | undefined;
    if (!staff) throw new Error('demo user missing');
    staff.name = '최팀장';
    staff.mobile = '010-7777-8888';
    staff.password = 'Changed1!';
    file.org.serviceLevelSeconds = 30;
    await run(await planOrgFile(file, { ...deps(), now: 1_900_000_000_000 }));

    const row = await globalDb(env)
      .select()
      .from(users)
      .where(and(eq(users.orgId, id), eq(users.loginId, '05012340003')))
      .get();
    expect(row).toMatchObject({ name: '최팀장', mobile: '+821077778888', mobileChangedAt: 1_900_000_000_000, updatedAt: 1_900_000_000_000 });
    expect((await globalDb(env).select().from(orgs).where(eq(orgs.id, id)).get())?.serviceLevelSeconds).toBe(30);
    // The initial password is only for new accounts: the old one still works.
    expect((await request('/api/auth/login', { method: 'POST', json: { org: file.org.name, loginId: '05012340003', password: 'Demo123!' } })).status).toBe(200);
  });

  it('leaves a new user’s mobile unstamped, so their own first change is not locked (S8 locks after a change they made)', async () => {
    const file = uniqueDemo();
    // The CLI plans with the current time, as here: a stamp would lock the change for 24 hours.
    await run(await planOrgFile(file, deps()));
    const id = await orgId(file.org.name);
    const provisioned = await globalDb(env).select().from(users).where(eq(users.orgId, id)).all();
    expect(provisioned.filter((u) => u.mobile !== null).length).toBeGreaterThan(3);
    expect(provisioned.map((u) => u.mobileChangedAt)).toEqual(provisioned.map(() => null));

    const staff = await login(file.org.name, '05012340001', 'Demo123!');
    expect(await (await staff.fetch('/api/me/mobile')).json()).toMatchObject({ changedAt: null, nextChangeAt: null });
    const first = await staff.fetch('/api/me/mobile', { method: 'PUT', json: { password: 'Demo123!', mobile: '010-2222-3333' } });
    expect(first.status).toBe(200);
    // Their own change is what starts the 24 hours.
    const second = await staff.fetch('/api/me/mobile', { method: 'PUT', json: { password: 'Demo123!', mobile: '010-2222-4444' } });
    expect(second.status).toBe(400);
  });

  it('touches no other organisation, and never takes over another org’s number', async () => {
    const other = await makeOrg();
    const file = uniqueDemo();
    const taken = file.numbers[0]?.number ?? '';
    const first = await planOrgFile({ ...file, org: { name: other.name }, users: [], numbers: [{ number: taken }], queues: [], announcements: [] }, deps());
    await run(first);
    const otherBefore = await dumpOrg(other.id);
    expect(otherBefore.virtual_numbers).toHaveLength(1);

    await run(await planOrgFile(file, deps()));
    expect(await dumpOrg(other.id)).toEqual(otherBefore);
    const number = await globalDb(env).select().from(virtualNumbers).where(eq(virtualNumbers.orgId, other.id)).get();
    expect(number?.ownerUserId).toBeNull();
  });
});

describe('quoting', () => {
  it('stores names and texts with quotes, semicolons and comment markers exactly as written', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const file = {
      org: { name: `O'Brien; 시청 -- ${tag}` },
      teams: [{ name: "팀'; DROP TABLE users; --" }],
      users: [{ loginId: "q'uote", name: '이름 /* x */ ;', role: 'org_admin', password: "Quote1'!", team: "팀'; DROP TABLE users; --" }],
      announcements: [{ scope: 'org', type: 'waiting', name: 'a;b', text: '잠시만요; \'quoted\' "dq" \n 줄바꿈 -- 끝', use: true }],
    };
    await run(await planOrgFile(file, deps()));
    const dump = await dumpOrg(await orgId(file.org.name));
    expect(dump.teams?.[0]?.name).toBe(file.teams[0]?.name);
    expect(dump.users?.[0]).toMatchObject({ login_id: "q'uote", name: '이름 /* x */ ;' });
    expect(dump.announcements?.[0]?.text).toBe(file.announcements[0]?.text);
    expect((await request('/api/auth/login', { method: 'POST', json: { org: file.org.name, loginId: "q'uote", password: "Quote1'!" } })).status).toBe(200);
  });

  it('round-trips any text (property): the SQL literal is never broken out of', async () => {
    // SQL's special characters, weighted up, among any other graphemes.
    const unit = fc.oneof(
      fc.constantFrom("'", "''", '"', ';', '--', '/*', '*/', '\\', '\n', '\r', '%', '_', ' '),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const textArb = fc.string({ unit, minLength: 1, maxLength: 40 }).filter((t) => !t.includes('\u0000') && t.length <= 50);
    await fc.assert(
      fc.asyncProperty(textArb, textArb, async (name, text) => {
        const orgName = `prop-${crypto.randomUUID().slice(0, 8)}`;
        await run(await planOrgFile({ org: { name: orgName }, announcements: [{ scope: 'org', type: 'lunch', name, text }] }, deps()));
        const rows = (await dumpOrg(await orgId(orgName))).announcements ?? [];
        expect(rows.map((r) => [r.name, r.text])).toEqual([[name, text]]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('routing snapshots of provisioned numbers', () => {
  it('the cron tick builds them, and a later apply marks the org’s for rebuilding', async () => {
    const file = uniqueDemo();
    await run(await planOrgFile(file, deps()));
    const id = await orgId(file.org.name);
    const e164 = `+82${(file.numbers[0]?.number ?? '').slice(1)}`;
    // A placeholder (version 0) marks the new number for the cron tick; it routes nothing yet.
    expect(await env.DB.prepare('SELECT version FROM routing_snapshots WHERE e164 = ?').bind(e164).first()).toEqual({ version: 0 });
    expect(await findNumberSnapshot(globalDb(env), e164)).toBeNull();

    await runScheduled(env, Date.now());
    const snapshot = await findNumberSnapshot(globalDb(env), e164);
    expect(snapshot).toMatchObject({ orgId: id, owner: { mobile: '+821012340001' }, timezone: 'Asia/Seoul' });

    await run(await planOrgFile(file, deps()));
    const marked = await env.DB.prepare('SELECT DISTINCT version FROM routing_snapshots WHERE org_id = ?').bind(id).all<{ version: number }>();
    expect(marked.results).toEqual([{ version: 0 }]);
    // Still served while stale, and rebuilt on the next tick.
    expect(await findNumberSnapshot(globalDb(env), e164)).not.toBeNull();
    await runScheduled(env, Date.now());
    const rebuilt = await env.DB.prepare('SELECT DISTINCT version FROM routing_snapshots WHERE org_id = ?').bind(id).all<{ version: number }>();
    expect(rebuilt.results).toEqual([{ version: SNAPSHOT_VERSION }]);
  });

  it('the abuse-shield default and a personal override reach the compiled snapshot; bad values are refused', async () => {
    const file = uniqueDemo();
    const staff = file.users.find((u) => u.loginId === '05012340001') as Record<string, unknown>;
    staff.shield = { windowMinutes: 60 };
    await run(await planOrgFile(file, deps()));
    await runScheduled(env, Date.now());
    const e164 = `+82${(file.numbers[0]?.number ?? '').slice(1)}`;
    expect((await findNumberSnapshot(globalDb(env), e164))?.shield).toEqual({ limit: 5, windowMinutes: 60, coolOffMinutes: 30 });
    // Applying again changes nothing.
    const id = await orgId(file.org.name);
    const once = await dumpOrg(id);
    await run(await planOrgFile(file, deps()));
    expect((await dumpOrg(id)).personal_settings).toEqual(once.personal_settings);

    const bad = structuredClone(file) as unknown as { org: Record<string, unknown>; users: Record<string, unknown>[] };
    bad.org.shield = { limit: -1, windowMinutes: 0 };
    (bad.users[0] as Record<string, unknown>).shield = { coolOffMinutes: 1.5 };
    const result = await planOrgFile(bad, deps());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(['org.shield.limit', 'org.shield.windowMinutes', 'users[0].shield.coolOffMinutes']);
  });

  it('a stale row whose number is gone leaves the directory on the next tick', async () => {
    const org = await makeOrg();
    const e164 = `+8250${Math.floor(10_000_000 + Math.random() * 80_000_000)}`;
    await env.DB.prepare("INSERT INTO routing_snapshots (e164, org_id, number_id, version, snapshot, built_at) VALUES (?, ?, 'num_gone', 0, '{}', 0)")
      .bind(e164, org.id)
      .run();
    await runScheduled(env, Date.now());
    expect(await env.DB.prepare('SELECT e164 FROM routing_snapshots WHERE e164 = ?').bind(e164).first()).toBeNull();
  });
});

describe('create-org', () => {
  it('creates an organisation and its first admin, who can log in and must change the password', async () => {
    const name = `신규시청-${crypto.randomUUID().slice(0, 6)}`;
    await run(await planOrgFile(createOrgInput({ name, adminLoginId: 'root-admin', password: 'Start123!', timezone: 'Asia/Seoul' }), deps()));
    const res = await request('/api/auth/login', { method: 'POST', json: { org: name, loginId: 'root-admin', password: 'Start123!' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { role: 'org_admin', mustChangePassword: true }, org: { name } });
  });

  it('checks the admin password and login ID with the same rules', async () => {
    const result = await planOrgFile(createOrgInput({ name: 'x', adminLoginId: 'has space', password: 'short', timezone: 'Mars/Base' }), deps());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(['org.timezone', 'users[0].loginId', 'users[0].password']);
  });
});

describe('a bad file', () => {
  it('yields every problem with its field path and no statements at all', async () => {
    const file = uniqueDemo() as unknown as Record<string, unknown> & DemoFile;
    const bad = structuredClone(file) as unknown as {
      users: Record<string, unknown>[];
      numbers: Record<string, unknown>[];
      announcements: Record<string, unknown>[];
      queues: { members: Record<string, unknown>[] }[];
      teams: unknown[];
      colour?: string;
    };
    (bad.users[2] as Record<string, unknown>).mobile = '12';
    (bad.users[3] as Record<string, unknown>).team = '없는팀';
    (bad.numbers[1] as Record<string, unknown>).owner = 'nobody';
    (bad.announcements[0] as Record<string, unknown>).text = '가'.repeat(241);
    bad.colour = 'blue';
    const result = await planOrgFile(bad, deps());
    expect(result).not.toHaveProperty('statements');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    // Schema problems come first; cross references are checked once the shapes are right.
    expect(paths).toEqual(expect.arrayContaining(['users[2].mobile', 'announcements[0].text', 'colour']));
    expect(JSON.stringify(result.issues)).not.toContain('"12"');

    const shapeOk = structuredClone(file) as unknown as typeof bad;
    (shapeOk.users[3] as Record<string, unknown>).team = '없는팀';
    (shapeOk.numbers[1] as Record<string, unknown>).owner = 'nobody';
    (shapeOk.queues[0]?.members[0] as Record<string, unknown>).loginId = 'ghost';
    (shapeOk.users[4] as Record<string, unknown>).loginId = (shapeOk.users[3] as Record<string, unknown>).loginId;
    const refs = await planOrgFile(shapeOk, deps());
    expect(refs.ok).toBe(false);
    if (refs.ok) return;
    expect(refs.issues.map((i) => i.path).sort()).toEqual(
      // numbers[2] belonged to users[4], whose login ID was changed away.
      ['numbers[1].owner', 'numbers[2].owner', 'queues[0].members[0].loginId', 'users[3].team', 'users[4].loginId'].sort(),
    );
    expect(await globalDb(env).select().from(orgs).where(eq(orgs.name, file.org.name)).get()).toBeUndefined();
  });
});
