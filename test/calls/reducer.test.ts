// The safe-number flow alone (pure), through the flow test kit: any delivery order the carrier
// could produce, with duplicates, yields the same commands and the same outcome as in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callRecordOf, initialState, safeNumberFlow, type FlowState } from '../../worker/calls/safe-number';
import { snapshotWith } from '../fixtures/routing';
import { callEvent as ev, drive, inOrder, resetClock, type DriveOptions, type ScriptedEvent } from '../fixtures/flow-kit';

const snapshot = snapshotWith({ recordingEnabled: true });

/**
 * The carrier's events of a connected call, each with what must precede it: the command that causes
 * it, or (`event:`) an event the carrier itself produces earlier on the same leg seconds before.
 */
function connectedCall(): ScriptedEvent[] {
  return [
    { event: ev('answered', 'A'), after: 'answer:caller' },
    { event: ev('initiated', 'B', { direction: 'outgoing', role: 'callee' }), after: 'dial:callee' },
    { event: ev('answered', 'B', { role: 'callee' }), after: 'dial:callee' },
    { event: ev('speak_ended', 'A', { status: 'completed' }), after: 'speak:caller:waiting' },
    { event: ev('speak_ended', 'B', { status: 'completed', role: 'callee' }), after: 'speak:callee:connect' },
    { event: ev('bridged', 'A'), after: 'bridge' },
    { event: ev('bridged', 'B', { role: 'callee' }), after: 'bridge', tag: 'bridged-B' },
    // The callee hangs up a conversation: after its own call.bridged.
    { event: ev('hangup', 'B', { hangupCause: 'normal_clearing', hangupSource: 'callee', role: 'callee' }), after: 'event:bridged-B', tag: 'callee-gone' },
    // The bridge ends with it and Telnyx hangs up the caller, bridged without park_after_unbridge.
    { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'unknown' }), after: 'event:callee-gone' },
    {
      event: ev('recording_saved', 'A', { recording: { url: 'https://x/r.mp3', channels: 'dual', startedAt: null, endedAt: null }, callControlId: null }),
      after: 'record:caller',
    },
  ];
}

const options = (): DriveOptions => {
  resetClock();
  return {
    start: {
      kind: 'inbound',
      sessionId: 'sess',
      event: ev('initiated', 'A', { direction: 'incoming' }),
      route: { routing: { snapshot, caller: '+821012345678', entries: [] } },
    },
    script: connectedCall,
  };
};
const recordOf = (s: FlowState) => callRecordOf(s);

describe('safe-number flow (pure)', () => {
  it('in order: the whole connect flow, connected, recorded once', () => {
    const clean = inOrder(safeNumberFlow, options());
    expect(clean.issued).toEqual([
      'answer:caller',
      'speak:caller:notice',
      'speak:caller:waiting',
      'dial:callee',
      'speak:callee:connect',
      'bridge',
      'record:caller',
    ]);
    expect(clean.state.finished).toBe(true);
    expect(recordOf(clean.state)?.record).toMatchObject({ outcome: 'connected', hangupSource: 'callee:callee' });
    expect(clean.effects.filter((e) => e.kind === 'write_call')).toHaveLength(1);
    expect(clean.state.recorded).toBe(true);
  });

  it("the caller's call.hangup, which Telnyx sends when the bridge's other side ends, clears the grace timer that waited for it", () => {
    // Without it the `gone:caller` timer stayed set and woke the object 5 s later for nothing.
    const clean = inOrder(safeNumberFlow, options());
    expect(clean.issued).not.toContain('hangup:caller:gone');
    expect(Object.keys(clean.timers).sort()).toEqual(['linger']);
    const early = inOrder(safeNumberFlow, { ...options(), script: () => connectedCall().slice(0, -2) });
    expect(Object.keys(early.timers)).toContain('gone:caller');
  });

  it('any causally possible order, with duplicates, gives the same commands and the same record', () => {
    const clean = inOrder(safeNumberFlow, options());
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), (picks, dups) => {
        let i = 0;
        const out = drive(
          safeNumberFlow,
          options(),
          () => picks[i++ % picks.length]!,
          (n) => dups[n % dups.length]!,
        );
        expect([...out.issued].sort()).toEqual([...clean.issued].sort());
        // Never a hangup to the leg the carrier hangs up itself.
        expect(out.issued.filter((k) => k.startsWith('hangup:'))).toEqual([]);
        expect(recordOf(out.state)).toEqual(recordOf(clean.state));
        expect(out.effects.filter((e) => e.kind === 'write_call')).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it('a popup is told, not answered: an answer to any of the three would change nothing (but the silence deadline any input moves)', () => {
    let popups = 0;
    const probe: typeof safeNumberFlow = {
      ...safeNumberFlow,
      reduce: (state, input, now) => {
        const step = safeNumberFlow.reduce(state, input, now);
        for (const e of step.effects.filter((x) => x.kind === 'popup')) {
          popups++;
          for (const ok of [true, false]) {
            const answered = safeNumberFlow.reduce(structuredClone(step.state), { kind: 'effect', key: e.key, ok, value: ok || null }, now);
            const timers = answered.timers.filter((t) => t.name !== 'silence');
            expect([answered.state, answered.commands, answered.effects, timers]).toEqual([step.state, [], [], []]);
          }
        }
        return step;
      },
    };
    expect(inOrder(probe, options()).state.finished).toBe(true);
    expect(popups).toBe(3);
  });

  it('is pure: the input state is never mutated', () => {
    const before = initialState('sess');
    const frozen = structuredClone(before);
    safeNumberFlow.reduce(before, { kind: 'event', event: ev('answered', 'A') }, 0);
    expect(before).toEqual(frozen);
    const started = safeNumberFlow.start(options().start, 0).state;
    const copy = structuredClone(started);
    safeNumberFlow.reduce(started, { kind: 'event', event: ev('answered', 'A') }, 0);
    expect(started).toEqual(copy);
  });
});
