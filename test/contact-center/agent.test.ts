// Agent presence (pure): validated transitions, the policy after login and after a call, the ACW
// limit, missed offers, forced changes, wrap-up saving, and one history row per change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGENT_LEASE_GRACE_MS,
  PRESENCE_STATES,
  initialAgentState,
  reduceAgent,
  type AgentConfig,
  type AgentEffect,
  type AgentInput,
  type AgentState,
} from '../../worker/contact-center/agent';

const config: AgentConfig = {
  org: { afterLogin: 'ready', afterCall: 'acw', acwLimitSeconds: null },
  queues: { q_fast: { afterCall: 'ready' }, q_timed: { acwLimitSeconds: 30 } },
};

/** Runs inputs in order at the given instants; returns the final state and every step. */
function run(inputs: [number, AgentInput][], start: AgentState = initialAgentState('usr_a', config)) {
  let state = start;
  const steps = [];
  for (const [now, input] of inputs) {
    const step = reduceAgent(state, input, now);
    steps.push(step);
    state = step.state;
  }
  return { state, steps, last: steps[steps.length - 1]! };
}

const kinds = (effects: AgentEffect[]) => effects.map((e) => e.kind);
const offer = (offerId: string, leaseUntil: number, queueId: string | null = 'q_main'): AgentInput => ({
  kind: 'offer',
  offerId,
  offerSeq: Number(offerId.replace(/\D/g, '')) || 1,
  queueId,
  callSessionId: `call_${offerId}`,
  callbackId: null,
  leaseUntil,
});

describe('login and manual changes (C2)', () => {
  it('login enters the org state after login and writes the first history row', () => {
    const { state, last } = run([[1000, { kind: 'login' }]]);
    expect(state.state).toBe('ready');
    expect(state.since).toBe(1000);
    expect(state.idleSince).toBe(1000);
    const history = last.effects.find((e) => e.kind === 'history');
    expect(history).toMatchObject({ state: 'ready', startedAt: 1000, reason: 'login', closes: null });
    expect(last.effects.find((e) => e.kind === 'presence')).toMatchObject({ state: 'ready', available: true, idleSince: 1000 });
  });

  it('the default policy logs in on break', () => {
    expect(reduceAgent(initialAgentState('usr_b'), { kind: 'login' }, 5).state.state).toBe('break');
  });

  it('the agent switches ready, break and ACW; a second login changes nothing', () => {
    const { state, steps } = run([
      [1000, { kind: 'login' }],
      [2000, { kind: 'set_state', state: 'break' }],
      [3000, { kind: 'set_state', state: 'acw' }],
      [4000, { kind: 'login' }],
    ]);
    expect(state.state).toBe('acw');
    expect(state.since).toBe(3000);
    expect(steps[3]!.effects).toEqual([]);
  });

  it('no manual change while offline, ringing or on a call; the error changes nothing', () => {
    const offline = initialAgentState('usr_a', config);
    const r0 = reduceAgent(offline, { kind: 'set_state', state: 'ready' }, 1);
    expect(r0.error).toEqual({ code: 'offline' });
    expect(r0.state).toBe(offline);

    const ringing = run([
      [1000, { kind: 'login' }],
      [1500, offer('o1', 21_500)],
    ]).state;
    const r1 = reduceAgent(ringing, { kind: 'set_state', state: 'break' }, 2000);
    expect(r1.error).toEqual({ code: 'ringing' });
    expect(r1.state).toBe(ringing);
    expect(r1.effects).toEqual([]);
    expect(reduceAgent(ringing, { kind: 'logout' }, 2000).error).toEqual({ code: 'ringing' });

    const onCall = reduceAgent(ringing, { kind: 'offer_answered', offerId: 'o1', callSessionId: 'call_o1' }, 3000).state;
    expect(onCall.state).toBe('on_call');
    expect(reduceAgent(onCall, { kind: 'set_state', state: 'ready' }, 4000).error).toEqual({ code: 'on_call' });
    expect(reduceAgent(onCall, { kind: 'logout' }, 4000).error).toEqual({ code: 'on_call' });
  });

  it('rejects states an agent cannot choose', () => {
    const s = run([[1, { kind: 'login' }]]).state;
    expect(reduceAgent(s, { kind: 'set_state', state: 'on_call' as never }, 2).error).toEqual({ code: 'invalid_state' });
    expect(reduceAgent(s, { kind: 'force_state', state: 'ringing' as never, by: 'sup', reason: 'x' }, 2).error).toEqual({ code: 'invalid_state' });
  });
});

