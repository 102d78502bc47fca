// The snapshot compiler and the inbound read, against the real D1: what the snapshot holds from
// every setting (personal over org, announcement fallback, block windows, holidays, shield), and
// that a call's snapshot and the caller's list entries come in ONE statement, by index, in E.164.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { CALL_ROUTING_SQL, ownerListEntries, snapshotForCall } from '../../worker/db/routing-snapshots';
import { compileSnapshot, rebuildSnapshot } from '../../worker/db/snapshot-compiler';
import { metrics } from '../../worker/metrics';
import {
  announcementChoices,
  announcements,
  blockWindows,
  holidays,
  listEntries,
  orgs,
  personalSettings,
  routingSnapshots,
  schedules,
  teams,
  users,
  virtualNumbers,
} from '../../worker/db/schema';
import { SNAPSHOT_VERSION } from '../../worker/routing/snapshot';
import { dbFor } from '../../worker/db/scope';
import { markTeamSnapshotsStale } from '../../worker/db/snapshot-refresh';
import { newId } from '../../worker/ids';
import { toE164 } from '../../worker/phone';
import { ListIndex } from '../../worker/routing/lists';
import { route } from '../../worker/routing/route';
import { DEFAULT_ANNOUNCEMENTS } from '../../worker/routing/snapshot';
import { safeNumber } from '../fixtures/calls';
import { makeOrg, makeUser } from '../fixtures/orgs';
import { randomNumber } from '../fixtures/telnyx-events';

const db = () => globalDb(env);

type AnnouncementType = typeof announcements.$inferInsert.type;

async function announce(orgId: string, scope: 'org' | 'team' | 'personal', scopeId: string, type: AnnouncementType, text: string, use = true) {
  const id = newId('ann');
  const owner = scope === 'team' ? { teamId: scopeId } : scope === 'personal' ? { userId: scopeId } : {};
  await db()
    .insert(announcements)
    .values({ id, orgId, scope, type, name: text, text, ...owner });
  if (use) await db().insert(announcementChoices).values({ orgId, scope, scopeId, type, announcementId: id });
  return id;
}

/** A list entry as a screen would store it: the number as typed, normalised to E.164. */
async function listed(n: { org: { id: string }; owner: { id: string } }, kind: 'spam' | 'free_pass', typed: string, expiresAt: number | null = null) {
  const number = toE164(typed);
  if (!number) throw new Error('not a number');
  await db()
    .insert(listEntries)
    .values({ id: newId('lst'), orgId: n.org.id, userId: n.owner.id, kind, number, expiresAt });
}

/** env with a D1 that counts statements prepared and batches sent: each is a round trip unless batched. */
function countingEnv() {
  const counts = { prepare: 0, batch: 0, exec: 0 };
  /** Read-replication sessions opened (docs/placement.md): their statements count in `counts` too. */
  const sessions: unknown[][] = [];
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop === 'prepare' || prop === 'batch' || prop === 'exec') {
          return (...args: unknown[]) => {
            counts[prop]++;
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        }
        if (prop === 'withSession') {
          return (...args: unknown[]) => {
            sessions.push(args);
            return counting((value as (...a: unknown[]) => object).apply(t, args));
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(t);
      },
    });
  return { env: { DB: counting(env.DB) }, counts, sessions };
}

