// The simulator's bridges as Telnyx documents them (issue 16; docs/carrier-commands.md): a bridge that
// ends — the opposite leg hangs up or is bridged elsewhere — hangs up each leg bridged without
// `park_after_unbridge: "self"` / `hold_after_unbridge: true`, parks or holds the others;
// `prevent_double_bridge`; a dial's own `park_after_unbridge` and `bridge_on_answer`; and every
// command to an ended leg answers Telnyx's documented 422 body.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sim, type SimView } from '../fixtures/calls';
import { randomNumber } from '../fixtures/telnyx-events';

const auth = { authorization: `Bearer ${env.TELNYX_API_KEY}`, 'content-type': 'application/json' };
const rest = (path: string, body: unknown) =>
  exports.default.fetch(new Request(`http://app.test/_sim/v2${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) }));
const act = (leg: string, action: string, body: Record<string, unknown> = {}) => rest(`/calls/${encodeURIComponent(leg)}/actions/${action}`, body);

/** Telnyx's answer to a command on an ended leg (OpenAPI UnprocessableEntityResponse, example `call_already_ended`). */
const CALL_ENDED = { errors: [{ code: '90018', title: 'Call has already ended', detail: "This call is no longer active and can't receive commands." }] };

const view = (sessionId: string) => sim<SimView>(`/api/sessions/${sessionId}`);
const legOf = async (sessionId: string, id: string) => (await view(sessionId)).legs.find((l) => l.callControlId === id)!;

async function until<T>(probe: () => Promise<T | null | false | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('never');
}

/** An answered inbound leg (webhooks kept in the log, not delivered). */
async function inbound() {
  const placed = await sim<{ callSessionId: string; callControlId: string }>('/api/calls', {
    from: randomNumber('+8210'),
    to: randomNumber('+82509'),
    timeScale: 0.01,
    deliver: false,
  });
  expect((await act(placed.callControlId, 'answer')).status).toBe(200);
  return { sessionId: placed.callSessionId, caller: placed.callControlId };
}

/** A leg dialled in the caller's session (`link_to`) to a phone that answers at once. */
async function dialled(caller: string, extra: Record<string, unknown> = {}, answer: 'after' | 'manual' = 'after') {
  const number = randomNumber('+8210');
  await sim('/api/parties', { number, answer, afterMs: 0 });
  const res = await rest('/calls', { connection_id: env.TELNYX_CONNECTION_ID, to: number, from: '+8225550000', link_to: caller, ...extra });
  expect(res.status).toBe(200);
  return (await res.json<{ data: { call_control_id: string; call_session_id: string } }>()).data.call_control_id;
}

async function answered(sessionId: string, leg: string) {
  await until(async () => ['answered', 'bridged'].includes((await legOf(sessionId, leg)).state));
}

const hangupsOf = async (sessionId: string, leg: string) =>
  (await view(sessionId)).log.filter((e) => e.kind === 'webhook' && e.name === 'call.hangup' && e.leg === leg).map((e) => e.hangup);

describe('a bridge that ends (Telnyx BridgeRequest.park_after_unbridge: "If not set, the default behavior is to hang up the leg")', () => {
  it('one leg hangs up: the carrier hangs up the other, bridged without park_after_unbridge (normal_clearing)', async () => {
    const { sessionId, caller } = await inbound();
    const agent = await dialled(caller);
    await answered(sessionId, agent);
    expect((await act(caller, 'bridge', { call_control_id: agent })).status).toBe(200);
    expect(await legOf(sessionId, caller)).toMatchObject({ state: 'bridged', peer: agent });
    await sim(`/api/legs/${encodeURIComponent(agent)}/hangup`, {});
    expect((await legOf(sessionId, caller)).state).toBe('ended');
    await until(async () => (await hangupsOf(sessionId, caller)).length === 1);
    expect(await hangupsOf(sessionId, caller)).toEqual([{ cause: 'normal_clearing', source: 'unknown' }]);
    expect(await hangupsOf(sessionId, agent)).toEqual([{ cause: 'normal_clearing', source: 'callee' }]);
  });

  it('park_after_unbridge "self" parks the bridge command’s leg; hold_after_unbridge holds it; the other leg is still hung up', async () => {
    const { sessionId, caller } = await inbound();
    const agent = await dialled(caller);
    await answered(sessionId, agent);
    expect((await act(caller, 'bridge', { call_control_id: agent, park_after_unbridge: 'self' })).status).toBe(200);
    await sim(`/api/legs/${encodeURIComponent(agent)}/hangup`, {});
    expect(await legOf(sessionId, caller)).toMatchObject({ state: 'answered', peer: null, held: false });
    expect(await hangupsOf(sessionId, caller)).toEqual([]);

    const second = await dialled(caller);
    await answered(sessionId, second);
    expect((await act(caller, 'bridge', { call_control_id: second, hold_after_unbridge: true })).status).toBe(200);
    await sim(`/api/legs/${encodeURIComponent(second)}/hangup`, {});
    expect(await legOf(sessionId, caller)).toMatchObject({ state: 'answered', held: true });

    // The caller (parked) can be bridged again; when the caller hangs up, the other leg goes with it.
    const third = await dialled(caller);
    await answered(sessionId, third);
    expect((await act(caller, 'bridge', { call_control_id: third, park_after_unbridge: 'self' })).status).toBe(200);
    expect((await legOf(sessionId, caller)).held).toBe(false);
    await sim(`/api/legs/${encodeURIComponent(caller)}/hangup`, {});
    expect((await legOf(sessionId, third)).state).toBe('ended');
  });

  it('a leg bridged elsewhere ends its old bridge: the old opposite leg is hung up (a transfer done in the wrong order drops the caller)', async () => {
    const { sessionId, caller } = await inbound();
    const agent1 = await dialled(caller);
    const agent3 = await dialled(caller);
    await answered(sessionId, agent1);
    await answered(sessionId, agent3);
    expect((await act(caller, 'bridge', { call_control_id: agent1 })).status).toBe(200);
    // Bridging the caller to agent 3 first: agent 1 is hung up by the carrier, the caller moves.
    expect((await act(caller, 'bridge', { call_control_id: agent3 })).status).toBe(200);
    expect((await legOf(sessionId, agent1)).state).toBe('ended');
    expect(await legOf(sessionId, caller)).toMatchObject({ state: 'bridged', peer: agent3 });

    // The unsafe order: hanging up the agent first takes a caller bridged without park_after_unbridge with it.
    const other = await inbound();
    const agent = await dialled(other.caller);
    await answered(other.sessionId, agent);
    expect((await act(other.caller, 'bridge', { call_control_id: agent })).status).toBe(200);
    expect((await act(agent, 'hangup')).status).toBe(200);
    expect((await legOf(other.sessionId, other.caller)).state).toBe('ended');
  });

  it('a dial’s own park_after_unbridge "self" (link_to required) parks the dialled leg when the caller leaves its bridge', async () => {
    const { sessionId, caller } = await inbound();
    const noLink = await rest('/calls', { connection_id: env.TELNYX_CONNECTION_ID, to: '+821012341234', from: '+8225550000', park_after_unbridge: 'self' });
    expect(noLink.status).toBe(422);
    expect(await noLink.json()).toMatchObject({ errors: [{ source: { pointer: '/link_to' } }] });
    const agent = await dialled(caller, { park_after_unbridge: 'self' });
    await answered(sessionId, agent);
    expect((await act(caller, 'bridge', { call_control_id: agent })).status).toBe(200);
    await sim(`/api/legs/${encodeURIComponent(caller)}/hangup`, {});
    expect(await legOf(sessionId, agent)).toMatchObject({ state: 'answered', peer: null });
  });
});

describe('prevent_double_bridge and bridge_on_answer', () => {
  it('prevent_double_bridge refuses a leg already bridged to another call (422) and changes nothing', async () => {
    const { sessionId, caller } = await inbound();
    const agent = await dialled(caller);
    await answered(sessionId, agent);
    expect((await act(caller, 'bridge', { call_control_id: agent })).status).toBe(200);
    const second = await inbound();
    const refused = await act(second.caller, 'bridge', { call_control_id: agent, prevent_double_bridge: true });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      errors: [
        {
          code: '90033',
          title: 'Unable to execute command',
          detail: 'The call to bridge with is already bridged to another call.',
          source: { pointer: '/call_control_id' },
        },
      ],
    });
    expect(await legOf(sessionId, caller)).toMatchObject({ state: 'bridged', peer: agent });
    // Without it the bridge goes ahead and the old opposite leg is hung up.
    expect((await act(second.caller, 'bridge', { call_control_id: agent })).status).toBe(200);
    expect((await legOf(sessionId, caller)).state).toBe('ended');
  });

  it('bridge_on_answer bridges the dialled leg to link_to when it answers; with prevent_double_bridge it hangs up instead when that leg is bridged', async () => {
    const { sessionId, caller } = await inbound();
    const agent = await dialled(caller, { bridge_on_answer: true });
    await until(async () => (await legOf(sessionId, agent)).state === 'bridged');
    expect(await legOf(sessionId, caller)).toMatchObject({ state: 'bridged', peer: agent });
    const late = await dialled(caller, { bridge_on_answer: true, prevent_double_bridge: true });
    await until(async () => (await legOf(sessionId, late)).state === 'ended');
    expect(await legOf(sessionId, caller)).toMatchObject({ state: 'bridged', peer: agent });
  });
});

describe('commands to an ended leg and supervisors', () => {
  it('every command to an ended leg answers 422 with Telnyx’s body (code 90018 "Call has already ended")', async () => {
    const { caller } = await inbound();
    const other = await inbound();
    expect((await act(caller, 'hangup')).status).toBe(200);
    const commands: [string, Record<string, unknown>][] = [
      ['hangup', {}],
      ['answer', {}],
      ['speak', { payload: '안녕하세요', voice: 'AWS.Polly.Seoyeon-Neural' }],
      ['bridge', { call_control_id: other.caller }],
      ['playback_start', { audio_url: 'https://audio.example/hold.mp3', loop: 'infinity' }],
      ['playback_stop', {}],
      ['record_start', { format: 'mp3', channels: 'dual' }],
      ['record_stop', {}],
      ['gather_using_speak', { payload: '눌러 주세요', voice: 'AWS.Polly.Seoyeon-Neural' }],
      ['reject', { cause: 'CALL_REJECTED' }],
    ];
    for (const [name, body] of commands) {
      const res = await act(caller, name, body);
      expect([name, res.status, await res.json()]).toEqual([name, 422, CALL_ENDED]);
    }
    // Bridging a live leg with an ended one names the ended leg.
    const res = await act(other.caller, 'bridge', { call_control_id: caller });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ errors: [{ ...CALL_ENDED.errors[0], source: { pointer: '/call_control_id' } }] });
  });

  it('a supervisor’s leg is not hung up with the leg it supervises (the reference is silent): it stays up until hung up', async () => {
    const { sessionId, caller } = await inbound();
    const agent = await dialled(caller);
    await answered(sessionId, agent);
    expect((await act(caller, 'bridge', { call_control_id: agent, park_after_unbridge: 'self' })).status).toBe(200);
    const supervisor = await dialled(caller, { supervise_call_control_id: agent, supervisor_role: 'monitor' });
    await until(async () => (await legOf(sessionId, supervisor)).state === 'bridged');
    await sim(`/api/legs/${encodeURIComponent(agent)}/hangup`, {});
    expect((await legOf(sessionId, supervisor)).state).toBe('answered');
    expect((await act(supervisor, 'hangup')).status).toBe(200);
  });
});
