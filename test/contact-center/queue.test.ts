// Queue distribution (pure): line order, strategies, leases, tiers, overflow, callbacks that keep
// their place, announcements, today's counters.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUEUE_CONFIG,
  initialQueueState,
  queueTimers,
  reduceQueue,
  type QueueConfig,
  type QueueEffect,
  type QueueInput,
  type QueueState,
} from '../../worker/contact-center/queue';
import type { PresenceState } from '../../worker/contact-center/agent';
import { positionOf, queueView, readyAgents } from '../../worker/contact-center/queue-view';
import { OFFER_LEASE_SLACK_MS } from '../../worker/calls/offer-ring';

const T0 = Date.parse('2025-03-05T01:00:00Z'); // 10:00 KST

function queue(overrides: Partial<QueueConfig> = {}, members: { userId: string; level?: number }[] = []) {
  const config: QueueConfig = { ...DEFAULT_QUEUE_CONFIG, queueId: 'q1', announceIntervalSeconds: 0, ...overrides };
  const q = new Harness(initialQueueState(config, T0));
  q.send({ kind: 'configure', config, members: members.map((m) => ({ userId: m.userId, level: m.level ?? 1 })) }, T0);
  return q;
}

/** Feeds inputs, keeps the effects and a host-like timer table. */
class Harness {
  effects: QueueEffect[] = [];
  timers = new Map<string, number>();
  constructor(public state: QueueState) {}
  send(input: QueueInput, now: number) {
    const step = reduceQueue(this.state, input, now);
    if (step.error) throw new Error(`refused: ${step.error.code}`);
    this.state = step.state;
    this.effects.push(...step.effects);
    for (const t of step.timers) t.at === null ? this.timers.delete(t.name) : this.timers.set(t.name, t.at);
    expect(this.timers).toEqual(queueTimers(this.state));
    return step;
  }
  /** A report from an agent who has seen every offer this queue made to them. */
  ready(userId: string, now: number, idleSince = now) {
    return this.send({ kind: 'agent_ready', userId, since: now, idleSince, seenOfferSeq: this.seen(userId) }, now);
  }
  away(userId: string, presence: Exclude<PresenceState, 'ready'>, since: number, now: number) {
    return this.send({ kind: 'agent_unavailable', userId, presence, since, seenOfferSeq: this.seen(userId) }, now);
  }
  seen(userId: string) {
    return this.state.members[userId]?.lastOfferSeq ?? 0;
  }
  of<K extends QueueEffect['kind']>(kind: K): Extract<QueueEffect, { kind: K }>[] {
    return this.effects.filter((e): e is Extract<QueueEffect, { kind: K }> => e.kind === kind);
  }
  take() {
    const e = this.effects;
    this.effects = [];
    return e;
  }
  offerFor(agent: string) {
    return Object.values(this.state.offers).find((o) => o.agentUserId === agent);
  }
}

