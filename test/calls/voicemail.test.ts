// Voicemail end to end (S20): the safe-number flow hands the caller to the voicemail flow after
// hours or when nobody answers; a prompt, a beep, up to two minutes, `#` or hanging up ends it;
// under two seconds or silence only is not kept. What is kept lands in R2, on the call (outcome
// voicemail, the decision's trace), in the owner's list, and in a push to their devices.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { VOICEMAIL_PROMPT } from '../../worker/calls/voicemail';
import { globalDb } from '../../worker/db/client';
import { pushSubscriptions, recordings, users } from '../../worker/db/schema';
import { DEFAULT_ANNOUNCEMENTS } from '../../worker/routing/snapshot';
import type { SimPush } from '../../worker/simulator/model';
import { callerDoes, placeCall, safeNumber, settle, sim, waitForSession } from '../fixtures/calls';
import { login } from '../fixtures/orgs';

/** A Wednesday 20:00 in Seoul: after the default hours. */
const AFTER_HOURS = Date.parse('2026-12-02T20:00:00+09:00');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real subscription key pair (P-256 point + auth secret) on a test push endpoint. */
async function subscribe(orgId: string, userId: string): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const b64url = (b: Uint8Array) =>
    btoa(String.fromCharCode(...b))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const path = `/device/${crypto.randomUUID()}`;
  await globalDb(env)
    .insert(pushSubscriptions)
    .values({
      id: `psh_${crypto.randomUUID().replaceAll('-', '')}`,
      orgId,
      userId,
      endpoint: `https://push.example.invalid${path}`,
      p256dh: b64url(raw),
      auth: b64url(crypto.getRandomValues(new Uint8Array(16))),
    });
  return path;
}

async function pushesTo(path: string, n = 1, timeoutMs = 5_000): Promise<SimPush[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { pushes } = await sim<{ pushes: SimPush[] }>('/api/pushes');
    const mine = pushes.filter((p) => p.path === path);
    if (mine.length >= n || Date.now() > deadline) return mine;
    await sleep(25);
  }
}

/** Places a call, waits for the beep, lets the caller speak for `speakMs`, then ends the message their way. */
async function leaveMessage(
  to: string,
  o: { speakMs: number; end: '#' | 'hangup'; at?: number; silent?: boolean; callee?: { number: string; answer: 'never' }; delayMs?: number },
) {
  // Carrier durations at 1/20: the two-minute max_length is 6 s here, past any message of the tests.
  const sessionId = await placeCall({
    to,
    at: o.at ?? AFTER_HOURS,
    timeScale: 0.05,
    ...(o.silent ? { silent: true } : {}),
    ...(o.callee ? { callee: o.callee } : {}),
    ...(o.delayMs ? { faults: { delayMs: o.delayMs } } : {}),
  });
  await waitForSession(sessionId, (v) => v.flow === 'voicemail' && v.state?.phase === 'recording');
  await sleep(o.speakMs);
  if (o.end === '#') await callerDoes(sessionId, 'dtmf', '#');
  else await callerDoes(sessionId, 'hangup');
  return { sessionId, ...(await settle(sessionId, true)) };
}

async function loginOf(orgName: string, userId: string) {
  const row = await globalDb(env).select({ loginId: users.loginId }).from(users).where(eq(users.id, userId)).get();
  return login(orgName, row!.loginId);
}