describe('offers', () => {
  it('only a ready agent without an offer rings; others refuse so the queue tries someone else', () => {
    const onBreak = run([
      [1, { kind: 'login' }],
      [2, { kind: 'set_state', state: 'break' }],
    ]).state;
    const refused = reduceAgent(onBreak, offer('o1', 20_000), 10);
    expect(refused.state.state).toBe('break');
    // Refused, and the queue hears again where the agent stands, having seen this offer.
    expect(refused.effects).toMatchObject([
      { kind: 'offer_refused', offerId: 'o1', queueId: 'q_main', reason: 'not_ready' },
      { kind: 'presence', state: 'break', available: false, seenOfferSeq: { q_main: 1 } },
    ]);

    const ringing = run([
      [1, { kind: 'login' }],
      [10, offer('o1', 20_000)],
      [11, offer('o2', 20_000, 'q_other')],
    ]);
    expect(ringing.state.offer?.offerId).toBe('o1');
    expect(ringing.last.effects).toMatchObject([
      { kind: 'offer_refused', offerId: 'o2', queueId: 'q_other', reason: 'not_ready' },
      { kind: 'presence', state: 'ringing', available: false },
    ]);
  });

  it('an offer whose lease already ended is refused as expired', () => {
    const { last } = run([
      [1, { kind: 'login' }],
      [5000, offer('o1', 5000)],
    ]);
    expect(last.effects).toMatchObject([{ kind: 'offer_refused', reason: 'expired' }]);
  });

  it('ringing arms the agent lease just after the queue lease; ringing out sets break "missed_offer"', () => {
    const { state, steps } = run([
      [1000, { kind: 'login' }],
      [2000, offer('o1', 22_000)],
    ]);
    expect(state.state).toBe('ringing');
    expect(steps[1]!.timers).toEqual([{ name: 'lease', at: 22_000 + AGENT_LEASE_GRACE_MS }]);
    const early = reduceAgent(state, { kind: 'timer', name: 'lease' }, 22_000);
    expect(early.state.state).toBe('ringing');
    const late = reduceAgent(state, { kind: 'timer', name: 'lease' }, 22_000 + AGENT_LEASE_GRACE_MS);
    expect(late.state.state).toBe('break');
    expect(late.state.reason).toBe('missed_offer');
    expect(late.state.missedOffers).toBe(1);
    expect(kinds(late.effects)).toEqual(['offer_released', 'history', 'presence']);
    expect(late.effects[0]).toMatchObject({ offerId: 'o1', queueId: 'q_main', reason: 'missed' });
    expect(late.timers).toEqual([{ name: 'lease', at: null }]);
  });

  it('the queue saying missed also sets break; a stale missed for an old offer is ignored', () => {
    const ringing = run([
      [1000, { kind: 'login' }],
      [2000, offer('o1', 22_000)],
    ]).state;
    expect(reduceAgent(ringing, { kind: 'offer_missed', offerId: 'old' }, 22_000).state).toEqual(ringing);
    const missed = reduceAgent(ringing, { kind: 'offer_missed', offerId: 'o1' }, 22_000);
    expect(missed.state).toMatchObject({ state: 'break', reason: 'missed_offer', offer: null });
    expect(kinds(missed.effects)).toEqual(['history', 'presence']);
    const declined = reduceAgent(ringing, { kind: 'offer_declined', offerId: 'o1' }, 3000);
    expect(declined.state).toMatchObject({ state: 'break', reason: 'declined_offer', missedOffers: 0 });
  });

  it('a cancelled offer returns to ready with the idle time it had, so longest-idle stays fair', () => {
    const { state } = run([
      [1000, { kind: 'login' }],
      [5000, offer('o1', 25_000)],
      [6000, { kind: 'offer_cancelled', offerId: 'o1' }],
    ]);
    expect(state).toMatchObject({ state: 'ready', since: 6000, idleSince: 1000, reason: 'offer_cancelled' });
  });
});

