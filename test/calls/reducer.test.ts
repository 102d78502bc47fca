// The safe-number reducer alone (pure): any delivery order the carrier could produce, with
// duplicates, yields the same commands and the same outcome as in-order delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callRecordOf, initialState, reduce, type FlowState } from '../../worker/calls/safe-number';
import type { FlowInput } from '../../worker/calls/types';
import type { Decision } from '../../worker/routing/decide';
import { DEFAULT_ANNOUNCEMENTS, SNAPSHOT_VERSION, type NumberSnapshot } from '../../worker/routing/snapshot';
import type { VoiceEvent } from '../../worker/telnyx/events';

const snapshot: NumberSnapshot = {
  version: SNAPSHOT_VERSION,
  numberId: 'num_1',
  orgId: 'org_1',
  e164: '+8250512345678',
  kind: 'safe_number',
  paused: false,
  owner: { userId: 'usr_1', mobile: '+821099998888', disabled: false },
  forwardCallerId: '+8250512345678',
  ringTimeoutSeconds: 30,
  timezone: 'Asia/Seoul',
  recordingEnabled: true,
  announcements: DEFAULT_ANNOUNCEMENTS,
};
const decision: Decision = { action: 'connect', snapshot, to: '+821099998888', trace: [] };

let t = 1_000;
function ev(type: VoiceEvent['type'], leg: 'A' | 'B', extra: Partial<VoiceEvent> = {}): VoiceEvent {
  return {
    id: `${type}-${leg}-${t}`,
    type,
    occurredAt: t++,
    callControlId: leg === 'A' ? 'ccA' : 'ccB',
    callLegId: leg === 'A' ? 'legA' : 'legB',
    callSessionId: 'sess',
    clientState: null,
    from: '+821012345678',
    to: '+8250512345678',
    direction: null,
    hangupCause: null,
    hangupSource: null,
    status: null,
    digit: null,
    digits: null,
    recordingUrl: null,
    ...extra,
  };
}

/**
 * The carrier's events of a connected call, each with what must precede it: the command that causes
 * it, or (`event:`) an event the carrier itself produces earlier on the same leg seconds before.
 */
function connectedCall(): { event: VoiceEvent; after: string | null }[] {
  t = 1_000;
  return [
    { event: ev('call.answered', 'A'), after: 'answer:caller' },
    { event: ev('call.initiated', 'B', { direction: 'outgoing' }), after: 'dial:callee' },
    { event: ev('call.speak.started', 'A'), after: 'speak:caller:waiting' },
    { event: ev('call.answered', 'B'), after: 'dial:callee' },
    { event: ev('call.speak.ended', 'A', { status: 'completed' }), after: 'speak:caller:waiting' },
    { event: ev('call.speak.started', 'B'), after: 'speak:callee:connect' },
    { event: ev('call.speak.ended', 'B', { status: 'completed' }), after: 'speak:callee:connect' },
    { event: ev('call.bridged', 'A'), after: 'bridge' },
    { event: ev('call.bridged', 'B'), after: 'bridge' },
    // The callee hangs up a conversation: after its own call.bridged.
    { event: ev('call.hangup', 'B', { hangupCause: 'normal_clearing', hangupSource: 'callee' }), after: 'event:call.bridged-B' },
    { event: ev('call.hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'hangup:caller' },
    { event: ev('call.recording.saved', 'A', { recordingUrl: 'https://x/r.mp3', callControlId: null }), after: 'record:caller' },
  ];
}

/** Runs the reducer, feeding dial results back and delivering events in `pick` order once ready. */
function run(pick: (ready: number) => number, duplicate: (i: number) => boolean) {
  let state: FlowState = initialState('sess');
  const issued: string[] = [];
  const apply = (input: FlowInput) => {
    const step = reduce(state, input, 0);
    state = step.state;
    for (const c of step.commands) {
      issued.push(c.key);
      if (c.action === 'dial') apply({ kind: 'dialled', key: c.key, callControlId: 'ccB', callLegId: 'legB' });
    }
  };
  const seen = new Set<string>();
  const deliver = (e: VoiceEvent) => {
    // The CallSession drops repeated event ids before the reducer; model that here.
    if (seen.has(e.id)) return;
    seen.add(e.id);
    apply({ kind: 'event', event: e, role: e.callControlId === 'ccB' || e.callLegId === 'legB' ? 'callee' : 'caller' });
  };
  apply({ kind: 'inbound', event: ev('call.initiated', 'A', { direction: 'incoming' }), decision });
  let pending = connectedCall();
  const delivered = new Set<string>();
  let n = 0;
  while (pending.length) {
    const ready = pending.filter((p) => p.after === null || issued.includes(p.after) || delivered.has(p.after));
    if (!ready.length) break;
    const chosen = ready[pick(ready.length) % ready.length]!;
    pending = pending.filter((p) => p !== chosen);
    deliver(chosen.event);
    delivered.add(`event:${chosen.event.type}-${chosen.event.callControlId === 'ccB' ? 'B' : 'A'}`);
    if (duplicate(n++)) deliver(chosen.event);
  }
  return { issued, state, record: callRecordOf(state) };
}

describe('safe-number reducer', () => {
  it('in order: the whole connect flow, connected, recorded once', () => {
    const clean = run(
      () => 0,
      () => false,
    );
    expect(clean.issued).toEqual(['answer:caller', 'speak:caller:waiting', 'dial:callee', 'speak:callee:connect', 'bridge', 'record:caller', 'hangup:caller']);
    expect(clean.state.finished).toBe(true);
    expect(clean.record?.record).toMatchObject({ outcome: 'connected', hangupSource: 'callee:callee' });
  });

  it('any causally possible order, with duplicates, gives the same commands and the same record', () => {
    const clean = run(
      () => 0,
      () => false,
    );
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), (picks, dups) => {
        let i = 0;
        const out = run(
          () => picks[i++ % picks.length]!,
          (n) => dups[n % dups.length]!,
        );
        expect([...out.issued].sort()).toEqual([...clean.issued].sort());
        expect(out.record).toEqual(clean.record);
      }),
      { numRuns: 300 },
    );
  });

  it('is pure: the input state is never mutated', () => {
    const before = initialState('sess');
    const frozen = structuredClone(before);
    reduce(before, { kind: 'inbound', event: ev('call.initiated', 'A', { direction: 'incoming' }), decision }, 0);
    expect(before).toEqual(frozen);
  });
});
