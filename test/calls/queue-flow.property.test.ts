// The queue call flow alone (pure), through the flow test kit: every causally possible order of the
// carrier's events and the Queue's signals, with duplicates, ends the same way as in-order delivery:
// one agent dialled, one bridge, one record, and the agent told the call ended only after the record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueFlow, type QueueCallState } from '../../worker/calls/queue';
import type { QueueCallInfo } from '../../worker/calls/queue/effects';
import type { Effect } from '../../worker/calls/vocabulary';
import { snapshotWith } from '../fixtures/routing';
import { callEvent as ev, drive, inOrder, resetClock, type DriveOptions, type ScriptedInput } from '../fixtures/flow-kit';

const snapshot = snapshotWith({ kind: 'service', queueId: 'que_1', owner: null, recordingEnabled: true });
const INFO: QueueCallInfo = {
  name: '민원상담',
  greeting: null,
  holdAudioUrl: 'https://audio.example/hold.mp3',
  ringTimeoutSeconds: 20,
  overflow: 'callback',
  voicemailOwner: null,
};
const OFFER = { offerId: 'que_1:o1', agentUserId: 'usr_agent', mobile: '+821011112222', leaseUntil: 20_000, queueName: '민원상담' };

/** Every script's opening: the caller answered, told the notice and the greeting, and an agent offered. */
function greetedAndOffered(): ScriptedInput[] {
  return [
    { event: ev('answered', 'A'), after: 'answer:caller' },
    { event: ev('speak_ended', 'A', { status: 'completed' }), after: 'speak:caller:notice' },
    { event: ev('speak_ended', 'A', { status: 'completed' }), after: 'speak:caller:greeting', tag: 'greeted' },
    { signal: { id: 'offer', name: 'offer', value: OFFER }, after: 'event:greeted' },
  ];
}

/** A caller answered by the offered agent, who hears the whisper; the caller hangs up the conversation. */
function answeredCall(): ScriptedInput[] {
  return [
    ...greetedAndOffered(),
    { event: ev('initiated', 'B', { direction: 'outgoing', role: 'agent1' }), after: 'dial:agent1' },
    { event: ev('answered', 'B', { role: 'agent1' }), after: 'dial:agent1', tag: 'agent-answered' },
    { event: ev('speak_ended', 'B', { status: 'completed', role: 'agent1' }), after: 'speak:agent1:whisper' },
    {
      signal: { id: 'accepted', name: 'answer_accepted', value: { offerId: OFFER.offerId, agentUserId: OFFER.agentUserId, waitMs: 4000 } },
      after: 'event:agent-answered',
    },
    { event: ev('bridged', 'A'), after: 'bridge:agent1', tag: 'bridged' },
    { event: ev('bridged', 'B', { role: 'agent1' }), after: 'bridge:agent1' },
    { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'event:bridged', tag: 'caller-gone' },
    // The bridge ends with the caller: Telnyx hangs up the agent's leg (dialled without park_after_unbridge).
    { event: ev('hangup', 'B', { hangupCause: 'normal_clearing', hangupSource: 'unknown', role: 'agent1' }), after: 'event:caller-gone' },
  ];
}

const TRANSFER = { offerId: 'xfer:o2', fromUserId: OFFER.agentUserId, toUserId: 'usr_target', mobile: '+821033334444', leaseUntil: 20_000 };

/** Agent 1's phone is leg B, the transfer target's leg C. */
const transferDialled = (c: { leg: string }) =>
  c.leg === 'agent2' ? { callControlId: 'ccC', callLegId: 'legC' } : { callControlId: 'ccB', callLegId: 'legB' };

/**
 * The caller with agent 1 is transferred to a ready agent (leg C), as Telnyx carries it out: the
 * flow bridges the caller to the target, which ends the caller's bridge with agent 1 and makes
 * the carrier hang agent 1's leg up; later the caller hangs up and the carrier ends the target's leg.
 */
