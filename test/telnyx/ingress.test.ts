import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { messageRecipients, messages } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { sessionView } from '../fixtures/calls';
import { makeOrg, makeUser } from '../fixtures/orgs';
import { iso, leg, postWebhook, webhook } from '../fixtures/telnyx-events';

/** A call.hangup for a fresh session: harmless to deliver, and visible in its CallSession. */
function hangupBody() {
  const l = leg();
  return { l, body: webhook.hangup(crypto.randomUUID(), iso(), l, 'normal_clearing', 'caller') };
}

describe('POST /telnyx/webhook: signature', () => {
  it('accepts a correctly signed event and hands it to the CallSession of its call', async () => {
    const { l, body } = hangupBody();
    const res = await postWebhook(body);
    expect(res.status).toBe(200);
    const view = await sessionView(l.callSessionId);
    expect(view.eventsSeen).toBe(1);
  });

  it('accepts timestamps inside the five-minute window, either side of now', async () => {
    for (const skew of [-270, 270]) {
      const { l, body } = hangupBody();
      const res = await postWebhook(body, { timestamp: Math.floor(Date.now() / 1000) + skew });
      expect(res.status, `skew ${skew}`).toBe(200);
      expect((await sessionView(l.callSessionId)).eventsSeen).toBe(1);
    }
  });

  const rejected: [string, Parameters<typeof postWebhook>[1]][] = [
    ['a tampered body', { tamper: (raw) => raw.replace('normal_clearing', 'user_busy') }],
    ['no signature headers', { sign: false }],
    ['a timestamp 330 s old', { timestamp: Math.floor(Date.now() / 1000) - 330 }],
    ['a timestamp 330 s in the future', { timestamp: Math.floor(Date.now() / 1000) + 330 }],
    [
      'a signature made with another key',
      { headers: { 'telnyx-signature-ed25519': btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(64)))) } },
    ],
    ['a malformed signature', { headers: { 'telnyx-signature-ed25519': 'not-base64!' } }],
  ];
  for (const [name, opts] of rejected) {
    it(`refuses ${name} with 401 and changes nothing`, async () => {
      const { l, body } = hangupBody();
      const res = await postWebhook(body, opts);
      expect(res.status).toBe(401);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('bad_signature');
      const view = await sessionView(l.callSessionId);
      expect(view.eventsSeen).toBe(0);
      expect(view.state).toBeNull();
    });
  }

  it('refuses a genuinely signed event from a different key pair', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const { l, body } = hangupBody();
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, new TextEncoder().encode(`${ts}|${raw}`)));
    const res = await postWebhook(raw, { headers: { 'telnyx-timestamp': ts, 'telnyx-signature-ed25519': btoa(String.fromCharCode(...sig)) } });
    expect(res.status).toBe(401);
    expect((await sessionView(l.callSessionId)).eventsSeen).toBe(0);
  });
});

describe('POST /telnyx/webhook: shape', () => {
  it('answers 400 to a signed body that is not JSON or not a webhook, and stores nothing', async () => {
    expect((await postWebhook('{"data":')).status).toBe(400);
    const { l, body } = hangupBody();
    const broken = { ...body, data: { ...body.data, payload: { ...body.data.payload, call_session_id: 42 } } };
    const res = await postWebhook(broken);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(l.from);
    expect((await sessionView(l.callSessionId)).eventsSeen).toBe(0);
    const noId = { data: { ...body.data, id: undefined }, meta: body.meta };
    expect((await postWebhook(noId)).status).toBe(400);
  });

  it('acknowledges unknown event types without acting on them', async () => {
    const { l, body } = hangupBody();
    const res = await postWebhook({ ...body, data: { ...body.data, event_type: 'call.cost' } });
    expect(res.status).toBe(200);
    expect((await sessionView(l.callSessionId)).eventsSeen).toBe(0);
  });

  it('refuses an oversized body before reading it', async () => {
    const { body } = hangupBody();
    const big = { ...body, data: { ...body.data, payload: { ...body.data.payload, pad: 'x'.repeat(70_000) } } };
    expect((await postWebhook(big)).status).toBe(413);
  });

  it('stores a redelivered event once', async () => {
    const { l, body } = hangupBody();
    expect((await postWebhook(body)).status).toBe(200);
    expect((await postWebhook({ ...body, meta: { ...body.meta, attempt: 2 } })).status).toBe(200);
    expect((await sessionView(l.callSessionId)).eventsSeen).toBe(1);
  });

  it('routes by client_state before call_session_id', async () => {
    const { encodeClientState } = await import('../../worker/telnyx/client-state');
    const ours = crypto.randomUUID();
    const l = leg({ clientState: encodeClientState({ sessionId: ours, role: 'callee' }) });
    expect((await postWebhook(webhook.answered(crypto.randomUUID(), iso(), l))).status).toBe(200);
    expect((await sessionView(ours)).eventsSeen).toBe(1);
    expect((await sessionView(l.callSessionId)).eventsSeen).toBe(0);
  });
});

