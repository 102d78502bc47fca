// Settings written first by the organisation file (`npm run admin -- apply`), then by the web app's
// API, then read by routing (a call through the simulator, or the compiled snapshot) and by the API:
// whoever wrote last decides, and each setting stays one row (issue 16 §2). The org default hours
// were two rows once, because SQLite never treats the NULL user_id of the old unique key as equal.
import { env } from 'cloudflare:workers';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../worker/auth/password';
import { globalDb } from '../../worker/db/client';
import { loadQueueConfig } from '../../worker/db/contact-center-config';
import { ownerListEntries } from '../../worker/db/routing-snapshots';
import { compileSnapshot } from '../../worker/db/snapshot-compiler';
import { dbFor } from '../../worker/db/scope';
import { holidays, orgs, personalSettings, queueMembers, schedules, users, virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { planOrgFile } from '../../worker/provision/plan';
import { runCall, type CallRun } from '../fixtures/calls';
import { login, type Client } from '../fixtures/orgs';

/** Wall-clock instants in Seoul: 2026-12-06 is a Sunday, 2026-12-02 a Wednesday (neither a holiday). */
const seoul = (iso: string) => Date.parse(`${iso}+09:00`);
const SUN_1900 = seoul('2026-12-06T19:00:00');
const WED_1100 = seoul('2026-12-02T11:00:00');

const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
const ADMIN_PASSWORD = 'Admin123!';
const STAFF_PASSWORD = 'Staff123!';

/** The file's hours: weekdays 09:00–18:00 with lunch (a Sunday evening is outside them). */
const FILE_HOURS = { workStart: '09:00', workEnd: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'], lunchStart: '12:00', lunchEnd: '13:00' };
/** What the admin changes them to: every day 07:00–21:00, no lunch. */
const API_SCHEDULE = { workStartTime: '07:00', workEndTime: '21:00', weekdays: 0b1111111, lunchStartTime: null, lunchEndTime: null };

type Extra = Record<string, unknown> & { staff?: Record<string, unknown>; moreUsers?: Record<string, unknown>[] };

/** An organisation file with an admin and one staff member whose safe number forwards to a mobile. */
function orgFile(extra: Extra = {}) {
  const { staff, moreUsers = [], ...rest } = extra;
  const mobile = `010${digits(8)}`;
  const number = `050${digits(8)}`;
  const file = {
    org: { name: `파일-${crypto.randomUUID().slice(0, 8)}`, timezone: 'Asia/Seoul' },
    hours: FILE_HOURS,
    teams: [{ name: '민원과' }],
    users: [
      { loginId: 'admin', name: '관리자', role: 'org_admin', password: ADMIN_PASSWORD, mustChangePassword: false },
      { loginId: 'staff1', name: '김주무관', role: 'staff', team: '민원과', mobile, password: STAFF_PASSWORD, mustChangePassword: false, ...staff },
      ...moreUsers,
    ],
    numbers: [{ number, owner: 'staff1' }],
    ...rest,
  };
  return { file, mobile: `+82${mobile.slice(1)}`, e164: `+82${number.slice(1)}` };
}

type Provisioned = ReturnType<typeof orgFile> & { orgId: string; numberId: string; staffId: string };

/** `npm run admin -- apply`'s plan, run against the test D1 (the CLI sends the same statements). */
async function apply(file: unknown): Promise<void> {
  const plan = await planOrgFile(file, { hash: hashPassword, newId, now: Date.now() });
  if (!plan.ok) throw new Error(`unexpected issues: ${JSON.stringify(plan.issues)}`);
  await env.DB.batch(plan.statements.map((s) => env.DB.prepare(s)));
}

async function provision(extra: Extra = {}): Promise<Provisioned> {
  const made = orgFile(extra);
  await apply(made.file);
  const db = globalDb(env);
  const org = await db.select().from(orgs).where(eq(orgs.name, made.file.org.name)).get();
  const number = await db.select().from(virtualNumbers).where(eq(virtualNumbers.e164, made.e164)).get();
  if (!org || !number?.ownerUserId) throw new Error('not provisioned');
  return { ...made, orgId: org.id, numberId: number.id, staffId: number.ownerUserId };
}

const admin = (p: Provisioned): Promise<Client> => login(p.file.org.name, 'admin', ADMIN_PASSWORD);
const staff = (p: Provisioned): Promise<Client> => login(p.file.org.name, 'staff1', STAFF_PASSWORD);

async function put(client: Client, path: string, json: unknown): Promise<Response> {
  const res = await client.fetch(path, { method: 'PUT', json });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return res;
}

/** A call at `at`; the mobile answers and hangs up shortly when the call reaches it. */
const call = (p: Provisioned, at: number): Promise<CallRun> =>
  runCall({ to: p.e164, at, callee: { number: p.mobile, answer: 'after', afterMs: 10, hangupAfterMs: 30 } });
const decidedBy = (run: CallRun) => (run.record?.trace as { rule: string; matched: boolean }[] | null)?.filter((s) => s.matched).map((s) => s.rule);
const dialled = (run: CallRun) => run.carrierCommands.some((c) => c.name === 'dial');

const orgDefaultRows = (orgId: string) =>
  globalDb(env)
    .select()
    .from(schedules)
    .where(and(eq(schedules.orgId, orgId), isNull(schedules.userId)))
    .all();

describe('the org default hours: the file, then the admin screen, then a call', () => {
  it('the hours saved on the admin screen decide the next call and are what GET /api/admin/org shows', async () => {
    const p = await provision();
    // The file's hours: a Sunday evening is outside them.
    const before = await call(p, SUN_1900);
    expect(before.record?.outcome).toBe('after_hours');
    expect(decidedBy(before)).toEqual(['working_days']);
    expect(dialled(before)).toBe(false);

    const a = await admin(p);
    const saved = await put(a, '/api/admin/org', {
      org: { timezone: 'Asia/Seoul', recordingEnabled: false, recordingRetentionDays: 90, recordingNoticeText: null },
      schedule: API_SCHEDULE,
    });
    expect((await saved.json<{ schedule: unknown }>()).schedule).toEqual(API_SCHEDULE);

    const after = await call(p, SUN_1900);
    expect(after.record?.outcome).toBe('connected');
    expect(decidedBy(after)).toEqual([]);
    expect(dialled(after)).toBe(true);
    expect((await (await a.fetch('/api/admin/org')).json<{ schedule: unknown }>()).schedule).toEqual(API_SCHEDULE);
    expect(await orgDefaultRows(p.orgId)).toHaveLength(1);

    // Applying the file again puts its hours back on the same row: the last writer decides.
    await apply(p.file);
    expect(await orgDefaultRows(p.orgId)).toHaveLength(1);
    expect((await call(p, SUN_1900)).record?.outcome).toBe('after_hours');
    expect((await (await a.fetch('/api/admin/org')).json<{ schedule: unknown }>()).schedule).toEqual({
      workStartTime: '09:00',
      workEndTime: '18:00',
      weekdays: 0b0011111,
      lunchStartTime: '12:00',
      lunchEndTime: '13:00',
    });
  });

  it('holds to one row at the database too: a second org default is refused whoever inserts it', async () => {
    const p = await provision();
    const second = env.DB.prepare('INSERT INTO schedules (id, org_id, user_id, weekdays) VALUES (?, ?, NULL, 127)').bind(newId('sch'), p.orgId);
    await expect(second.run()).rejects.toThrow(/UNIQUE constraint failed: schedules\.org_id/);
    expect(await orgDefaultRows(p.orgId)).toHaveLength(1);
  });
});

describe('a person’s hours: the file, then the staff member’s own screen', () => {
  it('the hours saved on /api/me/schedule decide the next call and are what it shows', async () => {
    const p = await provision({ staff: { hours: FILE_HOURS } });
    expect((await call(p, SUN_1900)).record?.outcome).toBe('after_hours');

    const s = await staff(p);
    const saved = await put(s, '/api/me/schedule', API_SCHEDULE);
    expect((await saved.json<{ personal: unknown }>()).personal).toEqual(API_SCHEDULE);

    const after = await call(p, SUN_1900);
    expect(after.record?.outcome).toBe('connected');
    expect((await (await s.fetch('/api/me/schedule')).json<{ personal: unknown }>()).personal).toEqual(API_SCHEDULE);
    const rows = await globalDb(env).select().from(schedules).where(eq(schedules.userId, p.staffId)).all();
    expect(rows).toHaveLength(1);
  });
});

describe('personal settings (abuse shield, voicemail): the file, then the staff member’s screens', () => {
  it('one row per person; the screen’s values reach the snapshot and the API, the file’s untouched fields stay', async () => {
    const p = await provision({ staff: { shield: { limit: 2, windowMinutes: 10, coolOffMinutes: 30 } } });
    expect((await compileSnapshot(env, p.numberId))?.shield).toEqual({ limit: 2, windowMinutes: 10, coolOffMinutes: 30 });

    const s = await staff(p);
    await put(s, '/api/me/shield', { limit: 7, windowMinutes: 20, coolOffMinutes: 60 });
    await put(s, '/api/me/voicemail', { afterHours: true, noAnswer: false });

    const snapshot = await compileSnapshot(env, p.numberId);
    expect(snapshot?.shield).toEqual({ limit: 7, windowMinutes: 20, coolOffMinutes: 60 });
    expect(snapshot?.voicemail).toEqual({ afterHours: true, noAnswer: false });
    expect((await (await s.fetch('/api/me/shield')).json<{ personal: unknown }>()).personal).toEqual({ limit: 7, windowMinutes: 20, coolOffMinutes: 60 });
    expect((await (await s.fetch('/api/me/voicemail')).json<{ voicemail: unknown }>()).voicemail).toEqual({ afterHours: true, noAnswer: false });
    expect(await globalDb(env).select().from(personalSettings).where(eq(personalSettings.userId, p.staffId)).all()).toHaveLength(1);

    // Outside hours the caller is now offered voicemail: the switch saved on the screen decides the call.
    const run = await runCall({ to: p.e164, at: SUN_1900, silent: true });
    expect(run.carrierCommands.map((c) => c.name)).toContain('record_start');
    expect((run.record?.trace as { rule: string }[] | null)?.at(-1)).toMatchObject({ rule: 'voicemail' });
  });
});

type Situation = { type: string; source: string; announcementId: string | null; text: string };

describe('announcement choices: the file’s, then the admin’s and the staff member’s', () => {
  it('the choice saved on the screens is the one the call speaks and the screens show', async () => {
    const p = await provision({
      announcements: [
        { scope: 'org', type: 'waiting', name: '파일 대기', text: '파일의 대기 안내입니다.', use: true },
        { scope: 'personal', user: 'staff1', type: 'connect', name: '파일 연결', text: '파일의 연결 안내입니다.', use: true },
      ],
    });
    const snapshot = await compileSnapshot(env, p.numberId);
    expect(snapshot?.announcements).toMatchObject({ waiting: '파일의 대기 안내입니다.', connect: '파일의 연결 안내입니다.' });

    const a = await admin(p);
    const created = await a.fetch('/api/admin/announcements', {
      method: 'POST',
      json: { scope: 'org', type: 'waiting', name: '화면 대기', text: '화면에서 고른 대기 안내입니다.' },
    });
    expect(created.status).toBe(201);
    const orgWaiting = (await created.json<{ announcement: { id: string } }>()).announcement;
    const orgView = await put(a, '/api/admin/announcement-choices', { scope: 'org', type: 'waiting', announcementId: orgWaiting.id });
    const orgSituations = (await orgView.json<{ situations: { org: Situation[] } }>()).situations.org;
    expect(orgSituations.find((x) => x.type === 'waiting')).toMatchObject({ source: 'org', announcementId: orgWaiting.id });

    const s = await staff(p);
    const mine = await s.fetch('/api/me/announcements', { method: 'POST', json: { type: 'connect', name: '내 연결', text: '제가 고른 연결 안내입니다.' } });
    const myConnect = (await mine.json<{ announcement: { id: string } }>()).announcement;
    await put(s, '/api/me/announcement-choices', { type: 'connect', announcementId: myConnect.id });

    const run = await call(p, WED_1100);
    const spoken = run.carrierCommands.filter((c) => c.name === 'speak' && c.status === 200).map((c) => c.text);
    expect(spoken).toEqual(['화면에서 고른 대기 안내입니다.', '제가 고른 연결 안내입니다.']);
    const situations = (await (await s.fetch('/api/me/announcements')).json<{ situations: Situation[] }>()).situations;
    expect(situations.find((x) => x.type === 'waiting')).toMatchObject({ source: 'org', text: '화면에서 고른 대기 안내입니다.' });
    expect(situations.find((x) => x.type === 'connect')).toMatchObject({ source: 'personal', text: '제가 고른 연결 안내입니다.' });
  });
});

describe('holidays and lists: the file’s rows, then the screens', () => {
  it('a holiday from the file is the same row the admin sees, refuses a second one, and its removal reaches the call', async () => {
    const p = await provision({ holidays: [{ date: '2026-12-02', name: '개청기념일' }] });
    expect((await call(p, WED_1100)).record?.outcome).toBe('after_hours');

    const a = await admin(p);
    const again = await a.fetch('/api/admin/holidays', { method: 'POST', json: { date: '2026-12-02', name: '다른 이름' } });
    expect(again.status).toBe(409);
    const list = (await (await a.fetch('/api/admin/holidays?year=2026')).json<{ holidays: { id: string; date: string; builtIn: boolean }[] }>()).holidays;
    const own = list.filter((h) => !h.builtIn);
    expect(own.map((h) => h.date)).toEqual(['2026-12-02']);
    expect((await a.fetch(`/api/admin/holidays/${own[0]?.id}`, { method: 'DELETE' })).status).toBe(200);

    expect((await call(p, WED_1100)).record?.outcome).toBe('connected');
    expect(await globalDb(env).select().from(holidays).where(eq(holidays.orgId, p.orgId)).all()).toEqual([]);
  });

  it('a spam entry from the file is the staff member’s own entry: a repeat is refused, removing it lets the caller through', async () => {
    const caller = `010${digits(8)}`;
    const callerE164 = `+82${caller.slice(1)}`;
    const p = await provision({ staff: { spam: [{ number: caller, memo: '파일' }] } });
    const refused = await runCall({ to: p.e164, from: callerE164, at: WED_1100 });
    expect(refused.record?.outcome).toBe('spam');

    const s = await staff(p);
    expect((await s.fetch('/api/me/list-entries', { method: 'POST', json: { kind: 'spam', number: caller } })).status).toBe(409);
    const entries = (await (await s.fetch('/api/me/list-entries?kind=spam')).json<{ entries: { id: string; memo: string }[] }>()).entries;
    expect(entries).toMatchObject([{ memo: '파일' }]);
    expect((await s.fetch(`/api/me/list-entries/${entries[0]?.id}`, { method: 'DELETE' })).status).toBe(200);

    expect(await ownerListEntries(dbFor(env, p.orgId), p.staffId)).toEqual([]);
    const through = await runCall({
      to: p.e164,
      from: callerE164,
      at: WED_1100,
      callee: { number: p.mobile, answer: 'after', afterMs: 10, hangupAfterMs: 30 },
    });
    expect(through.record?.outcome).toBe('connected');
  });
});

describe('queue members: the file’s levels, then the queue screen', () => {
  it('one membership row per agent; the level saved on the screen is what the Queue loads and the screen shows', async () => {
    const p = await provision({
      moreUsers: [{ loginId: 'agent1', name: '정상담', role: 'agent', password: STAFF_PASSWORD, mustChangePassword: false }],
      queues: [{ name: '상담', members: [{ loginId: 'agent1', level: 1 }] }],
    });
    const scope = dbFor(env, p.orgId);
    const queueId = (await env.DB.prepare('SELECT id FROM queues WHERE org_id = ?').bind(p.orgId).first<{ id: string }>())?.id ?? '';
    const agent = await globalDb(env)
      .select()
      .from(users)
      .where(and(eq(users.orgId, p.orgId), eq(users.loginId, 'agent1')))
      .get();
    expect((await loadQueueConfig(scope, queueId))?.members).toMatchObject([{ userId: agent?.id, level: 1 }]);

    const a = await admin(p);
    const saved = await put(a, `/api/cc/queues/${queueId}/members`, { members: [{ userId: agent?.id, level: 3 }] });
    expect((await saved.json<{ queue: { members: { userId: string; level: number }[] } }>()).queue.members).toMatchObject([{ userId: agent?.id, level: 3 }]);
    expect((await loadQueueConfig(scope, queueId))?.members).toMatchObject([{ userId: agent?.id, level: 3 }]);
    expect(await globalDb(env).select().from(queueMembers).where(eq(queueMembers.queueId, queueId)).all()).toHaveLength(1);
  });
});
