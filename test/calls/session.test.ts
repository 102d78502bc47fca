// The session shell around the flows (pure): routing an inbound call, keeping events that come
// before a flow is chosen, retrying a route that failed, and handing a call from one flow to another.
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../worker/calls/flow';
import { newSession, reduceSession, sessionStatus, type FlowRegistry, type SessionState } from '../../worker/calls/session';
import { callEvent, resetClock } from '../fixtures/flow-kit';
import { snapshotWith } from '../fixtures/routing';

type Toy = { name: string; seen: string[]; params: unknown };

/** A flow that answers on start and, on a dtmf "9", hands the call to `to`. */
function toy(name: string, to?: string): Flow<Toy, unknown> {
  return {
    name,
    version: 1,
    start: (st) => ({
      state: { name, seen: [], params: st.kind === 'inbound' ? null : st.params },
      commands: [{ key: `${name}:answer`, leg: 'caller', action: 'answer', callControlId: 'ccA' }],
      timers: [],
      effects: [],
    }),
    reduce: (s, input) => {
      const next = { ...s, seen: [...s.seen, input.kind === 'event' ? input.event.type : input.kind] };
      const handoff = to && input.kind === 'event' && input.event.digit === '9' ? { flow: to, params: { from: name, seen: next.seen } } : undefined;
      return { state: next, commands: [], timers: handoff ? [{ name: `${name}:timer`, at: null }] : [], effects: [], ...(handoff ? { handoff } : {}) };
    },
    status: (s) => ({ finished: false, recorded: false, outcome: null, phase: s.name }),
  };
}

const registry: FlowRegistry = { 'safe-number': toy('safe-number', 'voicemail') as Flow<never, never>, voicemail: toy('voicemail') as Flow<never, never> };
const routed = { routing: { snapshot: snapshotWith(), caller: '+821055556666', entries: [] } };

function run(inputs: Parameters<typeof reduceSession>[1][]) {
  let s: SessionState = newSession('sess');
  const commands: string[] = [];
  const effects: string[] = [];
  let retired = false;
  for (const input of inputs) {
    const step = reduceSession(s, input, 0, registry);
    s = step.state;
    commands.push(...step.commands.map((c) => c.key));
    effects.push(...step.effects.map((e) => e.key));
    retired ||= step.retire === true;
  }
  return { s, commands, effects, retired };
}

describe('call session shell', () => {
  it('routes an inbound call, then replays what arrived before the flow was chosen', () => {
    resetClock();
    const initiated = callEvent('initiated', 'A', { direction: 'incoming' });
    const early = callEvent('dtmf', 'A', { digit: '1' });
    const r = run([
      { kind: 'event', event: early },
      { kind: 'event', event: initiated },
      { kind: 'effect', key: 'route:1', ok: true, value: routed },
    ]);
    expect(r.effects).toEqual(['route:1']);
    expect(r.s.flow).toBe('safe-number');
    expect(r.commands).toEqual(['safe-number:answer']);
    expect((r.s.state as Toy).seen).toEqual(['dtmf']);
    expect(sessionStatus(r.s, registry)?.phase).toBe('safe-number');
  });

  it('a route that fails is tried again, and after the last try the number counts as unknown', () => {
    resetClock();
    const initiated = callEvent('initiated', 'A', { direction: 'incoming' });
    const fail = (n: number) => ({ kind: 'effect' as const, key: `route:${n}`, ok: false, value: null });
    const r = run([
      { kind: 'event', event: initiated },
      fail(1),
      { kind: 'timer', name: 'session:route' },
      fail(2),
      { kind: 'timer', name: 'session:route' },
      fail(3),
    ]);
    expect(r.effects).toEqual(['route:1', 'route:2', 'route:3']);
    expect(r.s.flow).toBe('safe-number');
  });

  it('a session that only ever hears strays retires when its silence timer fires', () => {
    resetClock();
    const r = run([
      { kind: 'event', event: callEvent('hangup', 'X') },
      { kind: 'timer', name: 'session:unrouted' },
    ]);
    expect(r.s.flow).toBeNull();
    expect(r.retired).toBe(true);
  });

  it('a flow hands the call to another: the next flow starts with its params and gets what follows', () => {
    resetClock();
    const r = run([
      { kind: 'event', event: callEvent('initiated', 'A', { direction: 'incoming' }) },
      { kind: 'effect', key: 'route:1', ok: true, value: routed },
      { kind: 'event', event: callEvent('dtmf', 'A', { digit: '9' }) },
      { kind: 'event', event: callEvent('hangup', 'A') },
    ]);
    expect(r.s.flow).toBe('voicemail');
    expect(r.commands).toEqual(['safe-number:answer', 'voicemail:answer']);
    const vm = r.s.state as Toy;
    expect(vm.params).toEqual({ from: 'safe-number', seen: ['dtmf'] });
    expect(vm.seen).toEqual(['hangup']);
  });
});
