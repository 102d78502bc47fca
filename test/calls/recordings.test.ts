// Recordings in R2 (P5, S13, P8): copied from the carrier's URL once the call record exists, only
// from allowed hosts; refused or retried without touching the call; played only by the owner, with
// range requests; deleted after the org's retention period by the cron tick.
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { callMediaFields } from '../../worker/db/recordings';
import { dbFor } from '../../worker/db/scope';
import { auditLog, orgs, recordings, users } from '../../worker/db/schema';
import { simulatorRecordings } from '../../worker/simulator/loopback';
import { deleteExpiredRecordings } from '../../worker/storage/retention';
import { recordingSource } from '../../worker/storage/recording-source';
import { parseRange } from '../../worker/http/range';
import { runCall, safeNumber, sessionView, waitForSession, type CallRun } from '../fixtures/calls';
import { login, makeUser, orgWithUser } from '../fixtures/orgs';

type Rec = typeof recordings.$inferSelect;

async function recordingOf(run: CallRun): Promise<Rec | undefined> {
  return globalDb(env).select().from(recordings).where(eq(recordings.callId, run.record!.id)).get();
}

async function connectedRecordedCall(faults?: { recording: 'missing' | 'slow' | 'elsewhere'; slowMs?: number }) {
  const n = await safeNumber({ recording: true });
  const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 120 }, ...(faults ? { faults } : {}) });
  return { n, run };
}

/** Waits until the session's copy has answered (the flow's copy state says so). */
async function copied(sessionId: string, attempts: number) {
  return waitForSession(sessionId, (v) => {
    const copy = (v.state as { copy?: { attempts: number; done: boolean } } | null)?.copy;
    return !!copy && copy.attempts >= attempts && !v.timers.some((t) => t.name === 'copy' && t.at <= Date.now());
  });
}

