// Settings saved through the admin API reach the very next call: the routing snapshot a call reads
// is rebuilt on save (numbers) or marked stale and rebuilt on first use (users, org defaults).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { findNumberSnapshot, snapshotForCall } from '../../worker/db/routing-snapshots';
import { runCall } from '../fixtures/calls';
import { makeUser, orgWithUser } from '../fixtures/orgs';
import { randomNumber } from '../fixtures/telnyx-events';

const national = (e164: string) => `0${e164.slice(3)}`;

async function adminWithStaffNumber() {
  const { org, client } = await orgWithUser('org_admin');
  const staff = await makeUser(org.id, { role: 'staff' });
  const firstMobile = randomNumber('+8210');
  const patched = await client.fetch(`/api/admin/users/${staff.id}`, { method: 'PATCH', json: { mobile: national(firstMobile) } });
  expect(patched.status).toBe(200);
  const e164 = randomNumber('+82505');
  const created = await client.fetch('/api/admin/numbers', { method: 'POST', json: { e164, ownerUserId: staff.id } });
  expect(created.status).toBe(201);
  const { number } = await created.json<{ number: { id: string } }>();
  return { org, client, staff, firstMobile, e164, numberId: number.id };
}

describe('routing snapshots follow admin changes', () => {
  it('a number added through the API routes its first call to the owner’s mobile', async () => {
    const n = await adminWithStaffNumber();
    expect((await findNumberSnapshot(globalDb(env), n.e164))?.owner?.mobile).toBe(n.firstMobile);
    const run = await runCall({ to: n.e164, callee: { number: n.firstMobile, answer: 'after', afterMs: 20, hangupAfterMs: 50 } });
    expect(run.record?.outcome).toBe('connected');
  });

  it('after the mobile changes, the next call rings the new mobile, not the old one', async () => {
    const n = await adminWithStaffNumber();
    const newMobile = randomNumber('+8210');
    const res = await n.client.fetch(`/api/admin/users/${n.staff.id}`, { method: 'PATCH', json: { mobile: national(newMobile) } });
    expect(res.status).toBe(200);
    const run = await runCall({
      to: n.e164,
      // Only the new mobile is scripted to pick up; a call to the old one would ring out as missed.
      callee: { number: newMobile, answer: 'after', afterMs: 20, hangupAfterMs: 50 },
    });
    expect(run.record?.outcome).toBe('connected');
    expect((await findNumberSnapshot(globalDb(env), n.e164))?.owner?.mobile).toBe(newMobile);
  });

  it('disabling the owner stops the number connecting', async () => {
    const n = await adminWithStaffNumber();
    await n.client.fetch(`/api/admin/users/${n.staff.id}`, { method: 'PATCH', json: { disabled: true } });
    expect((await snapshotForCall(env, n.e164, null))?.snapshot.owner?.disabled).toBe(true);
  });

  it('an org time zone change reaches the snapshot', async () => {
    const n = await adminWithStaffNumber();
    const current = await (await n.client.fetch('/api/admin/org')).json<{ org: Record<string, unknown>; schedule: Record<string, unknown> }>();
    const put = await n.client.fetch('/api/admin/org', { method: 'PUT', json: { ...current, org: { ...current.org, timezone: 'Asia/Tokyo' } } });
    expect(put.status).toBe(200);
    expect((await snapshotForCall(env, n.e164, null))?.snapshot.timezone).toBe('Asia/Tokyo');
  });

  it('an org holiday added or deleted reaches the snapshot', async () => {
    const n = await adminWithStaffNumber();
    const added = await n.client.fetch('/api/admin/holidays', { method: 'POST', json: { date: '2031-04-02', name: '개청기념일' } });
    expect(added.status).toBe(201);
    const { holiday } = await added.json<{ holiday: { id: string } }>();
    expect((await snapshotForCall(env, n.e164, null))?.snapshot.holidays).toEqual([{ date: '2031-04-02', name: '개청기념일' }]);
    expect((await n.client.fetch(`/api/admin/holidays/${holiday.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await snapshotForCall(env, n.e164, null))?.snapshot.holidays).toEqual([]);
  });

  it('a deleted number leaves the directory: its next call is rejected as unknown', async () => {
    const n = await adminWithStaffNumber();
    expect((await n.client.fetch(`/api/admin/numbers/${n.numberId}`, { method: 'DELETE' })).status).toBe(200);
    expect(await findNumberSnapshot(globalDb(env), n.e164)).toBeNull();
    const run = await runCall({ to: n.e164, expectRecord: false });
    expect(run.session.state?.outcome).toBe('unknown_number');
  });
});
