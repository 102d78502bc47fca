import { createExecutionContext, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type {
  CallAnsweredWebhookEvent,
  CallBridgedWebhookEvent,
  CallGatherEndedWebhookEvent,
  CallHangupWebhookEvent,
  CallInitiatedWebhookEvent,
  CallRecordingSavedWebhookEvent,
  CallSpeakEndedWebhookEvent,
  UnwrapWebhookEvent,
} from 'telnyx/resources/webhooks';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { app } from '../../worker/index';
import type { TwinStep } from '../../worker/simulator/twin-step';
import { parseWebhook } from '../../worker/telnyx/events';
import { sim } from '../fixtures/calls';
import { iso, leg, randomNumber, webhook } from '../fixtures/telnyx-events';

const auth = { authorization: `Bearer ${env.TELNYX_API_KEY}`, 'content-type': 'application/json' };

function rest(path: string, body: unknown, headers: Record<string, string> = auth) {
  return exports.default.fetch(new Request(`http://app.test/_sim/v2${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
}

/** An answered inbound leg in the simulator. */
async function answeredLeg() {
  const placed = await sim<{ callControlId: string }>('/api/calls', {
    from: randomNumber('+8210'),
    to: randomNumber('+82509'),
    timeScale: 0.01,
    deliver: false,
  });
  const res = await rest(`/calls/${encodeURIComponent(placed.callControlId)}/actions/answer`, { command_id: crypto.randomUUID() });
  expect(res.status).toBe(200);
  return placed.callControlId;
}

describe('the simulator is absent unless CARRIER_SIMULATOR is on', () => {
  for (const path of ['/_sim', '/_sim/', '/_sim/api/sessions', '/_sim/v2/calls', '/_sim/api/worker-stats', '/_sim/api/probe/object-new']) {
    it(`${path} is 404 with the simulator off`, async () => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`http://app.test${path}`, {
          method: path.endsWith('calls') ? 'POST' : 'GET',
          headers: auth,
          body: path.endsWith('calls') ? '{}' : undefined,
        }),
        { ...env, CARRIER_SIMULATOR: 'off' },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(404);
    });
  }

  it("the benchmark's probes each do their one operation when on; an unknown one is 404", async () => {
    for (const what of ['nothing', 'verify', 'object-live', 'object-new', 'd1', 'r2-put']) {
      const res = await exports.default.fetch(new Request(`http://app.test/_sim/api/probe/${what}`));
      expect([what, res.status, await res.text()]).toEqual([what, 200, 'ok']);
    }
    // The R2 probe stored a recording-sized object.
    expect((await env.RECORDINGS.head('probe/put.mp3'))?.size).toBe(48_000);
    // The bench posts a webhook-sized body: read, and answered the same.
    const posted = await exports.default.fetch(new Request('http://app.test/_sim/api/probe/nothing', { method: 'POST', body: 'x'.repeat(700) }));
    expect([posted.status, await posted.text()]).toEqual([200, 'ok']);
    expect((await exports.default.fetch(new Request('http://app.test/_sim/api/probe/other'))).status).toBe(404);
  });

  it("a twin step does its operations on the call's own object, and its alarm retires the object's document", async () => {
    const call = crypto.randomUUID();
    const alarmAt = Date.now() + 60_000;
    const step: TwinStep = {
      call,
      verify: true,
      puts: 2,
      putBytes: 3000,
      alarmWrites: 1,
      alarmAt,
      d1: [
        { reads: 1, writes: 0 },
        { reads: 1, writes: 1 },
      ],
      fetches: 0,
      objectCalls: 1,
      copies: 0,
      pad: 'x'.repeat(500),
    };
    const res = await exports.default.fetch(new Request('http://app.test/_sim/api/probe/twin', { method: 'POST', body: JSON.stringify(step) }));
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
    const stub = env.SIM_CARRIER.get(env.SIM_CARRIER.idFromName(`twin:${call}`));
    expect(
      await runInDurableObject(stub, async (_o, state) => [(state.storage.kv.get('twin') as string | undefined)?.length, await state.storage.getAlarm()]),
    ).toEqual([3000, alarmAt]);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runInDurableObject(stub, (_o, state) => state.storage.kv.get('twin'))).toBeUndefined();
    // A body that is not a step is refused with nothing done.
    for (const bad of ['not json', JSON.stringify({ ...step, puts: -1 }), JSON.stringify({ ...step, d1: 'x' })]) {
      const refused = await exports.default.fetch(new Request('http://app.test/_sim/api/probe/twin', { method: 'POST', body: bad }));
      expect([refused.status, await refused.text()]).toEqual([400, 'not a twin step']);
    }
  });

  it('is served when on (the demo page)', async () => {
    const res = await exports.default.fetch(new Request('http://app.test/_sim/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('통신사 시뮬레이터');
  });
});

