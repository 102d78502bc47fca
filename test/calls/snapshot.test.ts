import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { findNumberSnapshot } from '../../worker/db/routing-snapshots';
import { rebuildSnapshot } from '../../worker/db/snapshot-compiler';
import { announcementChoices, announcements, routingSnapshots, teams, users, virtualNumbers } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { decide } from '../../worker/routing/decide';
import { DEFAULT_ANNOUNCEMENTS } from '../../worker/routing/snapshot';
import { runCall, safeNumber, sessionView } from '../fixtures/calls';
import { iso, leg, postWebhook, webhook } from '../fixtures/telnyx-events';

async function choose(orgId: string, scope: 'org' | 'team' | 'personal', scopeId: string, type: 'waiting' | 'connect', text: string) {
  const id = newId('ann');
  const db = globalDb(env);
  await db
    .insert(announcements)
    .values({ id, orgId, scope, type, name: text, text, ...(scope === 'team' ? { teamId: scopeId } : scope === 'personal' ? { userId: scopeId } : {}) });
  await db.insert(announcementChoices).values({ orgId, scope, scopeId, type, announcementId: id });
}

describe('routing snapshot', () => {
  it('compiles owner, mobile, ring timeout and Korean default announcements; one point read finds it', async () => {
    const n = await safeNumber({ ringTimeoutSeconds: 45 });
    const snap = await findNumberSnapshot(globalDb(env), n.e164);
    expect(snap).toMatchObject({ numberId: n.numberId, orgId: n.org.id, paused: false, ringTimeoutSeconds: 45, forwardCallerId: n.e164 });
    expect(snap?.owner).toEqual({ userId: n.owner.id, mobile: n.mobile, disabled: false });
    expect(snap?.announcements).toEqual(DEFAULT_ANNOUNCEMENTS);
    expect(await findNumberSnapshot(globalDb(env), '+82500000000000')).toBeNull();
  });

  it('announcement choice falls back personal → team → org', async () => {
    const n = await safeNumber();
    const db = globalDb(env);
    const teamId = newId('team');
    await db.insert(teams).values({ id: teamId, orgId: n.org.id, name: `t-${teamId}` });
    await db.update(users).set({ teamId }).where(eq(users.id, n.owner.id));
    await choose(n.org.id, 'org', n.org.id, 'waiting', '기관 대기 멘트');
    await choose(n.org.id, 'org', n.org.id, 'connect', '기관 착신 멘트');
    await choose(n.org.id, 'team', teamId, 'connect', '팀 착신 멘트');
    await choose(n.org.id, 'personal', n.owner.id, 'connect', '개인 착신 멘트');
    const snap = await rebuildSnapshot(env, n.numberId);
    expect(snap?.announcements.waiting).toBe('기관 대기 멘트');
    expect(snap?.announcements.connect).toBe('개인 착신 멘트');
    expect(snap?.announcements.unavailable).toBe(DEFAULT_ANNOUNCEMENTS.unavailable);
  });

  it('a placeholder row (CLI-provisioned, not yet compiled) is rebuilt for the call instead of rejecting it', async () => {
    const n = await safeNumber();
    await globalDb(env).update(routingSnapshots).set({ version: 0, snapshot: {} }).where(eq(routingSnapshots.e164, n.e164));
    expect(await findNumberSnapshot(globalDb(env), n.e164)).toBeNull();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'busy' } });
    expect(run.record?.outcome).toBe('missed');
    expect((await findNumberSnapshot(globalDb(env), n.e164))?.numberId).toBe(n.numberId);
  });

  it('a paused number is rebuilt as paused', async () => {
    const n = await safeNumber();
    await globalDb(env).update(virtualNumbers).set({ paused: true }).where(eq(virtualNumbers.id, n.numberId));
    expect((await rebuildSnapshot(env, n.numberId))?.paused).toBe(true);
    expect((await findNumberSnapshot(globalDb(env), n.e164))?.paused).toBe(true);
  });
});

describe('decide (pure)', () => {
  it('unknown → reject, paused → suspended announcement, no mobile → unavailable, else connect; each with a trace', async () => {
    const n = await safeNumber();
    const snap = (await findNumberSnapshot(globalDb(env), n.e164))!;
    expect(decide(null, '+821000000000', Date.now())).toMatchObject({ action: 'reject', trace: [{ rule: 'number', result: 'unknown' }] });
    expect(decide({ ...snap, paused: true }, '+821000000000', Date.now())).toMatchObject({
      action: 'announce',
      outcome: 'paused',
      text: snap.announcements.suspended,
    });
    expect(decide({ ...snap, owner: { ...snap.owner!, mobile: null } }, '+821000000000', Date.now())).toMatchObject({
      action: 'announce',
      outcome: 'unavailable',
    });
    const connect = decide(snap, '+821000000000', Date.now());
    expect(connect).toMatchObject({ action: 'connect', to: n.mobile });
    expect(connect.trace.at(-1)).toEqual({ rule: 'decision', result: 'connect' });
  });

  it('a number without a mobile announces unavailable end to end and records it', async () => {
    const n = await safeNumber({ mobile: null });
    const run = await runCall({ to: n.e164 });
    expect(run.session.commands.map((c) => c.key)).toEqual(['answer:caller', 'speak:caller:announce', 'hangup:caller']);
    expect(run.record?.outcome).toBe('unavailable');
  });
});

describe('legs we dial never start a flow', () => {
  it('a call.initiated with direction outgoing and no client_state of ours does nothing', async () => {
    const n = await safeNumber();
    const l = leg({ to: n.e164 });
    expect((await postWebhook(webhook.initiated(crypto.randomUUID(), iso(), l, 'outgoing'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const view = await sessionView(l.callSessionId);
    expect(view.eventsSeen).toBe(1);
    expect(view.pendingEvents).toBe(0);
    expect(view.commands).toEqual([]);
    expect(view.state?.phase).toBe('new');
    expect(view.flow).toBeNull();
  });
});