describe('distribution (C3)', () => {
  it('3 agents and 10 callers: each agent gets one call at a time, callers are served in arrival order, longest idle first', () => {
    const q = queue({}, [{ userId: 'a' }, { userId: 'b' }, { userId: 'c' }]);
    // b idle longest, then c, then a.
    q.ready('a', T0 + 300, T0 + 300);
    q.ready('b', T0 + 100, T0 + 100);
    q.ready('c', T0 + 200, T0 + 200);
    let now = T0 + 1000;
    for (let i = 0; i < 10; i++) q.send({ kind: 'caller_joined', callSessionId: `c${i}` }, now++);
    const first = q.of('offer');
    expect(first.map((o) => [o.callSessionId, o.agentUserId])).toEqual([
      ['c0', 'b'],
      ['c1', 'c'],
      ['c2', 'a'],
    ]);
    const served: string[] = [];
    // Agents answer, talk, and come back ready; the queue hands out the rest in order.
    for (let round = 0; round < 10 && q.state.waiting.length + Object.keys(q.state.offers).length > 0; round++) {
      for (const o of Object.values(q.state.offers)) {
        q.send({ kind: 'offer_answered', offerId: o.offerId }, now++);
        served.push(o.entryId);
      }
      for (const agent of ['a', 'b', 'c']) {
        if (!q.offerFor(agent)) {
          q.away(agent, 'acw', now, now++);
          q.ready(agent, now++);
        }
      }
    }
    expect(served).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    const offers = q.of('offer');
    expect(new Set(offers.map((o) => o.callSessionId)).size).toBe(offers.length); // no call offered twice
    expect(q.state.today).toMatchObject({ inbound: 10, answered: 10, abandoned: 0 });
  });

  it('ring timeout: the lease ends by itself, the agent is assumed on break and the next agent is tried', () => {
    const q = queue({ ringTimeoutSeconds: 20 }, [{ userId: 'a' }, { userId: 'b' }]);
    q.ready('a', T0 + 1);
    q.ready('b', T0 + 2);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 10);
    const [offer] = q.of('offer');
    // The ring timeout plus the slack for the answer's way back (worker/calls/offer-ring.ts).
    expect(offer).toMatchObject({ agentUserId: 'a', leaseUntil: T0 + 10 + 20_000 + OFFER_LEASE_SLACK_MS });
    expect(q.timers.get(`lease:${offer!.offerId}`)).toBe(T0 + 20_010 + OFFER_LEASE_SLACK_MS);
    q.take();
    q.send({ kind: 'timer', name: `lease:${offer!.offerId}` }, T0 + 20_010 + OFFER_LEASE_SLACK_MS);
    const effects = q.take();
    expect(effects[0]).toMatchObject({ kind: 'cancel_offer', offerId: offer!.offerId, agentUserId: 'a', reason: 'expired', callSessionId: 'c1' });
    expect(effects[1]).toMatchObject({ kind: 'offer', agentUserId: 'b', callSessionId: 'c1' });
    expect(q.state.members.a!.presence).toBe('break');
    // The expired offer cannot be answered any more.
    q.send({ kind: 'offer_answered', offerId: offer!.offerId }, T0 + 20_011 + OFFER_LEASE_SLACK_MS);
    expect(q.take()).toMatchObject([{ kind: 'answer_refused', offerId: offer!.offerId }]);
  });

  it('a late alarm changes nothing but timing: any input settles expired leases first', () => {
    const q = queue({ ringTimeoutSeconds: 20 }, [{ userId: 'a' }]);
    q.ready('a', T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0);
    const [offer] = q.of('offer');
    q.send({ kind: 'offer_answered', offerId: offer!.offerId }, T0 + 20_000 + OFFER_LEASE_SLACK_MS);
    expect(q.of('answer_refused')).toHaveLength(1);
    expect(q.of('cancel_offer')[0]).toMatchObject({ reason: 'expired' });
  });

  it('a declined or refused offer goes to the next agent; the caller keeps its place', () => {
    const q = queue({}, [{ userId: 'a' }, { userId: 'b' }]);
    q.ready('a', T0);
    q.ready('b', T0 + 5);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 10);
    q.send({ kind: 'caller_joined', callSessionId: 'c2' }, T0 + 11);
    const toA = q.offerFor('a')!;
    expect(toA.entryId).toBe('c1');
    q.take();
    // a is busy with another queue's offer: refused without penalty beyond "not ready".
    q.send({ kind: 'offer_declined', offerId: toA.offerId, reason: 'not_ready' }, T0 + 12);
    expect(q.state.members.a!.presence).toBe('ringing');
    expect(q.state.waiting.map((e) => e.id)).toEqual(['c1', 'c2']);
    // b took c2 when it arrived; c1 stays first in line for the next ready agent.
    expect(q.offerFor('b')!.entryId).toBe('c2');
    q.ready('a', T0 + 13, T0);
    expect(q.offerFor('a')!.entryId).toBe('c1');
  });

  it('a report the agent sent before it saw the offer, or an older one, is ignored; a newer one withdraws the offer', () => {
    const q = queue({}, [{ userId: 'a' }, { userId: 'b' }]);
    q.ready('a', T0 + 1);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 10);
    const offer = q.offerFor('a')!;
    // Stamped later, but sent before the offer reached the agent.
    q.send({ kind: 'agent_unavailable', userId: 'a', presence: 'break', since: T0 + 11, seenOfferSeq: 0 }, T0 + 11);
    expect(q.state.offers[offer.offerId]).toBeDefined();
    expect(q.state.members.a!.presence).toBe('ringing');
    // Older than the last report applied.
    q.away('a', 'break', T0, T0 + 12);
    expect(q.state.offers[offer.offerId]).toBeDefined();
    q.take();
    q.away('a', 'offline', T0 + 13, T0 + 13);
    expect(q.take()[0]).toMatchObject({ kind: 'cancel_offer', reason: 'agent_unavailable' });
    expect(q.state.offers).toEqual({});
  });
});

