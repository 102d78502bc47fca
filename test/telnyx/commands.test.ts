import { describe, expect, it } from 'vitest';
import type { Command } from '../../worker/calls/vocabulary';
import { decodeClientState, encodeClientState } from '../../worker/telnyx/client-state';
import { runCommand, type CommandConfig } from '../../worker/telnyx/commands';

type Reply = { status: number; body?: unknown } | 'network';

/** A scripted carrier: answers each request with the next reply, recording what was sent. */
function carrier(replies: Reply[]) {
  const sent: { url: string; body: Record<string, unknown>; auth: string | null }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    sent.push({ url: req.url, body: (await req.json()) as Record<string, unknown>, auth: req.headers.get('authorization') });
    const reply = replies.shift() ?? { status: 200 };
    if (reply === 'network') throw new TypeError('network down');
    return new Response(JSON.stringify(reply.body ?? { data: { result: 'ok' } }), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };
  const cfg: CommandConfig = { apiKey: 'KEY_x', apiBase: 'https://carrier.test/', connectionId: 'conn', fetch, backoffMs: [1, 1, 1], sleep: async () => {} };
  return { cfg, sent };
}

const hangup: Command = { key: 'hangup:callee', leg: 'callee', action: 'hangup', callControlId: 'v3:abc/def' };
const bridge: Command = { key: 'bridge', leg: 'caller', action: 'bridge', callControlId: 'v3:a', otherCallControlId: 'v3:b' };
const gone = { status: 422, body: { errors: [{ code: '90018', title: 'Call has already ended' }] } };

describe('command client', () => {
  it('sends to TELNYX_API_BASE/v2 with the key, client_state and the command_id the host gave it', async () => {
    const { cfg, sent } = carrier([{ status: 200 }]);
    const res = await runCommand(cfg, 'sess-1', hangup, 'cmd-1');
    expect(res).toEqual({ ok: true, attempts: 1 });
    expect(sent[0]!.url).toBe('https://carrier.test/v2/calls/v3:abc%2Fdef/actions/hangup');
    expect(sent[0]!.auth).toBe('Bearer KEY_x');
    expect(sent[0]!.body.command_id).toBe('cmd-1');
    expect(decodeClientState(sent[0]!.body.client_state as string)).toEqual({ sessionId: 'sess-1', role: 'callee' });
  });

  it('retries 5xx and network errors with the same command_id, then succeeds', async () => {
    const { cfg, sent } = carrier([{ status: 500 }, 'network', { status: 503 }, { status: 200 }]);
    const res = await runCommand(cfg, 's', hangup, 'cmd-x');
    expect(res).toEqual({ ok: true, attempts: 4 });
    expect(new Set(sent.map((s) => s.body.command_id)).size).toBe(1);
  });

  it('gives up after its retries and reports the failure', async () => {
    const { cfg, sent } = carrier([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 200 }]);
    expect(await runCommand(cfg, 's', bridge, 'cmd-x')).toMatchObject({ ok: false, attempts: 4, status: 500 });
    expect(sent).toHaveLength(4);
  });

  it('does not retry a 4xx', async () => {
    const { cfg, sent } = carrier([{ status: 403, body: { errors: [{ code: '10010' }] } }]);
    expect(await runCommand(cfg, 's', hangup, 'cmd-x')).toMatchObject({ ok: false, attempts: 1, status: 403, code: '10010' });
    expect(sent).toHaveLength(1);
  });

  it('hangup on a leg that is already gone (422/90018) is success', async () => {
    const { cfg } = carrier([gone]);
    expect(await runCommand(cfg, 's', hangup, 'cmd-x')).toEqual({ ok: true, attempts: 1 });
  });

  it('bridge answered with 422 right after answer is retried', async () => {
    const { cfg, sent } = carrier([{ status: 422, body: { errors: [{ code: '90034' }] } }, { status: 200 }]);
    expect(await runCommand(cfg, 's', bridge, 'cmd-x')).toMatchObject({ ok: true, attempts: 2 });
    expect(sent[1]!.body.call_control_id).toBe('v3:b');
  });

  it('bridge sends park_after_unbridge "self" when asked (the caller is parked, not hung up, when the other leg ends), nothing otherwise', async () => {
    const { cfg, sent } = carrier([{ status: 200 }, { status: 200 }]);
    await runCommand(cfg, 's', { ...bridge, parkAfterUnbridge: true }, 'cmd-1');
    await runCommand(cfg, 's', bridge, 'cmd-2');
    expect(sent[0]!.body).toMatchObject({ call_control_id: 'v3:b', park_after_unbridge: 'self' });
    expect(sent[1]!.body).not.toHaveProperty('park_after_unbridge');
  });

  it('a bridge to a leg that has ended (422/90018) fails at once: no retry can bring the leg back', async () => {
    const { cfg, sent } = carrier([gone, { status: 200 }]);
    expect(await runCommand(cfg, 's', bridge, 'cmd-x')).toMatchObject({ ok: false, attempts: 1, status: 422, code: '90018' });
    expect(sent).toHaveLength(1);
  });

  it('an error that is not a carrier answer fails the command instead of throwing', async () => {
    const { cfg } = carrier([]);
    const broken: CommandConfig = { ...cfg, fetch: async () => new Response('{not json', { status: 200, headers: { 'content-type': 'application/json' } }) };
    expect(await runCommand(broken, 's', hangup, 'cmd-x')).toMatchObject({ ok: false, attempts: 1, code: 'client_error' });
  });

  it('dial returns the new leg ids', async () => {
    const { cfg, sent } = carrier([
      { status: 200, body: { data: { call_control_id: 'v3:new', call_leg_id: 'leg-new', call_session_id: 's', is_alive: true, record_type: 'call' } } },
    ]);
    const res = await runCommand(
      cfg,
      's',
      {
        key: 'dial:callee',
        leg: 'callee',
        action: 'dial',
        to: '+821012345678',
        from: '+82505123',
        timeoutSecs: 30,
        linkTo: 'v3:a',
      },
      'cmd-dial',
    );
    expect(res).toMatchObject({ ok: true, dialled: { callControlId: 'v3:new', callLegId: 'leg-new' } });
    expect(sent[0]!.body).toMatchObject({ connection_id: 'conn', link_to: 'v3:a', timeout_secs: 30 });
  });
});

describe('client_state codec', () => {
  it('round-trips and refuses what is not ours', () => {
    const raw = encodeClientState({ sessionId: '세션-1', role: 'caller' });
    expect(decodeClientState(raw)).toEqual({ sessionId: '세션-1', role: 'caller' });
    expect(decodeClientState(null)).toBeNull();
    expect(decodeClientState('!!!')).toBeNull();
    expect(decodeClientState(btoa('{"s":"x","r":5}'))).toBeNull();
    expect(decodeClientState(btoa('{"s":"x","r":"Not A Role!"}'))).toBeNull();
  });
});