describe('calls and after-call work (C2, C7)', () => {
  const answered = (queueId: string) =>
    run([
      [1000, { kind: 'login' }],
      [2000, offer('o1', 22_000, queueId)],
      [3000, { kind: 'offer_answered', offerId: 'o1', callSessionId: 'call_o1' }],
    ]).state;

  it('after a call: the org state (ACW), no limit', () => {
    const end = reduceAgent(answered('q_main'), { kind: 'call_ended', callSessionId: 'call_o1' }, 63_000);
    expect(end.state).toMatchObject({ state: 'acw', reason: 'after_call', acwUntil: null, acwOfCall: 'call_o1' });
    expect(end.timers).toEqual([]);
    const ready = reduceAgent(end.state, { kind: 'set_state', state: 'ready' }, 83_000);
    expect(ready.effects.find((e) => e.kind === 'call_wrapped')).toMatchObject({ callSessionId: 'call_o1', acwMs: 20_000 });
  });

  it("after a call: the queue's override (ready) reports no ACW", () => {
    const end = reduceAgent(answered('q_fast'), { kind: 'call_ended', callSessionId: 'call_o1' }, 63_000);
    expect(end.state.state).toBe('ready');
    expect(end.state.idleSince).toBe(63_000);
    expect(end.effects.find((e) => e.kind === 'call_wrapped')).toMatchObject({ callSessionId: 'call_o1', acwMs: 0 });
  });

  it("the queue's ACW limit returns the agent to ready by timer", () => {
    const end = reduceAgent(answered('q_timed'), { kind: 'call_ended', callSessionId: 'call_o1' }, 63_000);
    expect(end.state.state).toBe('acw');
    expect(end.timers).toEqual([{ name: 'acw', at: 93_000 }]);
    expect(reduceAgent(end.state, { kind: 'timer', name: 'acw' }, 92_999).state.state).toBe('acw');
    const back = reduceAgent(end.state, { kind: 'timer', name: 'acw' }, 93_000);
    expect(back.state).toMatchObject({ state: 'ready', reason: 'acw_limit' });
    expect(back.effects.find((e) => e.kind === 'call_wrapped')).toMatchObject({ acwMs: 30_000 });
    expect(back.timers).toEqual([{ name: 'acw', at: null }]);
  });

  it('a call_ended for another call or twice changes nothing', () => {
    const onCall = answered('q_main');
    expect(reduceAgent(onCall, { kind: 'call_ended', callSessionId: 'other' }, 5000).state).toEqual(onCall);
    const end = reduceAgent(onCall, { kind: 'call_ended', callSessionId: 'call_o1' }, 5000).state;
    expect(reduceAgent(end, { kind: 'call_ended', callSessionId: 'call_o1' }, 6000).effects).toEqual([]);
  });

  it('an outbound call (C6) puts a ready or resting agent on call, not a ringing one', () => {
    const ready = run([[1, { kind: 'login' }]]).state;
    const out = reduceAgent(ready, { kind: 'call_started', callSessionId: 'out1', direction: 'outbound', queueId: null }, 2);
    expect(out.state).toMatchObject({ state: 'on_call', call: { callSessionId: 'out1', direction: 'outbound' } });
    const ringing = reduceAgent(ready, offer('o1', 20_000), 2).state;
    expect(reduceAgent(ringing, { kind: 'call_started', callSessionId: 'out1', direction: 'outbound', queueId: null }, 3).error).toEqual({ code: 'ringing' });
  });

  it('a late but real answer still puts the agent on the call', () => {
    const missed = run([
      [1000, { kind: 'login' }],
      [2000, offer('o1', 22_000)],
      [24_000, { kind: 'timer', name: 'lease' }],
    ]).state;
    expect(missed.state).toBe('break');
    const late = reduceAgent(missed, { kind: 'offer_answered', offerId: 'o1', callSessionId: 'call_o1' }, 24_100);
    expect(late.state.state).toBe('on_call');
  });

  it('the wrap-up form is saved with the next state change; notes up to 1024 characters', () => {
    const acw = reduceAgent(answered('q_main'), { kind: 'call_ended', callSessionId: 'call_o1' }, 63_000).state;
    const notes = '가'.repeat(1024);
    const saved = reduceAgent(acw, { kind: 'set_state', state: 'break', wrapUp: { categoryId: 'cat_1', notes } }, 70_000);
    expect(saved.effects[0]).toMatchObject({ kind: 'save_wrap_up', callSessionId: 'call_o1', categoryId: 'cat_1', notes });
    expect(saved.state.state).toBe('break');
    const tooLong = reduceAgent(acw, { kind: 'set_state', state: 'ready', wrapUp: { categoryId: null, notes: notes + '나' } }, 70_000);
    expect(tooLong.error).toEqual({ code: 'notes_too_long' });
    expect(tooLong.state).toBe(acw);
    // 1024 emoji are 2048 UTF-16 units but 1024 characters.
    expect(reduceAgent(acw, { kind: 'set_state', state: 'ready', wrapUp: { categoryId: null, notes: '📞'.repeat(1024) } }, 70_000).error).toBeUndefined();
    const fresh = run([[1, { kind: 'login' }]]).state;
    expect(reduceAgent(fresh, { kind: 'set_state', state: 'ready', wrapUp: { categoryId: null, notes: 'x' } }, 2).error).toEqual({ code: 'no_call' });
  });
});

