// Every routing rule end to end: settings in D1, a call placed through the simulator at a chosen
// instant, signed webhooks, the CallSession and the routing engine; each asserts the commands sent,
// the text spoken, that nobody is dialled where the call must not connect, and the call record.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { rebuildSnapshot } from '../../worker/db/snapshot-compiler';
import { blockWindows, holidays, listEntries, orgs, personalSettings, schedules } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { DEFAULT_ANNOUNCEMENTS } from '../../worker/routing/snapshot';
import { commandKeys, placeCall, runCall, safeNumber, settle, type CallRun } from '../fixtures/calls';
import { randomNumber } from '../fixtures/telnyx-events';

/** Wall-clock instants in Seoul (2026-12-02 is a Wednesday; 12-05 a Saturday; 12-25 Christmas). */
const seoul = (iso: string) => Date.parse(`${iso}+09:00`);
const WED_1100 = seoul('2026-12-02T11:00:00');
const WED_1230 = seoul('2026-12-02T12:30:00');
const WED_1930 = seoul('2026-12-02T19:30:00');
const SAT_1100 = seoul('2026-12-05T11:00:00');
const XMAS_1100 = seoul('2026-12-25T11:00:00');

type Number_ = Awaited<ReturnType<typeof safeNumber>>;
const db = () => globalDb(env);

async function settings(n: Number_, change: () => Promise<unknown>) {
  await change();
  await rebuildSnapshot(env, n.numberId);
}

const spoken = (run: CallRun) => run.carrierCommands.filter((c) => c.name === 'speak' && c.status === 200).map((c) => c.text);
const dialled = (run: CallRun) => run.carrierCommands.some((c) => c.name === 'dial');
const decidedBy = (run: CallRun) => (run.record?.trace as { rule: string; matched: boolean }[] | null)?.filter((s) => s.matched).map((s) => s.rule);

/** The announce-and-end path: answer, the announcement, hang up; nobody dialled. */
function expectAnnounced(run: CallRun, text: string, outcome: string) {
  expect(commandKeys(run)).toEqual(['answer:caller:answer:ok', 'speak:caller:announce:speak:ok', 'hangup:caller:hangup:ok']);
  expect(spoken(run)).toEqual([text]);
  expect(dialled(run)).toBe(false);
  expect(run.record).toMatchObject({ outcome, answeredAt: null, kind: 'safe_number' });
}

const connecting = (n: Number_) => ({ number: n.mobile!, answer: 'after' as const, afterMs: 10, hangupAfterMs: 30 });

