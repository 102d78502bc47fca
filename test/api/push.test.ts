// Missed-call push (S14): devices subscribe through the API; a missed call is pushed (encrypted,
// VAPID-signed) to each of the owner's devices with today's count; a subscription the push service
// no longer knows (410) is removed; a push that fails never touches the call.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { pushSubscriptions, users } from '../../worker/db/schema';
import type { SimPush } from '../../worker/simulator/model';
import { runCall, safeNumber, sim } from '../fixtures/calls';
import { login } from '../fixtures/orgs';
import { AUTH_SECRET, P256DH } from '../fixtures/tenancy-cases';

async function realKeys() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const b64url = (b: Uint8Array) =>
    btoa(String.fromCharCode(...b))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return {
    p256dh: b64url(new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer)),
    auth: b64url(crypto.getRandomValues(new Uint8Array(16))),
  };
}

async function ownerClient(orgName: string, userId: string) {
  const row = await globalDb(env).select({ loginId: users.loginId }).from(users).where(eq(users.id, userId)).get();
  return login(orgName, row!.loginId);
}

async function pushesTo(paths: string[], timeoutMs = 5_000): Promise<SimPush[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { pushes } = await sim<{ pushes: SimPush[] }>('/api/pushes');
    const mine = pushes.filter((p) => paths.includes(p.path));
    if (mine.length >= paths.length || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('push subscriptions (API)', () => {
  it('the key is public; a device subscribes once per endpoint, refreshes its keys, and unsubscribes itself', async () => {
    const n = await safeNumber();
    const client = await ownerClient(n.org.name, n.owner.id);
    expect(await (await client.fetch('/api/push/key')).json()).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
    const endpoint = `https://push.example.invalid/device/${crypto.randomUUID()}`;
    const first = await client.fetch('/api/push/subscriptions', { method: 'POST', json: { endpoint, keys: await realKeys() } });
    expect(first.status).toBe(201);
    const { subscription } = (await first.json()) as { subscription: { id: string } };
    const again = await client.fetch('/api/push/subscriptions', { method: 'POST', json: { endpoint, keys: await realKeys() } });
    expect(((await again.json()) as { subscription: { id: string } }).subscription.id).toBe(subscription.id);
    expect(await globalDb(env).select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)).all()).toHaveLength(1);
    expect((await client.fetch(`/api/push/subscriptions/${subscription.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await globalDb(env).select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)).all()).toEqual([]);
  });

  it('refuses what is not a push service: plain http elsewhere than this machine, other schemes, malformed keys', async () => {
    const n = await safeNumber();
    const client = await ownerClient(n.org.name, n.owner.id);
    for (const [endpoint, keys] of [
      ['http://push.example.com/x', { p256dh: P256DH, auth: AUTH_SECRET }],
      ['ftp://push.example.com/x', { p256dh: P256DH, auth: AUTH_SECRET }],
      ['not a url', { p256dh: P256DH, auth: AUTH_SECRET }],
      ['https://push.example.com/x', { p256dh: 'short', auth: AUTH_SECRET }],
      ['https://push.example.com/x', { p256dh: P256DH, auth: 'A'.repeat(21) + '!' }],
    ] as const) {
      const res = await client.fetch('/api/push/subscriptions', { method: 'POST', json: { endpoint, keys } });
      expect(res.status, endpoint).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
    }
    expect(await globalDb(env).select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, n.owner.id)).all()).toEqual([]);
  });

  it('accepts only the browsers’ push services: any other https host is refused (push_service), so no subscription makes the worker post elsewhere', async () => {
    const n = await safeNumber();
    const client = await ownerClient(n.org.name, n.owner.id);
    const keys = { p256dh: P256DH, auth: AUTH_SECRET };
    for (const endpoint of [
      'https://push.example.com/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/x',
      'https://internal.corp.example/hook',
      'https://fcm.googleapis.com.evil.example/fcm/send/x',
      'https://evilfcm.googleapis.com/x',
      'https://user:pw@fcm.googleapis.com/fcm/send/x',
      'https://fcm.googleapis.com:8443/fcm/send/x',
      'http://fcm.googleapis.com/fcm/send/x',
    ]) {
      const res = await client.fetch('/api/push/subscriptions', { method: 'POST', json: { endpoint, keys } });
      expect(res.status, endpoint).toBe(400);
      expect(await res.json(), endpoint).toMatchObject({ error: { code: 'invalid', fields: [{ field: 'endpoint', code: 'push_service' }] } });
    }
    expect(await globalDb(env).select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, n.owner.id)).all()).toEqual([]);
    for (const endpoint of [
      `https://fcm.googleapis.com/fcm/send/${crypto.randomUUID()}`,
      `https://updates.push.services.mozilla.com/wpush/v2/${crypto.randomUUID()}`,
      `https://wns2-par02p.notify.windows.com/w/?token=${crypto.randomUUID()}`,
      `https://web.push.apple.com/${crypto.randomUUID()}`,
    ]) {
      const res = await client.fetch('/api/push/subscriptions', { method: 'POST', json: { endpoint, keys } });
      expect(res.status, endpoint).toBe(201);
    }
  });
});

describe('missed-call push', () => {
  it('every device of the owner gets the missed call; one the push service dropped (410) is removed', async () => {
    const n = await safeNumber();
    const client = await ownerClient(n.org.name, n.owner.id);
    const live = `/device/${crypto.randomUUID()}`;
    const gone = `/gone/${crypto.randomUUID()}`;
    for (const path of [live, gone]) {
      const res = await client.fetch('/api/push/subscriptions', {
        method: 'POST',
        json: { endpoint: `https://push.example.invalid${path}`, keys: await realKeys() },
      });
      expect(res.status).toBe(201);
    }
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'never' } });
    expect(run.record?.outcome).toBe('missed');
    const pushes = await pushesTo([live, gone]);
    expect(pushes.map((p) => [p.path, p.status]).sort()).toEqual(
      [
        [live, 201],
        [gone, 410],
      ].sort(),
    );
    for (const p of pushes) expect(p.headers).toMatchObject({ 'content-encoding': 'aes128gcm', topic: 'missed-calls' });
    const deadline = Date.now() + 3_000;
    let left = await globalDb(env).select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, n.owner.id)).all();
    while (left.length > 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      left = await globalDb(env).select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, n.owner.id)).all();
    }
    expect(left.map((s) => s.endpoint)).toEqual([`https://push.example.invalid${live}`]);
  });

  it('a connected call is not pushed; a push that cannot be built never breaks the call', async () => {
    const n = await safeNumber();
    const path = `/device/${crypto.randomUUID()}`;
    // A key that is no point on the curve: encryption fails inside the Agent object.
    await globalDb(env)
      .insert(pushSubscriptions)
      .values({
        id: `psh_${crypto.randomUUID().slice(0, 8)}`,
        orgId: n.org.id,
        userId: n.owner.id,
        endpoint: `https://push.example.invalid${path}`,
        p256dh: P256DH,
        auth: AUTH_SECRET,
      });
    const connected = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 40 } });
    expect(connected.record?.outcome).toBe('connected');
    const missed = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'never' } });
    expect(missed.record?.outcome).toBe('missed');
    expect(missed.session.state).toMatchObject({ finished: true, recorded: true });
    expect(await pushesTo([path], 500)).toEqual([]);
  });
});