describe('voicemail after hours (S20)', () => {
  it('a message is left, stored, listed and notified', async () => {
    const n = await safeNumber({ voicemail: { afterHours: true } });
    const device = await subscribe(n.org.id, n.owner.id);
    const run = await leaveMessage(n.e164, { speakMs: 2_300, end: '#' });

    // The caller heard the after-hours announcement, the prompt, and the beep of record_start.
    const spoken = run.carrierCommands.filter((c) => c.name === 'speak').map((c) => c.text);
    expect(spoken).toEqual([DEFAULT_ANNOUNCEMENTS.after_hours, VOICEMAIL_PROMPT]);
    const record = run.carrierCommands.find((c) => c.name === 'record_start');
    expect(record?.params).toEqual({ channels: 'single', play_beep: true, max_length: 120, timeout_secs: 10, trim: 'trim-silence' });
    expect(run.carrierCommands.map((c) => c.name)).toEqual(['answer', 'speak', 'speak', 'record_start', 'record_stop', 'hangup']);

    expect(run.record).toMatchObject({ outcome: 'voicemail', ownerUserId: n.owner.id, answeredAt: null });
    const trace = run.record!.trace as { rule: string; matched: boolean; detail: unknown }[];
    expect(trace.find((t) => t.rule === 'hours')).toMatchObject({ matched: true });
    expect(trace.at(-1)).toEqual({ rule: 'voicemail', matched: true, detail: { reason: 'after_hours', kept: true } });

    const rec = await globalDb(env).select().from(recordings).where(eq(recordings.callId, run.record!.id)).get();
    expect(rec).toMatchObject({ kind: 'voicemail', ownerUserId: n.owner.id, heardAt: null, channels: 'single' });
    expect(rec!.durationMs).toBeGreaterThanOrEqual(2_000);
    expect(rec!.r2Key).toMatch(/-voicemail\.mp3$/);
    expect((await env.RECORDINGS.head(rec!.r2Key))?.size).toBe(rec!.sizeBytes);

    const owner = await loginOf(n.org.name, n.owner.id);
    const list = (await (await owner.fetch('/api/voicemails')).json()) as { unheard: number; voicemails: { id: string; caller: string; heard: boolean }[] };
    expect(list.unheard).toBe(1);
    expect(list.voicemails).toEqual([expect.objectContaining({ id: rec!.id, heard: false, caller: expect.stringMatching(/^010-\d{4}-\d{4}$/) })]);

    const [push] = await pushesTo(device);
    expect(push).toMatchObject({ status: 201, headers: { 'content-encoding': 'aes128gcm', ttl: String(12 * 60 * 60), urgency: 'high' } });
    expect(push!.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(push!.bytes).toBeGreaterThan(100);

    // Played by the owner: heard, no longer counted.
    const play = await owner.fetch(`/api/recordings/${rec!.id}`);
    expect(play.status).toBe(200);
    await play.arrayBuffer();
    expect(((await (await owner.fetch('/api/voicemails')).json()) as { unheard: number }).unheard).toBe(0);
  });

  it('a 1 s message is discarded: the call stays an after-hours call, nothing is stored, the owner is still told', async () => {
    const n = await safeNumber({ voicemail: { afterHours: true } });
    const device = await subscribe(n.org.id, n.owner.id);
    const run = await leaveMessage(n.e164, { speakMs: 1_000, end: '#' });
    expect(run.record).toMatchObject({ outcome: 'after_hours' });
    expect((run.record!.trace as { rule: string }[]).at(-1)).toEqual({ rule: 'voicemail', matched: false, detail: { reason: 'after_hours', kept: false } });
    expect(await globalDb(env).select().from(recordings).where(eq(recordings.callId, run.record!.id)).all()).toEqual([]);
    expect(await env.RECORDINGS.list({ prefix: `org/${n.org.id}/` })).toMatchObject({ objects: [] });
    expect(await pushesTo(device)).toHaveLength(1);
  });

  it('silence only is discarded even when long enough (the carrier trims it away)', async () => {
    const n = await safeNumber({ voicemail: { afterHours: true } });
    const run = await leaveMessage(n.e164, { speakMs: 2_300, end: '#', silent: true });
    expect(run.record).toMatchObject({ outcome: 'after_hours' });
    expect(await globalDb(env).select().from(recordings).where(eq(recordings.callId, run.record!.id)).all()).toEqual([]);
    expect((await env.RECORDINGS.list({ prefix: `org/${n.org.id}/` })).objects).toEqual([]);
  });

  it('the wait for the saved message counts from when the hangup arrived, not from its carrier timestamp (the soak lost messages so)', async () => {
    // Placed at a past instant, the carrier stamps the hangup days before the worker's now; every
    // webhook comes 300 ms after the one before, so call.recording.saved follows the hangup late.
    const n = await safeNumber({ voicemail: { afterHours: true } });
    const run = await leaveMessage(n.e164, { speakMs: 2_300, end: 'hangup', delayMs: 300 });
    expect(run.webhooks.map((w) => w.name)).toContain('call.recording.saved');
    expect(run.record).toMatchObject({ outcome: 'voicemail' });
    const rec = await globalDb(env).select().from(recordings).where(eq(recordings.callId, run.record!.id)).get();
    expect(rec?.kind).toBe('voicemail');
  });

  it('the caller hanging up mid-message keeps what was said', async () => {
    const n = await safeNumber({ voicemail: { afterHours: true } });
    const run = await leaveMessage(n.e164, { speakMs: 2_300, end: 'hangup' });
    expect(run.carrierCommands.map((c) => c.name)).toEqual(['answer', 'speak', 'speak', 'record_start']);
    expect(run.webhooks.map((w) => w.name)).toContain('call.recording.saved');
    expect(run.record).toMatchObject({ outcome: 'voicemail', hangupSource: null });
    const rec = await globalDb(env).select().from(recordings).where(eq(recordings.callId, run.record!.id)).get();
    expect(rec?.kind).toBe('voicemail');
    expect(rec!.durationMs).toBeGreaterThanOrEqual(2_000);
  });

  it('switched off: the after-hours announcement and goodbye, no recording', async () => {
    const n = await safeNumber({ voicemail: { noAnswer: true } });
    const sessionId = await placeCall({ to: n.e164, at: AFTER_HOURS });
    const run = await settle(sessionId, true);
    expect(run.carrierCommands.map((c) => c.name)).toEqual(['answer', 'speak', 'hangup']);
    expect(run.record).toMatchObject({ outcome: 'after_hours' });
  });
});

describe('the staff member’s switches (S20)', () => {
  it('switched on through the API, the very next call after hours is offered voicemail', async () => {
    const n = await safeNumber();
    const owner = await loginOf(n.org.name, n.owner.id);
    expect(await (await owner.fetch('/api/me/voicemail')).json()).toEqual({ voicemail: { afterHours: false, noAnswer: false } });
    const put = await owner.fetch('/api/me/voicemail', { method: 'PUT', json: { afterHours: true, noAnswer: false } });
    expect(put.status).toBe(200);
    expect((await owner.fetch('/api/me/voicemail', { method: 'PUT', json: { afterHours: 'yes', noAnswer: false } })).status).toBe(400);
    expect(await (await owner.fetch('/api/me/voicemail')).json()).toEqual({ voicemail: { afterHours: true, noAnswer: false } });
    const sessionId = await placeCall({ to: n.e164, at: AFTER_HOURS, timeScale: 0.05 });
    await waitForSession(sessionId, (v) => v.flow === 'voicemail' && v.state?.phase === 'recording');
    await callerDoes(sessionId, 'hangup');
    const run = await settle(sessionId, true);
    expect(run.record?.outcome).toBe('after_hours');
  });
});

describe('voicemail when nobody answers (S20)', () => {
  it('the mobile rings out, the caller leaves a message on the same call', async () => {
    const n = await safeNumber({ voicemail: { noAnswer: true }, ringTimeoutSeconds: 5 });
    const run = await leaveMessage(n.e164, {
      speakMs: 2_300,
      end: '#',
      at: Date.parse('2026-12-02T11:00:00+09:00'),
      callee: { number: n.mobile!, answer: 'never' },
    });
    const spoken = run.carrierCommands.filter((c) => c.name === 'speak').map((c) => c.text);
    expect(spoken).toEqual([DEFAULT_ANNOUNCEMENTS.waiting, VOICEMAIL_PROMPT]);
    expect(run.record).toMatchObject({ outcome: 'voicemail', hangupCause: 'timeout' });
    expect((run.record!.trace as { rule: string; detail: unknown }[]).at(-1)).toEqual({
      rule: 'voicemail',
      matched: true,
      detail: { reason: 'no_answer', kept: true },
    });
    expect(run.sim.legs.every((l) => l.state === 'ended')).toBe(true);
  });
});