describe('the simulator validates commands like Telnyx', () => {
  it('needs the Bearer API key', async () => {
    expect((await rest('/calls', {}, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await rest('/calls', {}, { authorization: 'Bearer wrong', 'content-type': 'application/json' })).status).toBe(401);
  });

  it('422 for speak without voice, bridge without call_control_id, reject with a bad cause, dial without from', async () => {
    const id = encodeURIComponent(await answeredLeg());
    const speak = await rest(`/calls/${id}/actions/speak`, { payload: '안녕하세요' });
    expect(speak.status).toBe(422);
    expect((await speak.json<{ errors: { source: { pointer: string } }[] }>()).errors[0]!.source.pointer).toBe('/voice');
    expect((await rest(`/calls/${id}/actions/bridge`, {})).status).toBe(422);
    expect((await rest('/calls', { connection_id: 'c', to: '+821012341234' })).status).toBe(422);
    expect((await rest(`/calls/${id}/actions/record_start`, { format: 'mp3' })).status).toBe(422);
    expect((await rest(`/calls/${id}/actions/speak`, { payload: '안녕하세요', voice: 'AWS.Polly.Seoyeon-Neural' })).status).toBe(200);
  });

  it('hangup on a leg that is gone is 422 with code 90018; unknown legs are 404', async () => {
    const id = encodeURIComponent(await answeredLeg());
    expect((await rest(`/calls/${id}/actions/hangup`, {})).status).toBe(200);
    const again = await rest(`/calls/${id}/actions/hangup`, {});
    expect(again.status).toBe(422);
    expect((await again.json<{ errors: { code: string }[] }>()).errors[0]!.code).toBe('90018');
    expect((await rest('/calls/v3%3Anope/actions/hangup', {})).status).toBe(404);
  });

  it('a repeated command_id within 60 s is accepted but does nothing', async () => {
    const placed = await sim<{ callSessionId: string; callControlId: string }>('/api/calls', {
      from: randomNumber('+8210'),
      to: randomNumber('+82509'),
      timeScale: 0.01,
      deliver: false,
    });
    const id = encodeURIComponent(placed.callControlId);
    const body = { payload: '안녕', voice: 'AWS.Polly.Seoyeon-Neural', command_id: crypto.randomUUID() };
    await rest(`/calls/${id}/actions/answer`, {});
    expect((await rest(`/calls/${id}/actions/speak`, body)).status).toBe(200);
    expect((await rest(`/calls/${id}/actions/speak`, body)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const view = await sim<{ log: { kind: string; name: string }[] }>(`/api/sessions/${placed.callSessionId}`);
    expect(view.log.filter((e) => e.name === 'call.speak.started')).toHaveLength(1);
  });

  it('serves only the recordings it made (a call.recording.saved points at them; test/calls/recordings.test.ts copies them)', async () => {
    const res = await exports.default.fetch(new Request('http://app.test/_sim/recordings/abc.mp3'));
    expect(res.status).toBe(404);
  });

  it('POST /v2/messages answers with an id and queued recipients', async () => {
    const res = await rest('/messages', { from: '+8225550000', to: '+821012345678', text: '안녕하세요' });
    expect(res.status).toBe(200);
    const body = await res.json<{ data: { id: string; to: { status: string }[] } }>();
    expect(body.data.to[0]!.status).toBe('queued');
    expect((await rest('/messages', { from: '+8225550000', to: '+821012345678' })).status).toBe(422);
  });
});

describe('every webhook the simulator can produce parses with the ingress schema', () => {
  it('covers each builder', () => {
    const l = leg({ clientState: 'eyJzIjoieCIsInIiOiJjYWxsZXIifQ==' });
    const at = iso();
    const msg = { id: crypto.randomUUID(), from: '+8225550000', to: '+821012345678', text: 'x', profileId: 'mp' };
    const bodies = [
      webhook.initiated('1', at, l, 'incoming'),
      webhook.initiated('2', at, { ...l, clientState: undefined }, 'outgoing'),
      webhook.answered('3', at, l),
      webhook.bridged('4', at, l),
      webhook.hangup('5', at, l, 'user_busy', 'callee'),
      webhook.speakEnded('7', at, l, 'completed'),
      webhook.playbackEnded('9', at, l, 'cancelled'),
      webhook.dtmf('10', at, l, '1'),
      webhook.gatherEnded('11', at, l, '12', 'valid'),
      webhook.recordingSaved('12', at, l, at, 'http://simulator.invalid/recordings/r.mp3'),
      webhook.message('13', at, 'message.sent', msg, 'sent'),
      webhook.message('14', at, 'message.finalized', msg, 'delivered'),
    ];
    for (const body of bodies) {
      const parsed = parseWebhook(JSON.parse(JSON.stringify(body)));
      expect(parsed.ok, body.data.event_type).toBe(true);
      if (parsed.ok) expect(parsed.value.kind).not.toBe('ignored');
    }
    // Informational events no flow acts on are valid and acknowledged without waking a session.
    for (const body of [webhook.speakStarted('6', at, l), webhook.playbackStarted('8', at, l)]) {
      const parsed = parseWebhook(JSON.parse(JSON.stringify(body)));
      expect(parsed.ok && parsed.value.kind, body.data.event_type).toBe('ignored');
    }
  });
});

describe('simulator webhooks match the telnyx SDK webhook types (checked by tsc)', () => {
  it('each builder returns the SDK event type of its event', () => {
    const l = leg();
    const at = iso();
    expectTypeOf(webhook.initiated('1', at, l, 'incoming')).toExtend<CallInitiatedWebhookEvent>();
    expectTypeOf(webhook.answered('1', at, l)).toExtend<CallAnsweredWebhookEvent>();
    expectTypeOf(webhook.bridged('1', at, l)).toExtend<CallBridgedWebhookEvent>();
    expectTypeOf(webhook.hangup('1', at, l, 'timeout', 'unknown')).toExtend<CallHangupWebhookEvent>();
    expectTypeOf(webhook.speakEnded('1', at, l, 'completed')).toExtend<CallSpeakEndedWebhookEvent>();
    expectTypeOf(webhook.recordingSaved('1', at, l, at, 'u')).toExtend<CallRecordingSavedWebhookEvent>();
    expectTypeOf(webhook.gatherEnded('1', at, l, '1', 'valid')).toExtend<CallGatherEndedWebhookEvent>();
    // And every one of them is a member of the SDK's union of verified webhook events.
    expectTypeOf(webhook.dtmf('1', at, l, '1')).toExtend<UnwrapWebhookEvent>();
    expect(webhook.initiated('1', at, l, 'incoming').data.event_type).toBe('call.initiated');
  });
});
