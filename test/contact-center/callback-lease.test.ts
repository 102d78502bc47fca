// A callback offer's lease (issue 19): the Queue offers a callback request to an agent for
// ringTimeoutSeconds and refuses an answer that reaches it after; the agent's phone therefore rings
// only within what is left of that lease when the call starts (worker/calls/offer-ring.ts), and an
// offer that arrives with too little left is not rung at all: it ends as not taken, the agent ready,
// the request in line. Through the simulator (signed webhooks) and, for the late start, the reducer.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { offerSessionId } from '../../durable-objects/queue/state';
import { outboundFlow, type OutboundParams } from '../../worker/calls/outbound/agent';
import { OFFER_ANSWER_MARGIN_MS, offerRingSecs } from '../../worker/calls/offer-ring';
import type { CallEvent } from '../../worker/calls/vocabulary';
import { globalDb } from '../../worker/db/client';
import { callbacks } from '../../worker/db/schema';
import { callerDoes, placeCall, sessionView, sim, waitForSession, type SimView } from '../fixtures/calls';
import { contactCenter, phone, recordOf, until, view } from '../fixtures/contact-center-live';
import { login } from '../fixtures/orgs';

const T0 = Date.parse('2026-12-02T11:00:00+09:00');

describe('a callback offer rings the agent only within its lease', () => {
  it('the agent’s phone stops ringing before the Queue’s lease ends (8 s ring), and the request stays in line', async () => {
    // 8 s, not the carrier's 5 s minimum: on a loaded machine the call may start over 1.5 s after the offer
    // and would then rightly not ring at all (the reducer tests below hold that case).
    const cc = await contactCenter({ agents: 1, ringTimeoutSeconds: 8 });
    const [a] = cc.agents as [(typeof cc.agents)[number]];
    const client = await login(cc.org.name, a.loginId);
    expect((await client.fetch('/api/cc/me/login', { method: 'POST', json: {} })).status).toBe(200);
    expect((await client.fetch('/api/cc/me/state', { method: 'POST', json: { state: 'break' } })).status).toBe(200);
    // The request: the caller waits, presses 1, and the call ends.
    const from = '+821077712345';
    const sessionId = await placeCall({ to: cc.e164, from, timeScale: 0.02 });
    await waitForSession(sessionId, (v) => v.state?.phase === 'waiting' && (v.state as { joinedAt: number | null }).joinedAt !== null, 20_000);
    await callerDoes(sessionId, 'dtmf', '1');
    const request = await until('callback stored', async () => globalDb(env).select().from(callbacks).where(eq(callbacks.number, from)).get());
    // The agent's phone never answers; going ready makes the Queue offer the request.
    await phone(a, { answer: 'manual' });
    expect((await client.fetch('/api/cc/me/state', { method: 'POST', json: { state: 'ready' } })).status).toBe(200);
    const offerId = await until('offered', async () => (await view(a))?.offer?.offerId ?? null);
    const backId = offerSessionId(offerId);
    const started = await waitForSession(backId, (v) => v.commands.some((c) => c.key === 'dial:agent'));
    const st = started.state as unknown as { startedAt: number; p: OutboundParams };
    const leaseUntil = st.p.leaseUntil as number;
    // The flow's own deadline for the agent's leg agrees: the ring it asked for (whole seconds within
    // the lease, less the margin) plus its grace, never the lease's end plus grace or later.
    const ring = started.timers.find((t) => t.name === 'ring');
    expect(ring, 'the flow set its ring timer').toBeDefined();
    expect(ring!.at - 10_000).toBeLessThanOrEqual(leaseUntil - OFFER_ANSWER_MARGIN_MS);
    expect(ring!.at - 10_000 - st.startedAt).toBe(1000 * offerRingSecs(leaseUntil, st.startedAt)!);
    // The carrier rang the agent's leg out (its timeout) before the lease ended.
    const carrier = await until(
      'agent leg rung out',
      async () =>
        // The leg ended and its call.hangup delivered (the log is written as the webhook goes out).
        (await sim<{ sessions: SimView[] }>('/api/sessions')).sessions.find((s) =>
          s.legs.some(
            (l) => l.to === a.mobile && l.state === 'ended' && s.log.some((e) => e.kind === 'webhook' && e.name === 'call.hangup' && e.leg === l.callControlId),
          ),
        ) ?? null,
      20_000,
    );
    const leg = carrier.legs.find((l) => l.to === a.mobile)!;
    const hangup = carrier.log.find((e) => e.kind === 'webhook' && e.name === 'call.hangup' && e.leg === leg.callControlId);
    expect(hangup, 'the carrier hung the agent leg up (call.hangup)').toBeDefined();
    expect(hangup!.at).toBeLessThanOrEqual(leaseUntil);
    expect(carrier.log.some((e) => e.kind === 'webhook' && e.name === 'call.answered')).toBe(false);
    // No record for an offer not taken; the request is still to be worked.
    const back = await waitForSession(backId, (v) => v.state?.finished === true, 20_000);
    expect(back.state?.outcome).toBe('agent_missed');
    expect(await recordOf(backId)).toBeNull();
    expect((await globalDb(env).select().from(callbacks).where(eq(callbacks.id, request.id)).get())?.status).toBe('pending');
  });
});