function transferredCall(): ScriptedInput[] {
  return [
    ...greetedAndOffered(),
    { event: ev('answered', 'B', { role: 'agent1' }), after: 'dial:agent1', tag: 'agent-answered' },
    { event: ev('speak_ended', 'B', { status: 'completed', role: 'agent1' }), after: 'speak:agent1:whisper' },
    {
      signal: { id: 'accepted', name: 'answer_accepted', value: { offerId: OFFER.offerId, agentUserId: OFFER.agentUserId, waitMs: 4000 } },
      after: 'event:agent-answered',
    },
    { event: ev('bridged', 'A'), after: 'bridge:agent1', tag: 'bridged' },
    { event: ev('bridged', 'B', { role: 'agent1' }), after: 'bridge:agent1', tag: 'agent1-bridged' },
    { signal: { id: 'transfer', name: 'transfer', value: TRANSFER }, after: 'event:agent1-bridged' },
    { event: ev('answered', 'C', { role: 'agent2' }), after: 'dial:agent2', tag: 'target-answered' },
    { event: ev('speak_ended', 'C', { status: 'completed', role: 'agent2' }), after: 'speak:agent2:whisper' },
    { event: ev('hangup', 'B', { hangupCause: 'normal_clearing', hangupSource: 'unknown', role: 'agent1' }), after: 'bridge:agent2' },
    { event: ev('bridged', 'A', { id: 'bridged-A-again' }), after: 'bridge:agent2' },
    { event: ev('bridged', 'C', { role: 'agent2' }), after: 'bridge:agent2', tag: 'target-bridged' },
    { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'event:target-bridged', tag: 'caller-gone' },
    { event: ev('hangup', 'C', { hangupCause: 'normal_clearing', hangupSource: 'unknown', role: 'agent2' }), after: 'event:caller-gone' },
  ];
}

/** The caller gives up while the offered agent's phone rings. */
function abandonedWhileRinging(): ScriptedInput[] {
  return [
    ...greetedAndOffered(),
    { event: ev('initiated', 'B', { direction: 'outgoing', role: 'agent1' }), after: 'dial:agent1' },
    { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'dial:agent1' },
    { signal: { id: 'cancel', name: 'offer_cancelled', value: { offerId: OFFER.offerId, reason: 'caller_left' } }, after: 'event:greeted' },
    { event: ev('hangup', 'B', { hangupCause: 'originator_cancel', role: 'agent1' }), after: 'hangup:agent1' },
  ];
}

const SUPERVISE = { supervisorUserId: 'usr_sup', mobile: '+821055556666', role: 'monitor' as const };

/**
 * A supervisor asks to listen in as soon as the agent's console shows the call (from the agent's
 * answer), which may be while the whisper still plays, before the caller is bridged. The
 * supervisor's phone (leg D) answers and joins; the caller hangs up; the flow hangs up leg D.
 */
function supervisedCall(): ScriptedInput[] {
  return [
    ...greetedAndOffered(),
    { event: ev('answered', 'B', { role: 'agent1' }), after: 'dial:agent1', tag: 'agent-answered' },
    {
      signal: { id: 'accepted', name: 'answer_accepted', value: { offerId: OFFER.offerId, agentUserId: OFFER.agentUserId, waitMs: 4000 } },
      after: 'event:agent-answered',
      tag: 'accepted',
    },
    { signal: { id: 'supervise', name: 'supervise', value: SUPERVISE }, after: 'event:accepted' },
    { event: ev('speak_ended', 'B', { status: 'completed', role: 'agent1' }), after: 'speak:agent1:whisper' },
    { event: ev('bridged', 'A'), after: 'bridge:agent1', tag: 'bridged' },
    { event: ev('bridged', 'B', { role: 'agent1' }), after: 'bridge:agent1' },
    { event: ev('answered', 'D', { role: 'sup1' }), after: 'dial:sup1', tag: 'sup-answered' },
    { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'event:sup-answered', tag: 'caller-gone' },
    { event: ev('hangup', 'B', { hangupCause: 'normal_clearing', hangupSource: 'unknown', role: 'agent1' }), after: 'event:caller-gone' },
    { event: ev('hangup', 'D', { hangupCause: 'normal_clearing', hangupSource: 'unknown', role: 'sup1' }), after: 'hangup:sup1:end' },
  ];
}

/** The agent's phone is leg B, the supervisor's leg D. */
const supervisorDialled = (c: { leg: string }) =>
  c.leg === 'sup1' ? { callControlId: 'ccD', callLegId: 'legD' } : { callControlId: 'ccB', callLegId: 'legB' };

const options = (script: () => ScriptedInput[]): DriveOptions => {
  resetClock();
  return {
    start: {
      kind: 'inbound',
      sessionId: 'sess',
      event: ev('initiated', 'A', { direction: 'incoming' }),
      route: { routing: { snapshot, caller: '+821012345678', entries: [] } },
    },
    script,
    effect: (e) => {
      if (e.kind === 'queue' && e.op === 'info') return { ok: true, value: INFO };
      if (e.kind === 'queue' && e.op === 'join') return { ok: true, value: { joinedAt: 1_000 } };
      return { ok: true, value: true };
    },
  };
};

type Run = { issued: string[]; effects: Effect[]; state: QueueCallState };

