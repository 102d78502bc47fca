// The recording notice (S21): when the organisation records, the caller hears the org admin's notice
// text before the waiting announcement; when it does not, no notice is spoken. Asserted on what the
// simulated carrier was asked to say.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { rebuildSnapshot } from '../../worker/db/snapshot-compiler';
import { dbFor } from '../../worker/db/scope';
import { announcementChoices, announcements } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { DEFAULT_ANNOUNCEMENTS } from '../../worker/routing/snapshot';
import { runCall, safeNumber, type CallRun } from '../fixtures/calls';
import { login, makeUser } from '../fixtures/orgs';

const NOTICE = '이 통화는 민원 응대 품질 향상을 위해 녹음됩니다.';
const spoken = (run: CallRun) => run.carrierCommands.filter((c) => c.name === 'speak').map((c) => c.text);

/** The org admin saves the org's settings through the API, as the settings screen does. */
async function saveOrgSettings(orgId: string, orgName: string, change: Record<string, unknown>) {
  const admin = await makeUser(orgId, { role: 'org_admin' });
  const client = await login(orgName, admin.loginId);
  const current = (await (await client.fetch('/api/admin/org')).json()) as { org: Record<string, unknown>; schedule: unknown };
  const { name: _name, ...org } = current.org;
  const res = await client.fetch('/api/admin/org', { method: 'PUT', json: { org: { ...org, ...change }, schedule: current.schedule } });
  expect(res.status).toBe(200);
}

describe('recording notice (S21)', () => {
  it('the org records: its admin’s notice text is spoken first, then the waiting announcement', async () => {
    const n = await safeNumber();
    await saveOrgSettings(n.org.id, n.org.name, { recordingEnabled: true, recordingNoticeText: NOTICE });
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 60 } });
    expect(spoken(run).slice(0, 2)).toEqual([NOTICE, DEFAULT_ANNOUNCEMENTS.waiting]);
    expect(run.record?.outcome).toBe('connected');
  });

  it('the org records without its own text: the built-in notice', async () => {
    const n = await safeNumber({ recording: true });
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 60 } });
    expect(spoken(run).slice(0, 2)).toEqual([DEFAULT_ANNOUNCEMENTS.recording_notice, DEFAULT_ANNOUNCEMENTS.waiting]);
  });

  it('the org does not record: no notice, whatever text is set', async () => {
    const n = await safeNumber();
    await saveOrgSettings(n.org.id, n.org.name, { recordingEnabled: false, recordingNoticeText: NOTICE });
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 60 } });
    expect(spoken(run)).not.toContain(NOTICE);
    expect(spoken(run)).not.toContain(DEFAULT_ANNOUNCEMENTS.recording_notice);
    expect(spoken(run)[0]).toBe(DEFAULT_ANNOUNCEMENTS.waiting);
    expect(run.carrierCommands.map((c) => c.name)).not.toContain('record_start');
  });

  it('the org’s text is its word on recording: a staff member’s own notice announcement does not replace it', async () => {
    const n = await safeNumber({ recording: true, recordingNoticeText: NOTICE });
    const scope = dbFor(env, n.org.id);
    const mine = newId('ann');
    await scope.db
      .insert(announcements)
      .values({ id: mine, orgId: n.org.id, scope: 'personal', userId: n.owner.id, type: 'recording_notice', name: '내 안내', text: '녹음 안 합니다.' });
    await scope.db
      .insert(announcementChoices)
      .values({ orgId: n.org.id, scope: 'personal', scopeId: n.owner.id, type: 'recording_notice', announcementId: mine });
    await rebuildSnapshot(env, n.numberId);
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 60 } });
    expect(spoken(run)[0]).toBe(NOTICE);
  });
});