describe('an offer that reaches the call with too little lease left (the reducer)', () => {
  const params = (leaseUntil: number): OutboundParams => ({
    mode: 'callback_offer',
    orgId: 'org_1',
    agentUserId: 'usr_a',
    agentMobile: '+821012345678',
    customer: '+821077712345',
    serviceNumber: '+8215880000',
    queueId: 'que_1',
    queueName: '민원상담',
    callbackId: 'cb_1',
    offerId: 'que_1:abc',
    leaseUntil,
    queuedAt: T0 - 60_000,
    recording: false,
  });
  const start = (leaseUntil: number) => outboundFlow.start({ kind: 'outbound', sessionId: 'cbo-x', params: params(leaseUntil) }, T0);

  it('is not dialled: the agent goes back to ready, the Queue hears the offer came late, nothing is recorded', () => {
    const step = start(T0 + 5_400);
    expect(step.commands).toEqual([]);
    expect(step.effects).toEqual([
      { key: 'offer:late:agent', kind: 'agent', orgId: 'org_1', userId: 'usr_a', input: { kind: 'offer_cancelled', offerId: 'que_1:abc' } },
      { key: 'offer:late:queue', kind: 'queue', op: 'late', orgId: 'org_1', queueId: 'que_1', offerId: 'que_1:abc' },
    ]);
    expect(outboundFlow.status(step.state)).toMatchObject({ finished: true, recorded: true, phase: 'done' });
    // The Queue's own cancellation arriving afterwards changes nothing.
    const after = outboundFlow.reduce(
      step.state,
      { kind: 'signal', id: 'q:1', name: 'offer_cancelled', value: { offerId: 'que_1:abc', reason: 'declined' } },
      T0 + 50,
    );
    expect(after.commands).toEqual([]);
    expect(outboundFlow.status(after.state)).toMatchObject({ finished: true, phase: 'done' });
  });

  it('rings whole seconds within the lease, rounded down, and its ring timer agrees', () => {
    for (const [left, secs] of [
      [21_500, 21],
      [20_000, 19],
      [19_499, 18],
      [5_500, 5],
      [5_499, null],
      [3_000, null],
      [0, null],
      [-2_000, null],
    ] as const) {
      expect(offerRingSecs(T0 + left, T0)).toBe(secs);
      const step = start(T0 + left);
      const dial = step.commands.find((c) => c.action === 'dial');
      if (secs === null) expect(dial).toBeUndefined();
      else {
        expect(dial).toMatchObject({ key: 'dial:agent', timeoutSecs: secs });
        expect(step.timers.find((t) => t.name === 'ring')?.at).toBe(T0 + secs * 1000 + 10_000);
      }
    }
  });

  it('an answer the Queue accepted after the agent had put the phone down puts the request back in line', () => {
    const ev = (id: string, type: 'answered' | 'hangup', at: number): CallEvent => ({
      id,
      type,
      at,
      callControlId: 'v3:agent',
      callLegId: 'leg-agent',
      carrierSessionId: 'cs-1',
      role: 'agent',
      from: '+8215880000',
      to: '+821012345678',
      direction: 'outgoing',
      hangupCause: type === 'hangup' ? 'normal_clearing' : null,
      hangupSource: type === 'hangup' ? 'callee' : null,
      status: null,
      digit: null,
      digits: null,
      recording: null,
    });
    let st = start(T0 + 21_500).state;
    st = outboundFlow.reduce(st, { kind: 'event', event: ev('e1', 'answered', T0 + 100) }, T0 + 100).state;
    expect(outboundFlow.status(st).phase).toBe('confirming');
    st = outboundFlow.reduce(st, { kind: 'event', event: ev('e2', 'hangup', T0 + 1_600) }, T0 + 1_600).state;
    const late = outboundFlow.reduce(
      st,
      { kind: 'signal', id: 'q:2', name: 'answer_accepted', value: { offerId: 'que_1:abc', agentUserId: 'usr_a', waitMs: 1 } },
      T0 + 1_700,
    );
    expect(late.commands.filter((c) => c.action === 'dial')).toEqual([]);
    expect(late.effects).toEqual([
      { key: 'agent:late_accept', kind: 'agent', orgId: 'org_1', userId: 'usr_a', input: { kind: 'offer_cancelled', offerId: 'que_1:abc' } },
      { key: 'queue:readd:late_accept', kind: 'queue', op: 'readd', orgId: 'org_1', queueId: 'que_1', callbackId: 'cb_1', queuedAt: T0 - 60_000 },
    ]);
    // Told twice (a redelivered signal): put back once.
    const again = outboundFlow.reduce(
      late.state,
      { kind: 'signal', id: 'q:2', name: 'answer_accepted', value: { offerId: 'que_1:abc', agentUserId: 'usr_a', waitMs: 1 } },
      T0 + 1_800,
    );
    expect(again.effects).toEqual([]);
  });
});