describe('a connected call’s recording lands in R2 and on the call', () => {
  it('copied after the record is written: object in R2 under the org’s key, row with channels, duration and size', async () => {
    const { n, run } = await connectedRecordedCall();
    await copied(run.sessionId, 1);
    const rec = await waitFor(() => recordingOf(run));
    expect(rec).toMatchObject({ orgId: n.org.id, kind: 'call', contentType: 'audio/mpeg', channels: 'dual', ownerUserId: n.owner.id, heardAt: null });
    expect(rec.r2Key).toMatch(new RegExp(`^org/${n.org.id}/recordings/2026/12/${run.sessionId}\\.mp3$`));
    const object = await env.RECORDINGS.get(rec.r2Key);
    expect(object).not.toBeNull();
    const bytes = new Uint8Array(await object!.arrayBuffer());
    expect(bytes.byteLength).toBe(rec.sizeBytes);
    expect([...bytes.slice(0, 2)]).toEqual([0xff, 0xfb]);
    expect(rec.durationMs).toBeGreaterThan(0);
    // 90 days (the org default) from the copy.
    expect(rec.deleteAfter - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const view = await sessionView(run.sessionId);
    expect((view.state as { copy: { done: boolean } }).copy.done).toBe(true);
  });
});

describe('a bad recording URL never touches the call', () => {
  it('a host outside RECORDING_HOSTS is refused at once: nothing fetched, nothing stored, the call record as it was', async () => {
    const { run } = await connectedRecordedCall({ recording: 'elsewhere' });
    await copied(run.sessionId, 1);
    const view = await sessionView(run.sessionId);
    expect(view.state).toMatchObject({ copy: { attempts: 1, done: true }, outcome: 'connected' });
    expect(await recordingOf(run)).toBeUndefined();
    expect(run.record?.outcome).toBe('connected');
  });

  it('a 404 is retried with a timer, a few times, then given up; the call stays connected', async () => {
    const { run } = await connectedRecordedCall({ recording: 'missing' });
    await copied(run.sessionId, 1);
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(run.sessionId));
    let view = await sessionView(run.sessionId);
    expect(view.timers.map((t) => t.name)).toContain('copy');
    for (let attempt = 2; attempt <= 4; attempt++) {
      expect(await stub.expireTimer('copy')).toBe(true);
      await runDurableObjectAlarm(stub);
      view = await copied(run.sessionId, attempt);
    }
    expect(view.state).toMatchObject({ copy: { attempts: 4, done: true }, outcome: 'connected' });
    expect(view.timers.map((t) => t.name)).not.toContain('copy');
    expect(await recordingOf(run)).toBeUndefined();
  });

  it('a slow host is cut off at the time limit and retried, and the webhooks of the call were all acknowledged', async () => {
    const { run } = await connectedRecordedCall({ recording: 'slow', slowMs: 3_000 });
    const view = await copied(run.sessionId, 1);
    expect(view.state).toMatchObject({ copy: { attempts: 1, done: false }, outcome: 'connected' });
    expect(view.timers.map((t) => t.name)).toContain('copy');
    expect(run.webhooks.every((w) => w.status === 200)).toBe(true);
    expect(await recordingOf(run)).toBeUndefined();
  });

  it('the source check: https and the listed hosts only; the simulator’s own base only while it is on', () => {
    const policy = { hosts: 'api.telnyx.com, *.s3.amazonaws.com', simulatorBase: null };
    expect(recordingSource('https://api.telnyx.com/v2/r/1.mp3', policy)).toMatchObject({ ok: true, viaSimulator: false });
    expect(recordingSource('https://bucket.s3.amazonaws.com/1.mp3', policy)).toMatchObject({ ok: true });
    expect(recordingSource('http://api.telnyx.com/1.mp3', policy)).toEqual({ ok: false, reason: 'scheme' });
    expect(recordingSource('https://api.telnyx.com.evil.example/1.mp3', policy)).toEqual({ ok: false, reason: 'host' });
    expect(recordingSource('https://s3.amazonaws.com/1.mp3', policy)).toEqual({ ok: false, reason: 'host' });
    expect(recordingSource('https://user:pw@api.telnyx.com/1.mp3', policy)).toEqual({ ok: false, reason: 'url' });
    expect(recordingSource('http://simulator.invalid/recordings/1.mp3', policy)).toEqual({ ok: false, reason: 'scheme' });
    expect(recordingSource('http://simulator.invalid/recordings/1.mp3', { ...policy, simulatorBase: 'http://simulator.invalid' })).toMatchObject({
      ok: true,
      viaSimulator: true,
    });
  });

  it('the simulator’s base while it is on: in-process (…/_sim, *.invalid) or a carrier simulator on this machine over http (the soak’s); never otherwise', () => {
    const at = (on: boolean, base: string) => simulatorRecordings({ ...env, CARRIER_SIMULATOR: on ? 'on' : 'off', TELNYX_API_BASE: base });
    expect(at(true, 'http://127.0.0.1:8787/_sim')).toEqual({ base: 'http://127.0.0.1:8787/_sim', inProcess: true });
    expect(at(true, 'http://simulator.invalid')).toEqual({ base: 'http://simulator.invalid', inProcess: true });
    expect(at(true, 'http://127.0.0.1:41585')).toEqual({ base: 'http://127.0.0.1:41585', inProcess: false });
    expect(at(true, 'http://localhost:41585/')).toEqual({ base: 'http://localhost:41585', inProcess: false });
    expect(at(true, 'http://[::1]:41585')).toEqual({ base: 'http://[::1]:41585', inProcess: false });
    // Off, or a base that is another machine (the real carrier, anyone's host): only RECORDING_HOSTS over https.
    expect(at(false, 'http://127.0.0.1:41585')).toBeNull();
    expect(at(false, 'http://127.0.0.1:8787/_sim')).toBeNull();
    expect(at(true, 'https://api.telnyx.com')).toBeNull();
    expect(at(true, 'http://10.0.0.5:41585')).toBeNull();
    expect(at(true, 'http://127.0.0.1.evil.example:41585')).toBeNull();
    // The Node carrier's recordings pass the source check by its base only, not a neighbour's port.
    const policy = { hosts: 'api.telnyx.com', simulatorBase: at(true, 'http://127.0.0.1:41585')?.base ?? null };
    expect(recordingSource('http://127.0.0.1:41585/recordings/1.mp3', policy)).toMatchObject({ ok: true, viaSimulator: true });
    expect(recordingSource('http://127.0.0.1:4158/recordings/1.mp3', policy)).toEqual({ ok: false, reason: 'scheme' });
    expect(recordingSource('http://127.0.0.1:415850/recordings/1.mp3', policy)).toEqual({ ok: false, reason: 'url' });
  });
});