describe('routing rules on the call path', () => {
  it('inside hours: connects, and the trace ends with nobody refusing', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, at: WED_1100, callee: connecting(n) });
    expect(dialled(run)).toBe(true);
    expect(run.record?.outcome).toBe('connected');
    expect(decidedBy(run)).toEqual([]);
    expect(spoken(run)).toEqual([DEFAULT_ANNOUNCEMENTS.waiting, DEFAULT_ANNOUNCEMENTS.connect]);
  });

  it('after hours: the after-hours announcement, not connected', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, at: WED_1930 });
    expectAnnounced(run, DEFAULT_ANNOUNCEMENTS.after_hours, 'after_hours');
    expect(decidedBy(run)).toEqual(['hours']);
  });

  it('a non-working day: after hours', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, at: SAT_1100 });
    expectAnnounced(run, DEFAULT_ANNOUNCEMENTS.after_hours, 'after_hours');
    expect(decidedBy(run)).toEqual(['working_days']);
  });

  it('a built-in public holiday and an org holiday: after hours, the trace names the holiday', async () => {
    const n = await safeNumber();
    const xmas = await runCall({ to: n.e164, at: XMAS_1100 });
    expectAnnounced(xmas, DEFAULT_ANNOUNCEMENTS.after_hours, 'after_hours');
    expect(xmas.record?.trace).toContainEqual(
      expect.objectContaining({ rule: 'holiday', matched: true, detail: expect.objectContaining({ source: 'builtin' }) }),
    );
    await settings(n, () =>
      db()
        .insert(holidays)
        .values({ id: newId('hol'), orgId: n.org.id, date: '2026-12-02', name: '개청기념일' }),
    );
    const own = await runCall({ to: n.e164, at: WED_1100 });
    expectAnnounced(own, DEFAULT_ANNOUNCEMENTS.after_hours, 'after_hours');
    expect(own.record?.trace).toContainEqual({ rule: 'holiday', matched: true, detail: { date: '2026-12-02', name: '개청기념일', source: 'org' } });
  });

  it('lunch: the lunch announcement', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, at: WED_1230 });
    expectAnnounced(run, DEFAULT_ANNOUNCEMENTS.lunch, 'lunch');
  });

  it('personal hours override the org’s: working late connects at 19:30', async () => {
    const n = await safeNumber();
    await settings(n, () =>
      db()
        .insert(schedules)
        .values({ id: newId('sch'), orgId: n.org.id, userId: n.owner.id, workEndTime: '21:00' }),
    );
    const run = await runCall({ to: n.e164, at: WED_1930, callee: connecting(n) });
    expect(run.record?.outcome).toBe('connected');
  });

  it('a block window speaks its own announcement', async () => {
    const n = await safeNumber();
    await settings(n, () =>
      db()
        .insert(blockWindows)
        .values({ id: newId('blk'), orgId: n.org.id, userId: n.owner.id, name: '회의', startTime: '10:30', endTime: '11:30', weekdays: 0b0011111 }),
    );
    const run = await runCall({ to: n.e164, at: WED_1100 });
    expectAnnounced(run, DEFAULT_ANNOUNCEMENTS.block, 'blocked');
    expect(decidedBy(run)).toEqual(['block_window']);
  });

  it('immediate block: the block announcement, whatever the hour', async () => {
    const n = await safeNumber();
    await settings(n, () => db().insert(personalSettings).values({ userId: n.owner.id, orgId: n.org.id, immediateBlock: true }));
    const run = await runCall({ to: n.e164, at: WED_1100 });
    expectAnnounced(run, DEFAULT_ANNOUNCEMENTS.block, 'blocked');
    expect(decidedBy(run)).toEqual(['immediate_block']);
  });

  it('spam: turned away unanswered with a busy line; a temporary block too, until it expires', async () => {
    const n = await safeNumber();
    const spammer = '+821077778888';
    await db()
      .insert(listEntries)
      .values({ id: newId('lst'), orgId: n.org.id, userId: n.owner.id, kind: 'spam', number: spammer });
    const run = await runCall({ to: n.e164, from: '010-7777-8888', at: WED_1100 });
    expect(commandKeys(run)).toEqual(['reject:caller:reject:ok']);
    expect(dialled(run)).toBe(false);
    expect(run.record).toMatchObject({ outcome: 'spam', fromNumber: spammer });

    const temp = '+821066667777';
    await db()
      .insert(listEntries)
      .values({ id: newId('lst'), orgId: n.org.id, userId: n.owner.id, kind: 'spam', number: temp, expiresAt: WED_1100 + 3_600_000 });
    expect((await runCall({ to: n.e164, from: temp, at: WED_1100 })).record?.outcome).toBe('spam');
    // The same temporary block two hours later has expired: the call goes through.
    const later = await runCall({ to: n.e164, from: temp, at: WED_1100 + 2 * 3_600_000, callee: connecting(n) });
    expect(later.record?.outcome).toBe('connected');
  });

  it('free pass: connects outside hours, but not when the number is paused', async () => {
    const n = await safeNumber();
    const vip = '+821011112222';
    await db()
      .insert(listEntries)
      .values({ id: newId('lst'), orgId: n.org.id, userId: n.owner.id, kind: 'free_pass', number: vip });
    const night = await runCall({ to: n.e164, from: vip, at: WED_1930, callee: connecting(n) });
    expect(night.record?.outcome).toBe('connected');
    expect(decidedBy(night)).toEqual(['free_pass']);
    const other = await runCall({ to: n.e164, at: WED_1930 });
    expect(other.record?.outcome).toBe('after_hours');

    const paused = await safeNumber({ paused: true });
    await db()
      .insert(listEntries)
      .values({ id: newId('lst'), orgId: paused.org.id, userId: paused.owner.id, kind: 'free_pass', number: vip });
    const run = await runCall({ to: paused.e164, from: vip, at: WED_1100 });
    expectAnnounced(run, DEFAULT_ANNOUNCEMENTS.suspended, 'paused');
  });

  it('no mobile linked: the unavailable announcement', async () => {
    const n = await safeNumber({ mobile: null });
    const run = await runCall({ to: n.e164, at: WED_1100 });
    expectAnnounced(run, DEFAULT_ANNOUNCEMENTS.unavailable, 'unavailable');
  });

  it('the mobile does not answer: missed, with the unavailable announcement after ringing', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, at: WED_1100, callee: { number: n.mobile!, answer: 'never' } });
    expect(run.record?.outcome).toBe('missed');
    expect(spoken(run)).toEqual([DEFAULT_ANNOUNCEMENTS.waiting, DEFAULT_ANNOUNCEMENTS.unavailable]);
  });
});

describe('abuse shield (B3) on the call path', () => {
  async function shielded(limit: number) {
    const n = await safeNumber();
    await settings(n, () => db().update(orgs).set({ shieldLimit: limit, shieldWindowMinutes: 10, shieldCoolOffMinutes: 30 }).where(eq(orgs.id, n.org.id)));
    return n;
  }

  it('past the limit the caller hears the limited announcement and is not connected; other callers are', async () => {
    const n = await shielded(2);
    const caller = randomNumber('+8210');
    for (let i = 0; i < 2; i++)
      expect((await runCall({ to: n.e164, from: caller, at: WED_1100 + i * 1000, callee: connecting(n) })).record?.outcome).toBe('connected');
    const third = await runCall({ to: n.e164, from: caller, at: WED_1100 + 5000 });
    expectAnnounced(third, DEFAULT_ANNOUNCEMENTS.limited, 'limited');
    expect(third.record?.trace).toContainEqual(
      expect.objectContaining({ rule: 'shield', matched: true, detail: expect.objectContaining({ limit: 2, checked: true }) }),
    );
    expect((await runCall({ to: n.e164, at: WED_1100 + 6000, callee: connecting(n) })).record?.outcome).toBe('connected');
  });

  it('6 calls at the same moment from one caller with a limit of 5: exactly one refused', async () => {
    const n = await shielded(5);
    const caller = randomNumber('+8210');
    const ids = await Promise.all(
      Array.from({ length: 6 }, () => placeCall({ to: n.e164, from: caller, at: WED_1100, callee: { number: n.mobile!, answer: 'busy' } })),
    );
    const runs = await Promise.all(ids.map((id) => settle(id, true, 30_000)));
    const outcomes = runs.map((r) => r.record?.outcome).sort();
    expect(outcomes.filter((o) => o === 'limited')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'missed')).toHaveLength(5);
  });
});