describe('compileSnapshot', () => {
  it('an org that saved no schedule works the default hours; no lunch break, holidays, windows or shield set', async () => {
    const n = await safeNumber();
    const s = await compileSnapshot(env, n.numberId);
    expect(s).toMatchObject({
      hours: { start: '09:00', end: '18:00', weekdays: 0b0011111 },
      lunch: { start: '12:00', end: '13:00' },
      immediateBlock: false,
      blockWindows: [],
      holidays: [],
      shield: null,
      announcements: DEFAULT_ANNOUNCEMENTS,
    });
  });

  it('personal schedule fields over the org’s, one by one; personal switches; shield personal over org', async () => {
    const n = await safeNumber({ ringTimeoutSeconds: 40 });
    await db()
      .insert(schedules)
      .values({
        id: newId('sch'),
        orgId: n.org.id,
        userId: null,
        workStartTime: '08:00',
        workEndTime: '17:00',
        weekdays: 0b0011111,
        lunchStartTime: null,
        lunchEndTime: null,
      });
    await db()
      .insert(schedules)
      .values({ id: newId('sch'), orgId: n.org.id, userId: n.owner.id, workEndTime: '20:00', lunchStartTime: '12:30', lunchEndTime: '13:30' });
    await db().update(orgs).set({ shieldLimit: 5, shieldWindowMinutes: 10, shieldCoolOffMinutes: 30 }).where(eq(orgs.id, n.org.id));
    await db().update(personalSettings).set({ immediateBlock: true, shieldWindowMinutes: 60 }).where(eq(personalSettings.userId, n.owner.id));
    const s = await compileSnapshot(env, n.numberId);
    expect(s).toMatchObject({
      hours: { start: '08:00', end: '20:00', weekdays: 0b0011111 },
      lunch: { start: '12:30', end: '13:30' },
      immediateBlock: true,
      ringTimeoutSeconds: 40,
      shield: { limit: 5, windowMinutes: 60, coolOffMinutes: 30 },
    });
    await db().update(personalSettings).set({ shieldLimit: 0 }).where(eq(personalSettings.userId, n.owner.id));
    expect((await compileSnapshot(env, n.numberId))?.shield).toBeNull();
  });

  it('announcements fall back personal → team → org → built-in, type by type; the org’s recording notice text counts as the org’s', async () => {
    const n = await safeNumber();
    const teamId = newId('team');
    await db()
      .insert(teams)
      .values({ id: teamId, orgId: n.org.id, name: `t-${teamId}` });
    await db().update(users).set({ teamId }).where(eq(users.id, n.owner.id));
    await db().update(orgs).set({ recordingNoticeText: '녹음 안내(기관 설정)' }).where(eq(orgs.id, n.org.id));
    await announce(n.org.id, 'org', n.org.id, 'after_hours', '기관 업무종료');
    await announce(n.org.id, 'team', teamId, 'after_hours', '팀 업무종료');
    await announce(n.org.id, 'personal', n.owner.id, 'after_hours', '개인 업무종료');
    await announce(n.org.id, 'org', n.org.id, 'lunch', '기관 점심');
    await announce(n.org.id, 'team', teamId, 'lunch', '팀 점심');
    await announce(n.org.id, 'org', n.org.id, 'limited', '기관 제한');
    // Written but not chosen: never used.
    await announce(n.org.id, 'personal', n.owner.id, 'block', '개인 차단(미선택)', false);
    // Another team's choice is not this owner's.
    const otherTeam = newId('team');
    await db()
      .insert(teams)
      .values({ id: otherTeam, orgId: n.org.id, name: `t-${otherTeam}` });
    await announce(n.org.id, 'team', otherTeam, 'block', '다른 팀 차단');
    const a = (await compileSnapshot(env, n.numberId))?.announcements;
    expect(a).toEqual({
      ...DEFAULT_ANNOUNCEMENTS,
      after_hours: '개인 업무종료',
      lunch: '팀 점심',
      limited: '기관 제한',
      recording_notice: '녹음 안내(기관 설정)',
    });
  });

  it('block windows: enabled ones only, with their own announcement or the block fallback', async () => {
    const n = await safeNumber();
    const own = await announce(n.org.id, 'personal', n.owner.id, 'block', '회의 중입니다', false);
    await announce(n.org.id, 'org', n.org.id, 'block', '기관 차단 멘트');
    const w = (name: string, announcementId: string | null, enabled = true) => ({
      id: newId('blk'),
      orgId: n.org.id,
      userId: n.owner.id,
      name,
      startTime: '22:00',
      endTime: '06:00',
      weekdays: 0b0000001,
      announcementId,
      enabled,
    });
    await db().insert(blockWindows).values(w('회의', own));
    await db().insert(blockWindows).values(w('야간', null));
    await db()
      .insert(blockWindows)
      .values(w('꺼둔 창', null, false));
    const s = await compileSnapshot(env, n.numberId);
    expect(s?.blockWindows).toEqual([
      { name: '회의', start: '22:00', end: '06:00', weekdays: 1, announcement: '회의 중입니다' },
      { name: '야간', start: '22:00', end: '06:00', weekdays: 1, announcement: '기관 차단 멘트' },
    ]);
  });

  it('the org’s own holidays, not another org’s', async () => {
    const n = await safeNumber();
    const other = await makeOrg();
    await db()
      .insert(holidays)
      .values({ id: newId('hol'), orgId: n.org.id, date: '2031-04-02', name: '개청기념일' });
    await db()
      .insert(holidays)
      .values({ id: newId('hol'), orgId: other.id, date: '2031-05-02', name: '남의 기념일' });
    expect((await compileSnapshot(env, n.numberId))?.holidays).toEqual([{ date: '2031-04-02', name: '개청기념일' }]);
  });

  it('malformed stored values never break routing: bad times fall back, numbers are clamped', async () => {
    const n = await safeNumber();
    await db()
      .insert(schedules)
      .values({
        id: newId('sch'),
        orgId: n.org.id,
        userId: null,
        workStartTime: '9시',
        workEndTime: '17:00',
        weekdays: 999,
        lunchStartTime: '12:00',
        lunchEndTime: null,
      });
    await db().update(orgs).set({ shieldLimit: 100_000, shieldWindowMinutes: -5 }).where(eq(orgs.id, n.org.id));
    const s = await rebuildSnapshot(env, n.numberId);
    expect(s).toMatchObject({ hours: { start: '09:00', end: '17:00', weekdays: 0b0011111 }, lunch: null, shield: { limit: 1000, windowMinutes: 1 } });
    // And the stored row reads back as valid (an invalid one would make the number unknown).
    expect((await snapshotForCall(env, n.e164, null))?.snapshot.numberId).toBe(n.numberId);
  });
});