describe('strategies', () => {
  it('ring-all rings every ready agent; the first answer wins and the others stop', () => {
    const q = queue({ strategy: 'ring_all' }, [{ userId: 'a' }, { userId: 'b' }, { userId: 'c' }]);
    for (const u of ['a', 'b', 'c']) q.ready(u, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1);
    expect(q.of('offer').map((o) => o.agentUserId)).toEqual(['a', 'b', 'c']);
    q.take();
    q.send({ kind: 'offer_answered', offerId: q.offerFor('b')!.offerId }, T0 + 2);
    const effects = q.take();
    expect(effects.filter((e) => e.kind === 'cancel_offer').map((e) => [e.agentUserId, e.kind === 'cancel_offer' && e.reason])).toEqual([
      ['a', 'answered_elsewhere'],
      ['c', 'answered_elsewhere'],
    ]);
    expect(effects.find((e) => e.kind === 'answer_accepted')).toMatchObject({ agentUserId: 'b', waitMs: 1 });
    expect(q.state.members.a!.presence).toBe('ready');
    expect(q.state.members.b!.presence).toBe('on_call');
  });

  it('round-robin goes around the members', () => {
    const q = queue({ strategy: 'round_robin' }, [{ userId: 'a' }, { userId: 'b' }, { userId: 'c' }]);
    for (const u of ['c', 'b', 'a']) q.ready(u, T0);
    const picked: string[] = [];
    for (let i = 0; i < 5; i++) {
      q.send({ kind: 'caller_joined', callSessionId: `c${i}` }, T0 + 10 * i + 1);
      const o = Object.values(q.state.offers)[0]!;
      picked.push(o.agentUserId);
      q.send({ kind: 'offer_answered', offerId: o.offerId }, T0 + 10 * i + 2);
      q.ready(o.agentUserId, T0 + 10 * i + 3);
    }
    expect(picked).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('fewest-calls prefers the agent who answered the fewest today, then the longest idle', () => {
    const q = queue({ strategy: 'fewest_calls' }, [{ userId: 'a' }, { userId: 'b' }]);
    q.ready('a', T0, T0);
    q.ready('b', T0 + 1, T0 + 1);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 2);
    expect(q.offerFor('a')).toBeDefined();
    q.send({ kind: 'offer_answered', offerId: q.offerFor('a')!.offerId }, T0 + 3);
    q.ready('a', T0 + 4, T0 + 4);
    q.send({ kind: 'caller_joined', callSessionId: 'c2' }, T0 + 5);
    expect(q.offerFor('b')!.entryId).toBe('c2');
    q.send({ kind: 'offer_answered', offerId: q.offerFor('b')!.offerId }, T0 + 6);
    q.send({ kind: 'caller_joined', callSessionId: 'c3' }, T0 + 7);
    expect(q.offerFor('a')!.entryId).toBe('c3');
  });
});

describe('tiers and priority (C13)', () => {
  it('level 2 joins after tierWidenSeconds, woken by the tier timer', () => {
    const q = queue({ tierWidenSeconds: 30 }, [
      { userId: 'l1', level: 1 },
      { userId: 'l2', level: 2 },
    ]);
    q.away('l1', 'on_call', T0, T0);
    q.ready('l2', T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1000);
    expect(q.of('offer')).toEqual([]);
    expect(q.timers.get('tier')).toBe(T0 + 31_000);
    q.send({ kind: 'timer', name: 'tier' }, T0 + 31_000);
    expect(q.of('offer')).toMatchObject([{ agentUserId: 'l2', callSessionId: 'c1' }]);
    expect(q.timers.has('tier')).toBe(false);
  });

  it('with no level-1 agent logged in, level 2 is the first tier', () => {
    const q = queue({ tierWidenSeconds: 30 }, [
      { userId: 'l1', level: 1 },
      { userId: 'l2', level: 2 },
    ]);
    q.ready('l2', T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1);
    expect(q.of('offer')).toMatchObject([{ agentUserId: 'l2' }]);
  });

  it('a caller with a higher priority goes ahead of earlier callers', () => {
    const q = queue({}, [{ userId: 'a' }]);
    q.away('a', 'break', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1);
    q.send({ kind: 'caller_joined', callSessionId: 'vip', priority: 5 }, T0 + 2);
    q.send({ kind: 'caller_joined', callSessionId: 'c2' }, T0 + 3);
    expect(q.state.waiting.map((e) => e.id)).toEqual(['vip', 'c1', 'c2']);
    q.ready('a', T0 + 4);
    expect(q.offerFor('a')!.entryId).toBe('vip');
  });
});

describe('leaving the line', () => {
  it('a caller who hangs up is abandoned with the wait; a ringing offer for them stops', () => {
    const q = queue({}, [{ userId: 'a' }]);
    q.ready('a', T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1000);
    q.send({ kind: 'caller_left', callSessionId: 'c1' }, T0 + 8000);
    expect(q.of('cancel_offer')).toMatchObject([{ agentUserId: 'a', reason: 'caller_left' }]);
    expect(q.of('abandoned')).toMatchObject([{ callSessionId: 'c1', waitMs: 7000 }]);
    expect(q.state.members.a!.presence).toBe('ready');
    expect(q.state.today).toMatchObject({ inbound: 1, abandoned: 1, waitCount: 1, waitMaxMs: 7000 });
  });

  it('max wait overflows to the queue overflow; a caller whose offer is ringing overflows only if it rings out', () => {
    const q = queue({ maxWaitSeconds: 60, ringTimeoutSeconds: 20, overflow: 'voicemail' }, [{ userId: 'a' }]);
    q.away('a', 'break', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c2' }, T0 + 1);
    expect(q.timers.get('wait:c1')).toBe(T0 + 60_000);
    q.ready('a', T0 + 50_000);
    expect(q.offerFor('a')!.entryId).toBe('c1');
    q.send({ kind: 'timer', name: 'wait:c1' }, T0 + 60_000);
    expect(q.state.waiting.map((e) => e.id)).toEqual(['c1', 'c2']);
    expect(q.state.waiting[0]!.overdue).toBe(true);
    q.send({ kind: 'timer', name: 'wait:c2' }, T0 + 60_001);
    expect(q.of('overflow')).toMatchObject([{ callSessionId: 'c2', to: 'voicemail', reason: 'max_wait', waitMs: 60_000 }]);
    q.send({ kind: 'timer', name: 'lease' }, T0 + 70_000 + OFFER_LEASE_SLACK_MS);
    expect(q.of('overflow').map((o) => o.callSessionId)).toEqual(['c2', 'c1']);
    expect(q.state.waiting).toEqual([]);
    expect(q.timers.size).toBe(0);
  });

  it('an overdue caller whose ringing offer is answered is served, not overflowed', () => {
    const q = queue({ maxWaitSeconds: 60 }, [{ userId: 'a' }]);
    q.away('a', 'break', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0);
    q.ready('a', T0 + 55_000);
    q.send({ kind: 'timer', name: 'wait:c1' }, T0 + 60_000);
    q.send({ kind: 'offer_answered', offerId: q.offerFor('a')!.offerId }, T0 + 61_000);
    expect(q.of('overflow')).toEqual([]);
    expect(q.of('answer_accepted')).toMatchObject([{ callSessionId: 'c1', waitMs: 61_000 }]);
  });

  it('nobody logged in: the caller overflows at once; when the last agent logs out, the line overflows', () => {
    const empty = queue({ overflow: 'callback' }, [{ userId: 'a' }]);
    empty.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0);
    expect(empty.of('overflow')).toMatchObject([{ callSessionId: 'c1', to: 'callback', reason: 'no_agents', waitMs: 0 }]);
    expect(empty.state.waiting).toEqual([]);

    const q = queue({}, [{ userId: 'a' }]);
    q.away('a', 'break', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c2' }, T0 + 1);
    expect(q.of('overflow')).toEqual([]);
    q.away('a', 'offline', T0 + 5000, T0 + 5000);
    expect(q.of('overflow')).toMatchObject([{ callSessionId: 'c2', reason: 'no_agents', waitMs: 4999 }]);
  });
});

describe('callbacks keep their place (C4, B5)', () => {
  it('a callback request stays where the call stood and is offered before later callers', () => {
    const q = queue({}, [{ userId: 'a' }]);
    q.away('a', 'on_call', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1);
    q.send({ kind: 'caller_joined', callSessionId: 'c2' }, T0 + 2);
    q.send({ kind: 'callback_requested', callSessionId: 'c1', callbackId: 'cb1' }, T0 + 30_001);
    expect(q.of('callback_queued')).toMatchObject([{ callbackId: 'cb1', callSessionId: 'c1', queuedAt: T0 + 1, waitMs: 30_000 }]);
    q.send({ kind: 'caller_joined', callSessionId: 'c3' }, T0 + 40_000);
    expect(q.state.waiting.map((e) => [e.id, e.kind])).toEqual([
      ['cb1', 'callback'],
      ['c2', 'call'],
      ['c3', 'call'],
    ]);
    expect(q.timers.has('wait:cb1')).toBe(false);
    q.ready('a', T0 + 50_000);
    const offer = q.of('offer')[0]!;
    expect(offer).toMatchObject({ agentUserId: 'a', callbackId: 'cb1', callSessionId: 'c1', entryId: 'cb1' });
    q.send({ kind: 'offer_answered', offerId: offer.offerId }, T0 + 51_000);
    expect(q.of('answer_accepted')[0]).toMatchObject({ callbackId: 'cb1' });
    expect(q.state.today).toMatchObject({ callbacksRequested: 1, callbacksWorked: 1, answered: 0 });
  });

  it('a pending callback reloaded after a restart (or accepted at overflow) takes its original place', () => {
    const q = queue({}, [{ userId: 'a' }]);
    q.away('a', 'on_call', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 100);
    q.send({ kind: 'callback_added', callbackId: 'cb0', queuedAt: T0 + 50 }, T0 + 200);
    q.send({ kind: 'callback_added', callbackId: 'cb0', queuedAt: T0 + 50 }, T0 + 201);
    expect(q.state.waiting.map((e) => e.id)).toEqual(['cb0', 'c1']);
    q.send({ kind: 'callback_removed', callbackId: 'cb0' }, T0 + 300);
    expect(q.state.waiting.map((e) => e.id)).toEqual(['c1']);
  });

  it('a callback request for a caller not in line is refused and changes nothing', () => {
    const q = queue({}, [{ userId: 'a' }]);
    const step = reduceQueue(q.state, { kind: 'callback_requested', callSessionId: 'ghost', callbackId: 'cb' }, T0 + 1);
    expect(step.error).toEqual({ code: 'invalid_input' });
    expect(step.state).toBe(q.state);
  });
});

describe('announcements and views', () => {
  it('announces position and estimated wait on joining and at the interval, not while ringing', () => {
    const q = queue({ announceIntervalSeconds: 60, defaultHandleSeconds: 120, ringTimeoutSeconds: 120 }, [{ userId: 'a' }, { userId: 'b' }]);
    q.away('a', 'on_call', T0, T0);
    q.away('b', 'on_call', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1);
    q.send({ kind: 'caller_joined', callSessionId: 'c2' }, T0 + 2);
    q.send({ kind: 'caller_joined', callSessionId: 'c3' }, T0 + 3);
    // Position × 120 s / 2 staffed agents.
    expect(q.of('announce_position').map((a) => [a.callSessionId, a.position, a.estimatedWaitSeconds])).toEqual([
      ['c1', 1, 60],
      ['c2', 2, 120],
      ['c3', 3, 180],
    ]);
    expect(q.timers.get('wait:c1')).toBe(T0 + 60_001);
    q.take();
    q.ready('a', T0 + 30_000);
    q.send({ kind: 'timer', name: 'wait:c1' }, T0 + 60_003);
    // c1 rings a: no announcement for it; c2 and c3 hear their new places.
    expect(q.of('announce_position').map((a) => [a.callSessionId, a.position])).toEqual([
      ['c2', 2],
      ['c3', 3],
    ]);
    expect(positionOf(q.state, 'c3', T0 + 60_003)).toEqual({ position: 3, estimatedWaitSeconds: 180 });
  });

  it('the handle time of finished calls drives the estimate and the staffing hint', () => {
    const q = queue({ serviceLevelSeconds: 20, serviceLevelTarget: 0.8 }, [{ userId: 'a' }]);
    q.ready('a', T0);
    let now = T0;
    for (let i = 0; i < 100; i++) {
      now += 18_000;
      q.send({ kind: 'caller_joined', callSessionId: `c${i}` }, now);
      const o = q.offerFor('a');
      if (o) q.send({ kind: 'offer_answered', offerId: o.offerId }, now + 1);
      q.send({ kind: 'handled', handleMs: 180_000 }, now + 2);
      q.ready('a', now + 3);
    }
    const view = queueView(q.state, now + 3);
    // One every 18 s at 180 s each: 10 erlangs (97 arrivals in the 1740 s window the minute buckets
    // cover), 14 agents for 80 % in 20 s.
    expect(view.staffing.traffic).toBeCloseTo((97 / 1740.003) * 180, 6);
    expect(view.staffing).toMatchObject({ agents: 14, ready: 1, staffed: 1 });
    expect(view.today.inbound).toBe(100);
  });

  it('ready agents for a transfer: ready and not ringing, longest idle first', () => {
    const q = queue({}, [{ userId: 'a' }, { userId: 'b' }, { userId: 'c' }]);
    q.ready('a', T0 + 3, T0 + 3);
    q.ready('b', T0 + 1, T0 + 1);
    q.ready('c', T0 + 2, T0 + 2);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 4);
    expect(readyAgents(q.state).map((a) => a.userId)).toEqual(['c', 'a']);
  });

  it("today's counters start again at the org's midnight", () => {
    const q = queue({ timezone: 'Asia/Seoul', serviceLevelSeconds: 10 }, [{ userId: 'a' }]);
    q.ready('a', T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0);
    q.send({ kind: 'offer_answered', offerId: q.offerFor('a')!.offerId }, T0 + 15_000);
    expect(queueView(q.state, T0 + 15_000).today).toMatchObject({ inbound: 1, answered: 1, answerRate: 1, serviceLevel: 0 });
    const midnight = Date.parse('2025-03-05T15:00:00Z');
    expect(queueView(q.state, midnight).today.inbound).toBe(0);
    q.send({ kind: 'timer', name: 'x' }, midnight);
    expect(q.state.today).toMatchObject({ inbound: 0, answered: 0, dayEndsAt: Date.parse('2025-03-06T15:00:00Z') });
    expect(q.state.members.a!.answeredToday).toBe(0);
  });
});

describe('bad input', () => {
  it('is refused with a code and changes nothing', () => {
    const q = queue({}, [{ userId: 'a' }]);
    const bad: QueueInput[] = [
      { kind: 'caller_joined', callSessionId: '' },
      { kind: 'caller_joined', callSessionId: 'x', priority: 1.5 },
      { kind: 'agent_ready', userId: 'a', since: Number.NaN, idleSince: 0, seenOfferSeq: 0 },
      { kind: 'handled', handleMs: -1 },
      { kind: 'nonsense' } as unknown as QueueInput,
    ];
    for (const input of bad) {
      const step = reduceQueue(q.state, input, T0 + 1);
      expect(step.error).toEqual({ code: 'invalid_input' });
      expect(step.state).toBe(q.state);
      expect(step.effects).toEqual([]);
    }
    const config = { ...q.state.config, strategy: 'random' as never };
    expect(reduceQueue(q.state, { kind: 'configure', config, members: [] }, T0).error).toEqual({ code: 'invalid_config' });
    const tz = { ...q.state.config, timezone: 'Mars/Olympus' };
    expect(reduceQueue(q.state, { kind: 'configure', config: tz, members: [] }, T0).error).toEqual({ code: 'invalid_config' });
    const twice = [
      { userId: 'a', level: 1 },
      { userId: 'a', level: 2 },
    ];
    expect(reduceQueue(q.state, { kind: 'configure', config: q.state.config, members: twice }, T0).error).toEqual({ code: 'invalid_config' });
  });

  it('removing a member withdraws its offer', () => {
    const q = queue({}, [{ userId: 'a' }, { userId: 'b' }]);
    q.ready('a', T0);
    q.away('b', 'break', T0, T0);
    q.send({ kind: 'caller_joined', callSessionId: 'c1' }, T0 + 1);
    q.send({ kind: 'configure', config: q.state.config, members: [{ userId: 'b', level: 1 }] }, T0 + 2);
    expect(q.of('cancel_offer')).toMatchObject([{ agentUserId: 'a', reason: 'agent_unavailable' }]);
    expect(q.state.members.a).toBeUndefined();
    expect(q.state.waiting.map((e) => e.offerIds.length)).toEqual([0]);
  });
});
