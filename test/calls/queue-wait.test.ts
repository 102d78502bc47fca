// Issue 16: an abandoned caller's wait is measured on one clock. The Queue answers the join with
// its own instant (this worker's clock, the flows' `now`); the carrier's occurred_at may be on
// another (a call placed at a scripted instant in the simulator, or a carrier clock that is off),
// and subtracting one from the other made the wait 0 or days.
import { describe, expect, it } from 'vitest';
import { queueFlow, type QueueCallState } from '../../worker/calls/queue';
import type { FlowStep } from '../../worker/calls/flow';
import type { Effect, FlowInput } from '../../worker/calls/vocabulary';
import { snapshotWith } from '../fixtures/routing';
import { callEvent as ev, resetClock, WORKING_INSTANT } from '../fixtures/flow-kit';

const snapshot = snapshotWith({ kind: 'service', queueId: 'que_1', owner: null, recordingEnabled: false });
const INFO = { name: '민원상담', greeting: null, holdAudioUrl: null, ringTimeoutSeconds: 20, overflow: 'callback' as const, voicemailOwner: null };

/** Feeds inputs at the worker's `now`, answering the queue's info and join as the host would. */
function caller(carrierAt: number, joinedAt: number) {
  resetClock(carrierAt);
  const effects: Effect[] = [];
  let state: QueueCallState;
  const take = (step: FlowStep<QueueCallState>, now: number) => {
    state = step.state;
    for (const e of step.effects) {
      effects.push(e);
      if (e.kind === 'queue' && e.op === 'info') take(queueFlow.reduce(state, { kind: 'effect', key: e.key, ok: true, value: INFO }, now), now);
      else if (e.kind === 'queue' && e.op === 'join') take(queueFlow.reduce(state, { kind: 'effect', key: e.key, ok: true, value: { joinedAt } }, now), now);
    }
  };
  const start = ev('initiated', 'A', { direction: 'incoming' });
  take(
    queueFlow.start({ kind: 'inbound', sessionId: 'sess', event: start, route: { routing: { snapshot, caller: '+821012345678', entries: [] } } }, joinedAt),
    joinedAt,
  );
  const feed = (input: FlowInput, now: number) => take(queueFlow.reduce(state, input, now), now);
  feed({ kind: 'event', event: ev('answered', 'A') }, joinedAt);
  feed({ kind: 'event', event: ev('speak_ended', 'A', { status: 'completed' }) }, joinedAt);
  return { feed, effects, state: () => state };
}

describe('queue flow: the time an abandoned caller waited', () => {
  it('is the worker’s now minus the Queue’s join instant, whatever instant the carrier stamps its events with', () => {
    const joinedAt = Date.parse('2026-12-06T03:00:00Z');
    // The carrier's clock says four days earlier (the simulator's scripted instant).
    const c = caller(WORKING_INSTANT, joinedAt);
    expect(c.state().joinedAt).toBe(joinedAt);
    c.feed({ kind: 'event', event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }) }, joinedAt + 7_000);
    expect(c.state()).toMatchObject({ outcome: 'abandoned', waitMs: 7_000 });
    expect(c.effects.some((e) => e.kind === 'queue' && e.op === 'leave')).toBe(true);
  });

  it('a carrier clock ahead of the worker’s does not stretch the wait either', () => {
    const joinedAt = Date.parse('2026-12-06T03:00:00Z');
    const c = caller(joinedAt + 3 * 86_400_000, joinedAt);
    c.feed({ kind: 'event', event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }) }, joinedAt + 2_500);
    expect(c.state().waitMs).toBe(2_500);
  });
});