describe('snapshotForCall', () => {
  it('one statement brings the snapshot and the caller’s entries, typed in any Korean format, compared in E.164', async () => {
    const n = await safeNumber();
    await listed(n, 'spam', '010-1234-5678');
    await listed(n, 'free_pass', '02-123-4567');
    await listed(n, 'spam', '0505-123-4567');
    const { env: counted, counts, sessions } = countingEnv();
    const before = metrics.snapshotReads;
    const found = await snapshotForCall(counted, n.e164, '+821012345678');
    expect(counts).toEqual({ prepare: 1, batch: 0, exec: 0 });
    // Read through a read-replication session that may answer from the nearest replica.
    expect(sessions).toEqual([['first-unconstrained']]);
    expect(metrics.snapshotReads - before).toBe(1);
    expect(found?.snapshot.numberId).toBe(n.numberId);
    expect(found?.caller).toBe('+821012345678');
    expect(found?.entries).toEqual([{ kind: 'spam', number: '+821012345678', expiresAt: null }]);
    // The carrier's or a person's way of writing the caller reaches the same entries.
    expect((await snapshotForCall(env, n.e164, '01012345678'))?.entries).toHaveLength(1);
    expect((await snapshotForCall(env, n.e164, '+8221234567'))?.entries).toEqual([{ kind: 'free_pass', number: '+8221234567', expiresAt: null }]);
    expect((await snapshotForCall(env, n.e164, '+825051234567'))?.entries).toEqual([{ kind: 'spam', number: '+825051234567', expiresAt: null }]);
  });

  it('an unknown number is null; an anonymous caller gets the snapshot and no entries', async () => {
    const n = await safeNumber();
    await listed(n, 'spam', '010-1234-5678');
    expect(await snapshotForCall(env, randomNumber('+82509'), '+821012345678')).toBeNull();
    const anonymous = await snapshotForCall(env, n.e164, 'anonymous');
    expect(anonymous).toMatchObject({ caller: null, entries: [] });
    expect(anonymous?.snapshot.numberId).toBe(n.numberId);
  });

  it('a temporary block matches until it expires; an expired one is not even fetched', async () => {
    const n = await safeNumber();
    const now = Date.now();
    await listed(n, 'spam', '010-2222-3333', now + 60_000);
    await listed(n, 'spam', '010-4444-5555', now - 1);
    const live = await snapshotForCall(env, n.e164, '+821022223333', now);
    expect(live?.entries).toEqual([{ kind: 'spam', number: '+821022223333', expiresAt: now + 60_000 }]);
    const d = route({ snapshot: live!.snapshot, caller: live!.caller!, now, lists: live!.entries, shield: null });
    expect(d).toMatchObject({ action: 'reject', outcome: 'spam', trace: [{ rule: 'spam', matched: true, detail: { entry: 'temporary' } }] });
    expect((await snapshotForCall(env, n.e164, '+821022223333', now + 60_000))?.entries).toEqual([]);
    expect((await snapshotForCall(env, n.e164, '+821044445555', now))?.entries).toEqual([]);
  });

  it('another staff member’s lists do not apply to this number', async () => {
    const n = await safeNumber();
    const colleague = await makeUser(n.org.id, { role: 'staff' });
    await db()
      .insert(listEntries)
      .values({ id: newId('lst'), orgId: n.org.id, userId: colleague.id, kind: 'spam', number: '+821012345678' });
    expect((await snapshotForCall(env, n.e164, '+821012345678'))?.entries).toEqual([]);
  });

  it('10,000 entries: the lookup goes by index, and the right entry comes back', async () => {
    const n = await safeNumber();
    await env.DB.prepare(
      `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 9999)
       INSERT INTO list_entries (id, org_id, user_id, kind, number)
       SELECT 'lst_bulk_' || ?1 || '_' || i, ?2, ?1, CASE i % 3 WHEN 0 THEN 'free_pass' ELSE 'spam' END, '+8210' || (30000000 + i) FROM seq`,
    )
      .bind(n.owner.id, n.org.id)
      .run();
    expect(await ownerListEntries(dbFor(env, n.org.id), n.owner.id)).toHaveLength(10_000);
    const found = await snapshotForCall(env, n.e164, '+821030004243');
    expect(found?.entries).toEqual([{ kind: 'spam', number: '+821030004243', expiresAt: null }]);
    expect(route({ snapshot: found!.snapshot, caller: '+821030004243', now: Date.now(), lists: found!.entries, shield: null }).outcome).toBe('spam');

    // The plan of the very statement the inbound path sends: list_entries by index, never a scan of the owner's list.
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${CALL_ROUTING_SQL}`).bind(n.e164, '+821030004243', Date.now()).all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail);
    expect(details).toContainEqual(
      expect.stringMatching(/^SEARCH (?:l|"?list_entries"?) USING INDEX list_entries_owner_number \(org_id=\? AND user_id=\? AND number=\?\)/),
    );
    expect(details.filter((d) => d.startsWith('SCAN'))).toEqual([]);
  });

  it('a stale row is rebuilt inline; when the owner changed meanwhile, the new owner’s entries apply', async () => {
    const n = await safeNumber();
    await listed(n, 'spam', '010-1234-5678');
    const successor = await makeUser(n.org.id, { role: 'staff' });
    await db()
      .update(users)
      .set({ mobile: randomNumber('+8210') })
      .where(eq(users.id, successor.id));
    await db()
      .insert(listEntries)
      .values({ id: newId('lst'), orgId: n.org.id, userId: successor.id, kind: 'free_pass', number: '+821012345678' });
    await db().update(virtualNumbers).set({ ownerUserId: successor.id }).where(eq(virtualNumbers.id, n.numberId));
    await db().update(routingSnapshots).set({ version: 0 }).where(eq(routingSnapshots.e164, n.e164));
    const found = await snapshotForCall(env, n.e164, '+821012345678');
    expect(found?.snapshot.owner?.userId).toBe(successor.id);
    expect(found?.entries).toEqual([{ kind: 'free_pass', number: '+821012345678', expiresAt: null }]);
    const row = await db().select().from(routingSnapshots).where(eq(routingSnapshots.e164, n.e164)).get();
    expect(row).toMatchObject({ version: SNAPSHOT_VERSION, ownerUserId: successor.id });
  });

  it('a stale row with the same owner reuses the entries it joined', async () => {
    const n = await safeNumber();
    await listed(n, 'spam', '010-1234-5678');
    await db().update(routingSnapshots).set({ version: 0 }).where(eq(routingSnapshots.e164, n.e164));
    expect((await snapshotForCall(env, n.e164, '+821012345678'))?.entries).toEqual([{ kind: 'spam', number: '+821012345678', expiresAt: null }]);
  });
});

describe('what-if over a whole list', () => {
  it('ownerListEntries builds the index the engine looks callers up in', async () => {
    const n = await safeNumber();
    const sunday = Date.parse('2025-03-09T23:00+09:00');
    await listed(n, 'free_pass', '010-7777-8888');
    // A temporary block that had expired by the instant asked about.
    await listed(n, 'spam', '010-1234-5678', sunday - 1);
    const index = new ListIndex(await ownerListEntries(dbFor(env, n.org.id), n.owner.id));
    expect(index.size).toBe(2);
    const snapshot = (await compileSnapshot(env, n.numberId))!;
    expect(route({ snapshot, caller: '+821077778888', now: sunday, lists: index, shield: null })).toMatchObject({ action: 'connect', decidedBy: 'free_pass' });
    expect(route({ snapshot, caller: '+821012345678', now: sunday, lists: index, shield: null })).toMatchObject({ outcome: 'after_hours' });
    expect(route({ snapshot, caller: '+821012345678', now: sunday - 2, lists: index, shield: null })).toMatchObject({ outcome: 'spam' });
  });
});

describe('markTeamSnapshotsStale', () => {
  it('marks the numbers of the team’s members, and no one else’s', async () => {
    const n = await safeNumber();
    const outsider = await safeNumber();
    const teamId = newId('team');
    await db()
      .insert(teams)
      .values({ id: teamId, orgId: n.org.id, name: `t-${teamId}` });
    await db().update(users).set({ teamId }).where(eq(users.id, n.owner.id));
    await markTeamSnapshotsStale(dbFor(env, n.org.id), teamId);
    const version = async (e164: string) => (await db().select().from(routingSnapshots).where(eq(routingSnapshots.e164, e164)).get())?.version;
    expect(await version(n.e164)).toBe(0);
    expect(await version(outsider.e164)).toBe(SNAPSHOT_VERSION);
    // The next call rebuilds it with the team's choice.
    await announce(n.org.id, 'team', teamId, 'waiting', '팀 대기 멘트');
    expect((await snapshotForCall(env, n.e164, null))?.snapshot.announcements.waiting).toBe('팀 대기 멘트');
  });
});