describe('only the owner plays a recording (S13, P8)', () => {
  it('the owner gets 200 and a range request 206 with exactly the asked bytes; every access is audited', async () => {
    const { n, run } = await connectedRecordedCall();
    await copied(run.sessionId, 1);
    const rec = await waitFor(() => recordingOf(run));
    const whole = new Uint8Array(await (await env.RECORDINGS.get(rec.r2Key))!.arrayBuffer());
    const owner = await login(n.org.name, (await userLogin(n.owner.id))!);

    const full = await owner.fetch(`/api/recordings/${rec.id}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-type')).toBe('audio/mpeg');
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(whole);

    const part = await owner.fetch(`/api/recordings/${rec.id}`, { headers: { range: 'bytes=100-299' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-299/${whole.byteLength}`);
    expect(part.headers.get('content-length')).toBe('200');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(whole.slice(100, 300));

    const tail = await owner.fetch(`/api/recordings/${rec.id}`, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(whole.slice(-10));

    const beyond = await owner.fetch(`/api/recordings/${rec.id}`, { headers: { range: `bytes=${whole.byteLength}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.byteLength}`);

    const download = await owner.fetch(`/api/recordings/${rec.id}?download=1`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="recording-\d{8}-\d{4}\.mp3"/);
    await download.arrayBuffer();

    const audits = await globalDb(env)
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, n.org.id), eq(auditLog.targetId, rec.id)))
      .all();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'recording.downloaded',
      'recording.played',
      'recording.played',
      'recording.played',
      'recording.played',
    ]);
    expect(audits.every((a) => a.actorUserId === n.owner.id)).toBe(true);
  });

  it('another staff member of the same org, an org admin (unless the org allows) and a user of another org get 404', async () => {
    const { n, run } = await connectedRecordedCall();
    await copied(run.sessionId, 1);
    const rec = await waitFor(() => recordingOf(run));
    const colleague = await makeUser(n.org.id, { role: 'staff' });
    const admin = await makeUser(n.org.id, { role: 'org_admin' });
    const stranger = await orgWithUser('org_admin');
    for (const who of [await login(n.org.name, colleague.loginId), await login(n.org.name, admin.loginId), stranger.client]) {
      const res = await who.fetch(`/api/recordings/${rec.id}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    // The org allows its admins: the admin plays it; the colleague still cannot.
    await globalDb(env).update(orgs).set({ recordingAdminAccess: true }).where(eq(orgs.id, n.org.id));
    expect((await (await login(n.org.name, admin.loginId)).fetch(`/api/recordings/${rec.id}`)).status).toBe(200);
    expect((await (await login(n.org.name, colleague.loginId)).fetch(`/api/recordings/${rec.id}`)).status).toBe(404);
  });
});

describe('history rows (S13)', () => {
  it('carry the player field for the owner only', async () => {
    const { n, run } = await connectedRecordedCall();
    await copied(run.sessionId, 1);
    const rec = await waitFor(() => recordingOf(run));
    const scope = dbFor(env, n.org.id);
    const own = await callMediaFields(scope, { id: n.owner.id, role: 'staff' }, [run.record!.id]);
    expect(own.get(run.record!.id)).toEqual({ recording: { id: rec.id, durationMs: rec.durationMs }, voicemail: null });
    const admin = await callMediaFields(scope, { id: 'usr_someone_else', role: 'org_admin' }, [run.record!.id]);
    expect(admin.get(run.record!.id)).toEqual({ recording: null, voicemail: null });
  });
});

describe('retention (P5)', () => {
  it('the cron sweep deletes recordings past their deadline only, objects and rows, and counts them in the audit log', async () => {
    const { n, run } = await connectedRecordedCall();
    await copied(run.sessionId, 1);
    const keep = await waitFor(() => recordingOf(run));
    const second = await connectedRecordedCall();
    await copied(second.run.sessionId, 1);
    const old = await waitFor(() => recordingOf(second.run));
    const now = Date.now();
    await globalDb(env)
      .update(recordings)
      .set({ deleteAfter: now - 1 })
      .where(eq(recordings.id, old.id));

    // Sweep until nothing is due (other files' recordings may be due too).
    while ((await deleteExpiredRecordings(env, now)) > 0);
    expect(await globalDb(env).select().from(recordings).where(eq(recordings.id, old.id)).get()).toBeUndefined();
    expect(await env.RECORDINGS.get(old.r2Key)).toBeNull();
    expect(await globalDb(env).select().from(recordings).where(eq(recordings.id, keep.id)).get()).toBeDefined();
    expect(await env.RECORDINGS.head(keep.r2Key)).not.toBeNull();
    const audit = await globalDb(env)
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, second.n.org.id), eq(auditLog.action, 'recording.retention_deleted')))
      .get();
    expect(audit?.detail).toEqual({ count: 1, voicemails: 0 });
    expect(n.org.id).not.toBe(second.n.org.id);
  });

  it('an org that shortens its retention moves the deadline of what it keeps', async () => {
    const { n, run } = await connectedRecordedCall();
    await copied(run.sessionId, 1);
    const rec = await waitFor(() => recordingOf(run));
    const admin = await makeUser(n.org.id, { role: 'org_admin' });
    const client = await login(n.org.name, admin.loginId);
    const org = (await (await client.fetch('/api/admin/org')).json()) as { org: Record<string, unknown>; schedule: unknown };
    const { name: _name, ...settings } = org.org;
    const put = await client.fetch('/api/admin/org', { method: 'PUT', json: { org: { ...settings, recordingRetentionDays: 1 }, schedule: org.schedule } });
    expect(put.status).toBe(200);
    const after = await globalDb(env).select().from(recordings).where(eq(recordings.id, rec.id)).get();
    expect(after!.deleteAfter).toBe(after!.createdAt + 86_400_000);
  });
});

describe('range header parsing', () => {
  it('one range, suffixes, open ends, clamping; several ranges and garbage serve the whole file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ offset: 0, length: 10 });
    expect(parseRange('bytes=90-', 100)).toEqual({ offset: 90, length: 10 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ offset: 90, length: 10 });
    expect(parseRange('bytes=-5', 100)).toEqual({ offset: 95, length: 5 });
    expect(parseRange('bytes=-500', 100)).toEqual({ offset: 0, length: 100 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange(null, 100)).toBeNull();
  });
});

async function userLogin(id: string): Promise<string | undefined> {
  return (await globalDb(env).select({ loginId: users.loginId }).from(users).where(eq(users.id, id)).get())?.loginId;
}

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('never came');
    await new Promise((r) => setTimeout(r, 20));
  }
}