describe('supervisor (C11)', () => {
  it('forces a state with a reason, recorded in history with who did it', () => {
    const s = run([[1, { kind: 'login' }]]).state;
    expect(reduceAgent(s, { kind: 'force_state', state: 'break', by: 'usr_sup', reason: '  ' }, 2).error).toEqual({ code: 'reason_required' });
    const forced = reduceAgent(s, { kind: 'force_state', state: 'break', by: 'usr_sup', reason: '교육' }, 2);
    expect(forced.state).toMatchObject({ state: 'break', reason: 'forced' });
    expect(forced.effects.find((e) => e.kind === 'history')).toMatchObject({ changedBy: 'usr_sup', note: '교육', reason: 'forced' });
  });

  it('may force a ringing agent (the offer is released) or clear a stuck call', () => {
    const ringing = run([
      [1, { kind: 'login' }],
      [2, offer('o1', 20_000)],
    ]).state;
    const forced = reduceAgent(ringing, { kind: 'force_state', state: 'offline', by: 'usr_sup', reason: '퇴근' }, 3);
    expect(forced.state).toMatchObject({ state: 'offline', offer: null });
    expect(forced.effects[0]).toMatchObject({ kind: 'offer_released', offerId: 'o1', reason: 'forced' });

    const onCall = reduceAgent(ringing, { kind: 'offer_answered', offerId: 'o1', callSessionId: 'call_o1' }, 4).state;
    const cleared = reduceAgent(onCall, { kind: 'force_state', state: 'ready', by: 'usr_sup', reason: '끊긴 통화' }, 5);
    expect(cleared.state).toMatchObject({ state: 'ready', call: null, lastCall: { callSessionId: 'call_o1', endedAt: 5 } });
  });
});

describe('any sequence of inputs (property)', () => {
  const inputArb: fc.Arbitrary<AgentInput> = fc.oneof(
    fc.constant<AgentInput>({ kind: 'login' }),
    fc.constant<AgentInput>({ kind: 'logout' }),
    fc.constantFrom('ready', 'break', 'acw').map((state) => ({ kind: 'set_state', state }) as AgentInput),
    fc
      .record({ state: fc.constantFrom('offline', 'ready', 'break', 'acw'), reason: fc.constantFrom('', '교육') })
      .map(({ state, reason }) => ({ kind: 'force_state', state, by: 'sup', reason }) as AgentInput),
    fc.record({ o: fc.constantFrom('o1', 'o2'), q: fc.constantFrom('q_main', 'q_fast', 'q_timed') }).map(({ o, q }) => offer(o, 0, q)),
    fc.constantFrom('o1', 'o2').map((offerId) => ({ kind: 'offer_cancelled', offerId }) as AgentInput),
    fc.constantFrom('o1', 'o2').map((offerId) => ({ kind: 'offer_missed', offerId }) as AgentInput),
    fc.constantFrom('o1', 'o2').map((offerId) => ({ kind: 'offer_declined', offerId }) as AgentInput),
    fc.constantFrom('o1', 'o2').map((offerId) => ({ kind: 'offer_answered', offerId, callSessionId: `call_${offerId}` }) as AgentInput),
    fc.constant<AgentInput>({ kind: 'call_started', callSessionId: 'out', direction: 'outbound', queueId: null }),
    fc.constantFrom('call_o1', 'call_o2', 'out').map((callSessionId) => ({ kind: 'call_ended', callSessionId }) as AgentInput),
    fc.constantFrom('lease', 'acw').map((name) => ({ kind: 'timer', name }) as AgentInput),
  );

  it('keeps its invariants, its history chain and its timers consistent', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(inputArb, fc.integer({ min: 0, max: 40_000 })), { maxLength: 60 }), (script) => {
        let state = initialAgentState('usr_a', config);
        let now = 1_000;
        const timers = new Map<string, number>();
        let open: string | null = null;
        for (const [raw, dt] of script) {
          now += dt;
          const input = raw.kind === 'offer' ? { ...raw, leaseUntil: now + 20_000 } : raw;
          const frozen = JSON.stringify(state);
          const step = reduceAgent(state, input, now);
          expect(JSON.stringify(state)).toBe(frozen); // pure: the old state is untouched
          if (step.error) {
            expect(step.state).toBe(state);
            expect(step.effects).toEqual([]);
          }
          const history = step.effects.filter((e) => e.kind === 'history');
          const changed = step.state.state !== state.state || step.state.since !== state.since || (input.kind === 'force_state' && !step.error);
          expect(history.length).toBe(changed ? 1 : 0);
          for (const h of history) {
            expect(h.closes).toBe(open);
            expect(h.startedAt).toBe(now);
            open = h.entryId;
          }
          for (const t of step.timers) t.at === null ? timers.delete(t.name) : timers.set(t.name, t.at);
          state = step.state;
          expect(PRESENCE_STATES).toContain(state.state);
          expect(state.state === 'ringing').toBe(state.offer !== null);
          expect(state.state === 'on_call').toBe(state.call !== null);
          expect(state.state === 'ready' || state.state === 'ringing').toBe(state.idleSince !== null);
          expect(timers.get('lease') ?? null).toBe(state.state === 'ringing' ? state.offer!.leaseUntil + AGENT_LEASE_GRACE_MS : null);
          expect(timers.get('acw') ?? null).toBe(state.state === 'acw' ? state.acwUntil : null);
          const keys = step.effects.map((e) => e.key);
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