/** `check` holds for every causal order fast-check picks among `inputs` scripted inputs, each maybe delivered twice. */
function anyOrder(o: () => DriveOptions, inputs: number, check: (run: Run) => void) {
  fc.assert(
    fc.property(
      fc.array(fc.nat(), { minLength: inputs, maxLength: inputs }),
      fc.array(fc.boolean(), { minLength: inputs, maxLength: inputs }),
      (picks, dups) => {
        check(
          drive(
            queueFlow as never,
            o(),
            () => picks.shift() ?? 0,
            (i) => dups[i] ?? false,
          ) as Run,
        );
      },
    ),
    { numRuns: 300 },
  );
}

const records = (r: Run) => r.effects.filter((e) => e.kind === 'write_call');
const agentInputs = (r: Run) => r.effects.flatMap((e) => (e.kind === 'agent' ? [e.input.kind] : []));

describe('queue flow (pure)', () => {
  it('in order: greeting, hold, the offered agent dialled with the whisper, bridged, recorded; record before call_ended', () => {
    const run = inOrder(queueFlow as never, options(answeredCall)) as Run;
    expect(run.issued).toEqual([
      'answer:caller',
      'speak:caller:notice',
      'speak:caller:greeting',
      'hold:1',
      'dial:agent1',
      'speak:agent1:whisper',
      'hold_stop:2',
      'bridge:agent1',
      'record:caller',
    ]);
    expect(records(run)).toHaveLength(1);
    expect(records(run)[0]).toMatchObject({ record: { kind: 'queue', outcome: 'connected', agentUserId: 'usr_agent', queueId: 'que_1', waitMs: 4000 } });
    const order = run.effects.map((e) => (e.kind === 'agent' ? `agent:${e.input.kind}` : e.kind === 'queue' ? `queue:${e.op}` : e.kind));
    expect(order.indexOf('write_call')).toBeLessThan(order.indexOf('agent:call_ended'));
    expect(agentInputs(run)).toEqual(['offer_answered', 'call_ended']);
  });

  it('any causal order, with duplicates: one dial, one bridge, one record, call_ended only after it', () => {
    const clean = inOrder(queueFlow as never, options(answeredCall)) as Run;
    anyOrder(
      () => options(answeredCall),
      12,
      (run) => {
        expect(run.state.finished).toBe(true);
        expect(run.state.outcome).toBe('connected');
        expect(run.issued.filter((k) => k === 'dial:agent1')).toHaveLength(1);
        expect(run.issued.filter((k) => k.startsWith('bridge:'))).toHaveLength(1);
        expect(records(run)).toHaveLength(1);
        expect(records(run)[0]).toMatchObject({ record: { outcome: 'connected', agentUserId: 'usr_agent' } });
        const kinds = run.effects.map((e) => (e.kind === 'agent' ? `agent:${e.input.kind}` : e.kind));
        expect(kinds.indexOf('write_call')).toBeLessThan(kinds.indexOf('agent:call_ended'));
        expect(agentInputs(run)).toEqual(agentInputs(clean));
        // Never a hangup to the agent's leg, which the carrier ends with the caller's bridge.
        expect(run.issued.filter((k) => k.startsWith('hangup:'))).toEqual([]);
      },
    );
  });

  it('any causal order of a transfer, with duplicates: the caller is bridged to the target and never hung up; the record names the target', () => {
    const transferOptions = () => ({ ...options(transferredCall), dialled: transferDialled });
    const clean = inOrder(queueFlow as never, transferOptions()) as Run;
    expect(clean.issued.filter((k) => k.startsWith('bridge:') || k.startsWith('dial:') || k.startsWith('hangup:'))).toEqual([
      'dial:agent1',
      'bridge:agent1',
      'dial:agent2',
      'bridge:agent2',
    ]);
    anyOrder(
      () => transferOptions(),
      20,
      (run) => {
        expect(run.state.finished).toBe(true);
        expect(run.state.outcome).toBe('connected');
        // The flow hangs up nobody: agent 1 is dropped by the carrier, the caller leaves by themself.
        expect(run.issued.filter((k) => k.startsWith('hangup:'))).toEqual([]);
        expect(run.issued.filter((k) => k.startsWith('bridge:'))).toEqual(['bridge:agent1', 'bridge:agent2']);
        expect(records(run)).toHaveLength(1);
        expect(records(run)[0]).toMatchObject({ record: { outcome: 'connected', agentUserId: 'usr_target' } });
        // Agent 1 is told their call ended at the transfer; the target only after the record.
        const told = run.effects.flatMap((e) => (e.kind === 'agent' ? [`${e.userId}:${e.input.kind}`] : e.kind === 'write_call' ? ['record'] : []));
        expect(told.filter((t) => t.startsWith('usr_agent:'))).toEqual(['usr_agent:offer_answered', 'usr_agent:call_ended']);
        expect(told.filter((t) => t.startsWith('usr_target:') || t === 'record')).toEqual(['usr_target:offer_answered', 'record', 'usr_target:call_ended']);
      },
    );
  });

  it('a caller who leaves while the transfer target hears the whisper: no bridge to the target, the record keeps agent 1', () => {
    const script = () => {
      const all = transferredCall();
      const cut = all.findIndex((p) => 'event' in p && p.event.type === 'speak_ended' && p.event.role === 'agent2');
      return [
        ...all.slice(0, cut),
        { event: ev('hangup', 'A', { hangupCause: 'normal_clearing', hangupSource: 'caller' }), after: 'event:target-answered', tag: 'caller-left' },
        { event: ev('hangup', 'B', { hangupCause: 'normal_clearing', hangupSource: 'unknown', role: 'agent1' }), after: 'event:caller-left' },
        { event: ev('hangup', 'C', { hangupCause: 'normal_clearing', role: 'agent2' }), after: 'hangup:agent2' },
      ];
    };
    const run = inOrder(queueFlow as never, { ...options(script), dialled: transferDialled }) as Run;
    expect(run.state.finished).toBe(true);
    expect(run.issued).not.toContain('bridge:agent2');
    // The target's ringing-then-whispering leg is not in a bridge: the flow hangs it up; agent 1's goes with the caller.
    expect(run.issued.filter((k) => k.startsWith('hangup:'))).toEqual(['hangup:agent2']);
    expect(records(run)[0]).toMatchObject({ record: { outcome: 'connected', agentUserId: 'usr_agent' } });
  });

  it('any causal order of a caller leaving while the agent rings: abandoned, the queue told once, no bridge, the agent leg hung up', () => {
    anyOrder(
      () => options(abandonedWhileRinging),
      8,
      (run) => {
        expect(run.state.finished).toBe(true);
        expect(run.state.outcome).toBe('abandoned');
        expect(run.effects.filter((e) => e.kind === 'queue' && e.op === 'leave')).toHaveLength(1);
        expect(run.issued.some((k) => k.startsWith('bridge:'))).toBe(false);
        expect(run.issued).toContain('hangup:agent1');
        expect(records(run)).toHaveLength(1);
        expect(records(run)[0]).toMatchObject({ record: { outcome: 'abandoned', agentUserId: null, answeredAt: null } });
        expect(agentInputs(run)).toEqual([]);
      },
    );
  });

  it('a supervisor who asks while the agent still hears the whisper is dialled once the caller is bridged, in any causal order', () => {
    const supervised = () => ({ ...options(supervisedCall), dialled: supervisorDialled });
    anyOrder(
      () => supervised(),
      14,
      (run) => {
        // Dialled once, and never before the bridge that gives it a call to join.
        expect(run.issued.filter((k) => k === 'dial:sup1')).toEqual(['dial:sup1']);
        expect(run.issued.indexOf('dial:sup1')).toBeGreaterThan(run.issued.indexOf('bridge:agent1'));
        expect(run.state.supervisors).toMatchObject([{ userId: 'usr_sup', mode: 'monitor', leg: { callControlId: 'ccD', status: 'ended' } }]);
        expect(run.state.supervisors[0]!.dialOnBridge).toBeUndefined();
        expect(run.state.finished).toBe(true);
        expect(records(run)[0]).toMatchObject({ record: { outcome: 'connected', agentUserId: 'usr_agent' } });
      },
    );
  });

  it('a supervisor who stops before the bridge is never dialled', () => {
    const script = () => {
      // No supervisor's leg; the caller hangs up after the bridge.
      const all = supervisedCall()
        .filter((p) => !('event' in p && p.event.role === 'sup1'))
        .map((p) => (p.after === 'event:sup-answered' ? { ...p, after: 'event:bridged' } : p));
      const at = all.findIndex((p) => 'signal' in p && p.signal.name === 'supervise');
      all.splice(at + 1, 0, { signal: { id: 'stop', name: 'supervise_stop', value: { supervisorUserId: 'usr_sup' } }, after: null });
      return all;
    };
    const run = inOrder(queueFlow as never, { ...options(script), dialled: supervisorDialled }) as Run;
    expect(run.issued).toContain('bridge:agent1');
    expect(run.issued.filter((k) => k.includes('sup1'))).toEqual([]);
    expect(run.state.finished).toBe(true);
  });
});