describe('POST /telnyx/webhook: messaging', () => {
  it('message.sent and message.finalized move the recipient status forward, never back', async () => {
    const org = await makeOrg();
    const user = await makeUser(org.id);
    const db = globalDb(env);
    const messageId = newId('msg');
    await db
      .insert(messages)
      .values({ id: messageId, orgId: org.id, userId: user.id, kind: 'sms', sender: '+8225550000', text: '안녕하세요', status: 'sending' });
    const carrierId = crypto.randomUUID();
    const rid = newId('rcp');
    await db.insert(messageRecipients).values({ id: rid, orgId: org.id, messageId, number: '+821055556666', carrierMessageId: carrierId });
    const msg = { id: carrierId, from: '+8225550000', to: '+821055556666', text: '안녕하세요', profileId: 'mp-test' };
    const finalized = webhook.message(crypto.randomUUID(), iso(), 'message.finalized', msg, 'delivered');
    const sent = webhook.message(crypto.randomUUID(), iso(Date.now() - 1000), 'message.sent', msg, 'sent');
    expect((await postWebhook(finalized)).status).toBe(200);
    expect((await postWebhook(sent, { query: `?org=${org.id}` })).status).toBe(200);
    const row = await db.select().from(messageRecipients).where(eq(messageRecipients.id, rid)).get();
    expect(row?.status).toBe('delivered');
  });
});

describe('POST /telnyx/webhook: past capacity', () => {
  it('sheds with a quick 503 and Retry-After, storing nothing; admits again once there is room', async () => {
    const { shedder } = await import('../../worker/telnyx/webhook');
    const { l, body } = hangupBody();
    const saved = shedder.maxInFlight;
    shedder.maxInFlight = shedder.inFlight; // full
    try {
      const res = await postWebhook(body);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect((await sessionView(l.callSessionId)).eventsSeen).toBe(0);
    } finally {
      shedder.maxInFlight = saved;
    }
    // Telnyx retries the same delivery: now it is taken, once.
    expect((await postWebhook(body)).status).toBe(200);
    expect((await sessionView(l.callSessionId)).eventsSeen).toBe(1);
  });

  it('while acknowledging is slow, a new inbound call is refused with 503 and nothing stored; events of calls in progress are taken', async () => {
    const { shedder } = await import('../../worker/telnyx/webhook');
    const fresh = leg();
    const initiated = webhook.initiated(crypto.randomUUID(), iso(), fresh, 'incoming');
    const inProgress = hangupBody();
    const dialled = leg();
    const outgoing = webhook.initiated(crypto.randomUUID(), iso(), dialled, 'outgoing');
    shedder.refuseNewUntil = Date.now() + 60_000;
    try {
      const refused = await postWebhook(initiated);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect((await sessionView(fresh.callSessionId)).eventsSeen).toBe(0);
      expect((await postWebhook(inProgress.body)).status).toBe(200);
      expect((await sessionView(inProgress.l.callSessionId)).eventsSeen).toBe(1);
      // A leg we dialled is part of a call in progress, not a new call.
      expect((await postWebhook(outgoing)).status).toBe(200);
      expect((await sessionView(dialled.callSessionId)).eventsSeen).toBe(1);
    } finally {
      shedder.refuseNewUntil = 0;
    }
    // The carrier offers the call again: now it is taken.
    expect((await postWebhook(initiated)).status).toBe(200);
    expect((await sessionView(fresh.callSessionId)).eventsSeen).toBe(1);
  });

  it('refuses new calls while acknowledging is slow on average, for its cool-down, and takes them again after', async () => {
    const { LoadShedder } = await import('../../worker/telnyx/webhook');
    const s = new LoadShedder(10, 1_000, 500);
    const now = 1_000_000;
    // Quick acknowledgements: new calls taken.
    for (let i = 0; i < 50; i++) {
      expect(s.admit()).toBe(true);
      s.done(5, now);
    }
    expect(s.takesNewCalls(now)).toBe(true);
    // Acknowledging takes 3 s: within a few, the average passes 1 s and new calls are refused.
    let slow = 0;
    while (s.takesNewCalls(now)) {
      expect(s.admit()).toBe(true); // events of calls in progress are still admitted
      s.done(3_000, now);
      slow++;
    }
    expect(slow).toBeGreaterThan(3);
    expect(slow).toBeLessThan(40);
    // Quick answers bring the average down; new calls come back once the cool-down has passed.
    for (let i = 0; i < 60; i++) {
      s.admit();
      s.done(5, now);
    }
    expect(s.ackMs).toBeLessThan(1_000);
    expect(s.takesNewCalls(now + 100)).toBe(false);
    expect(s.takesNewCalls(now + 10_000)).toBe(true);
    // The hard limit refuses anything past it, whatever the average.
    for (let i = 0; i < 10; i++) expect(s.admit()).toBe(true);
    expect(s.admit()).toBe(false);
  });
});
