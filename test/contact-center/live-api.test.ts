// The live contact center's API (docs/contact-center-live.md): an agent's presence and wrap-up, the
// in-call controls (hold, transfer only to a ready agent), supervision, forced states, outbound calls
// and the console socket — through the routes, the Agent and Queue objects and the simulator.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { agentStateHistory, callbacks, consultCategories, wrapUps } from '../../worker/db/schema';
import { newId } from '../../worker/ids';
import { placeCall, settle, sim, waitForSession, type SimView } from '../fixtures/calls';
import { contactCenter, phone, recordOf, until, view, type CcAgent } from '../fixtures/contact-center-live';
import { login, makeUser, type Client } from '../fixtures/orgs';
import { contractAnswer } from '../fixtures/contract';
import type { AnsweredRoute } from '../../contract/answers';

const post = (c: Client, path: string, json: unknown = {}) => c.fetch(path, { method: 'POST', json });

/** A request the live side accepted (202): its answer parsed with the route's contract. */
async function accepted<R extends AnsweredRoute>(route: R, res: Response) {
  expect(res.status, await res.clone().text()).toBe(202);
  return contractAnswer(route, await res.json());
}

async function signIn(cc: Awaited<ReturnType<typeof contactCenter>>, a: CcAgent) {
  const client = await login(cc.org.name, a.loginId);
  const res = await post(client, '/api/cc/me/login');
  expect(res.status).toBe(200);
  return client;
}

/** A caller connected to `a` (the only ready agent), the session waited until connected. */
async function connected(cc: Awaited<ReturnType<typeof contactCenter>>, a: CcAgent) {
  const sessionId = await placeCall({ to: cc.e164, timeScale: 0.02 });
  await waitForSession(sessionId, (v) => v.state?.phase === 'connected');
  await until('on call', async () => ((await view(a))?.state === 'on_call' ? true : null));
  return sessionId;
}

const callerLegOf = async (sessionId: string) => (await sim<SimView>(`/api/sessions/${sessionId}`)).legs.find((l) => l.direction === 'incoming')!;

describe('agent presence through the API', () => {
  it('logs in to the org’s after-login state, refuses a manual change while ringing or on a call, saves the wrap-up on going ready', async () => {
    const cc = await contactCenter({ agents: 1, afterCall: 'acw' });
    const [a] = cc.agents;
    const client = await signIn(cc, a!);
    const first = contractAnswer('GET /api/cc/me/console', await (await client.fetch('/api/cc/me/console')).json());
    expect(first.agent).toMatchObject({ state: 'ready', reason: 'login', queues: [{ name: '민원상담' }] });
    expect(first.queues.map((q) => q.name)).toEqual(['민원상담']);

    await phone(a!, { answer: 'after', afterMs: 20 });
    const sessionId = await connected(cc, a!);
    const busy = await post(client, '/api/cc/me/state', { state: 'break' });
    expect(busy.status).toBe(409);
    expect(await busy.json()).toMatchObject({ error: { code: 'on_call' } });
    expect((await post(client, '/api/cc/me/logout')).status).toBe(409);

    // The caller hangs up: the record is written, then the agent is in ACW.
    await sim(`/api/legs/${encodeURIComponent((await callerLegOf(sessionId)).callControlId)}/hangup`, {});
    await settle(sessionId, true);
    await until('acw', async () => ((await view(a!))?.state === 'acw' ? true : null));

    const tooLong = await post(client, '/api/cc/me/state', { state: 'ready', wrapUp: { categoryId: null, notes: '가'.repeat(1025) } });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ error: { fields: [{ field: 'wrapUp.notes', code: 'too_long', params: { max: 1024 } }] } });
    const badCategory = await post(client, '/api/cc/me/state', { state: 'ready', wrapUp: { categoryId: 'cat_nope', notes: '' } });
    expect(await badCategory.json()).toMatchObject({ error: { fields: [{ field: 'wrapUp.categoryId', code: 'not_in_org' }] } });
    expect((await view(a!))?.state).toBe('acw');

    const categoryId = newId('cat');
    await globalDb(env).insert(consultCategories).values({ id: categoryId, orgId: cc.org.id, name: '민원 안내' });
    const ok = await post(client, '/api/cc/me/state', { state: 'ready', wrapUp: { categoryId, notes: '가'.repeat(1024) } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ agent: { state: 'ready', reason: 'manual' } });
    const record = await recordOf(sessionId);
    const saved = await globalDb(env).select().from(wrapUps).where(eq(wrapUps.callId, record!.id)).get();
    expect(saved).toMatchObject({ categoryId, agentUserId: a!.id });
    expect([...saved!.notes].length).toBe(1024);
    expect((await recordOf(sessionId))!.acwMs).toBeGreaterThanOrEqual(0);
  }, 30_000);

  it('the console socket sends the agent’s view on connect and at every change (offer screen with the queue and the caller in national format)', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const client = await signIn(cc, a!);
    const res = await client.fetch('/api/live', { headers: { upgrade: 'websocket' } });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: { type: string; agent?: { state: string; offer: unknown } }[] = [];
    ws.addEventListener('message', (e) => messages.push(JSON.parse(e.data as string) as (typeof messages)[number]));
    ws.accept();
    await phone(a!, { answer: 'never' });
    await placeCall({ to: cc.e164, from: '+821012345678', timeScale: 0.02 });
    const offered = await until('offer message', async () => messages.find((m) => m.type === 'agent' && m.agent?.state === 'ringing'));
    expect(offered.agent!.offer).toMatchObject({ kind: 'call', queueName: '민원상담', caller: { number: '+821012345678', national: '010-1234-5678' } });
    expect(messages[0]?.type).toBe('calls');
    ws.close();
  });
});

describe('in call: hold and transfer (C5)', () => {
  it('hold plays the hold audio to the caller only and unhold stops it; the console shows held', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const client = await signIn(cc, a!);
    await phone(a!, { answer: 'after', afterMs: 20 });
    const sessionId = await connected(cc, a!);
    expect((await post(client, '/api/cc/me/call/unhold')).status).toBe(409);
    await accepted('POST /api/cc/me/call/hold', await post(client, '/api/cc/me/call/hold'));
    await until('held', async () => (await callerLegOf(sessionId)).playing);
    const held = await until('held view', async () => ((await view(a!))?.call?.held ? view(a!) : null));
    expect(held!.call).toMatchObject({ held: true, callSessionId: sessionId });
    expect((await callerLegOf(sessionId)).state).toBe('bridged');
    const again = await post(client, '/api/cc/me/call/hold');
    expect(await again.json()).toMatchObject({ error: { code: 'held' } });
    await accepted('POST /api/cc/me/call/unhold', await post(client, '/api/cc/me/call/unhold'));
    await until('unheld', async () => !(await callerLegOf(sessionId)).playing);
    await accepted('POST /api/cc/me/call/hangup', await post(client, '/api/cc/me/call/hangup'));
    const run = await settle(sessionId, true);
    const names = run.carrierCommands.map((c) => c.name);
    expect(names.filter((n) => n === 'playback_start').length).toBeGreaterThanOrEqual(2);
    // The agent's hangup parks the caller (bridged to park), whom the flow then hangs up: no 422 anywhere.
    expect(run.carrierCommands.filter((c) => c.status !== 200)).toEqual([]);
    expect(run.record).toMatchObject({ outcome: 'connected', agentUserId: a!.id });
  }, 30_000);

  it('transfers only to a ready agent: a not-ready target is refused with not_ready; a ready one gets the caller', async () => {
    const cc = await contactCenter({ agents: 3 });
    const [a, b, c] = cc.agents;
    const clientA = await signIn(cc, a!);
    await phone(a!, { answer: 'after', afterMs: 20 });
    await phone(b!, { answer: 'after', afterMs: 20, hangupAfterMs: 100 });
    const sessionId = await connected(cc, a!);
    // b and c log in after the call is with a: c goes to break, b stays ready.
    await signIn(cc, b!);
    const clientC = await signIn(cc, c!);
    await post(clientC, '/api/cc/me/state', { state: 'break' });
    const targets = await until('b ready', async () => {
      const t = contractAnswer('GET /api/cc/me/call/transfer-targets', await (await clientA.fetch('/api/cc/me/call/transfer-targets')).json());
      return t.agents.some((x) => x.userId === b!.id) ? t : null;
    });
    expect(targets.agents.map((x) => x.userId)).toEqual([b!.id]);
    const refused = await post(clientA, '/api/cc/me/call/transfer', { toUserId: c!.id });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_ready' } });
    expect((await view(c!))?.state).toBe('break');

    await accepted('POST /api/cc/me/call/transfer', await post(clientA, '/api/cc/me/call/transfer', { toUserId: b!.id }));
    const run = await settle(sessionId, true, 20_000);
    expect(run.record).toMatchObject({ outcome: 'connected', agentUserId: b!.id });
    expect(run.carrierCommands.filter((x) => x.name === 'speak').map((x) => x.text)).toContain('호전환된 상담 전화입니다.');
    // a left the call at the transfer; b had it until the end.
    await until('a after call', async () => ((await view(a!))?.state === 'ready' && (await view(a!))?.lastCall?.callSessionId === sessionId ? true : null));
  }, 40_000);
});

describe('supervision and forced states (C11, C12)', () => {
  it('a supervisor listens in, whispers or barges: their phone is dialled supervising the agent’s leg', async () => {
    const cc = await contactCenter({ agents: 1, supervisor: true });
    const [a] = cc.agents;
    await signIn(cc, a!);
    await phone(a!, { answer: 'after', afterMs: 20 });
    await phone(cc.supervisor!, { answer: 'after', afterMs: 10 });
    const sessionId = await connected(cc, a!);
    const sup = await login(cc.org.name, cc.supervisor!.loginId);
    const agentClient = await login(cc.org.name, a!.loginId);
    expect((await post(agentClient, `/api/cc/live/agents/${a!.id}/supervise`, { role: 'whisper' })).status).toBe(403);
    expect((await post(sup, `/api/cc/live/agents/${a!.id}/supervise`, { role: 'nope' })).status).toBe(400);
    await accepted('POST /api/cc/live/agents/:id/supervise', await post(sup, `/api/cc/live/agents/${a!.id}/supervise`, { role: 'whisper' }));
    const joined = await until('supervisor bridged', async () => {
      const legs = (await sim<SimView>(`/api/sessions/${sessionId}`)).legs;
      return legs.find((l) => l.supervises && l.state === 'bridged');
    });
    expect(joined.supervises).toMatchObject({ role: 'whisper' });
    await accepted('POST /api/cc/live/agents/:id/supervise/stop', await post(sup, `/api/cc/live/agents/${a!.id}/supervise/stop`));
    await until('supervisor left', async () => {
      const legs = (await sim<SimView>(`/api/sessions/${sessionId}`)).legs;
      return legs.filter((l) => l.supervises).every((l) => l.state === 'ended');
    });
  }, 30_000);

  it('a supervisor forces an agent’s state with a reason, recorded in the history; an agent may not', async () => {
    const cc = await contactCenter({ agents: 1, supervisor: true });
    const [a] = cc.agents;
    const agentClient = await signIn(cc, a!);
    const sup = await login(cc.org.name, cc.supervisor!.loginId);
    expect((await post(agentClient, `/api/cc/live/agents/${a!.id}/state`, { state: 'break', reason: '교육' })).status).toBe(403);
    expect((await post(sup, `/api/cc/live/agents/${a!.id}/state`, { state: 'break', reason: ' ' })).status).toBe(400);
    const forced = await post(sup, `/api/cc/live/agents/${a!.id}/state`, { state: 'break', reason: '교육' });
    expect(forced.status).toBe(200);
    expect(await forced.json()).toMatchObject({ agent: { state: 'break', reason: 'forced' } });
    const rows = await globalDb(env).select().from(agentStateHistory).where(eq(agentStateHistory.userId, a!.id)).all();
    expect(rows.find((r) => r.reason === 'forced')).toMatchObject({ state: 'break', changedBy: cc.supervisor!.id, note: '교육' });
    const team = contractAnswer('GET /api/cc/live/agents', await (await sup.fetch('/api/cc/live/agents')).json());
    expect(team.agents.find((x) => x.userId === a!.id)).toMatchObject({ state: 'break', reason: 'forced' });
  });
});

describe('outbound calls (C6)', () => {
  it('rings the agent first, then the customer, both seeing the service number; a callback row is marked done', async () => {
    const cc = await contactCenter({ agents: 1 });
    const [a] = cc.agents;
    const client = await signIn(cc, a!);
    await phone(a!, { answer: 'after', afterMs: 20 });
    const customer = '+821055556666';
    await sim('/api/parties', { number: customer, answer: 'after', afterMs: 30, hangupAfterMs: 100 });
    const intl = await post(client, '/api/cc/outbound', { to: '+12025550123' });
    expect(await intl.json()).toMatchObject({ error: { fields: [{ field: 'to', code: 'not_dialable' }] } });
    const callbackId = newId('cb');
    await globalDb(env)
      .insert(callbacks)
      .values({ id: callbackId, orgId: cc.org.id, queueId: cc.queueId, number: customer, requestedAt: Date.now() - 60_000 });
    const { callSessionId } = await accepted('POST /api/cc/outbound', await post(client, '/api/cc/outbound', { to: '010-5555-6666', callbackId }));
    await until('on call', async () => ((await view(a!))?.state === 'on_call' ? true : null));
    const session = await waitForSession(callSessionId, (v) => v.state?.finished === true && v.recordWritten, 20_000);
    expect(session.commands.filter((x) => x.action === 'dial').map((x) => x.key)).toEqual(['dial:agent', 'dial:customer']);
    // The carrier's own session of the two legs (the agent's leg is dialled with nothing to link to).
    const carrier = await until('sim session', async () =>
      (await sim<{ sessions: SimView[] }>('/api/sessions')).sessions.find(
        (x) => x.legs.some((l) => l.to === a!.mobile) && x.legs.every((l) => l.state === 'ended'),
      ),
    );
    const run = { record: await recordOf(callSessionId) };
    const legs = carrier.legs;
    expect(legs.map((l) => l.to)).toEqual([a!.mobile, customer]);
    // The customer hung up: the carrier ended the agent's leg with the bridge, so the flow sent no hangup.
    expect(session.commands.filter((x) => x.action === 'hangup')).toEqual([]);
    expect(carrier.log.filter((e) => e.kind === 'command' && e.status !== 200)).toEqual([]);
    expect(legs.every((l) => l.from === cc.e164)).toBe(true);
    expect(run.record).toMatchObject({
      kind: 'callback',
      direction: 'outbound',
      outcome: 'connected',
      agentUserId: a!.id,
      toNumber: customer,
      fromNumber: cc.e164,
    });
    const cb = await until('done', async () => {
      const row = await globalDb(env).select().from(callbacks).where(eq(callbacks.id, callbackId)).get();
      return row?.status === 'done' ? row : null;
    });
    expect(cb).toMatchObject({ handledBy: a!.id, callId: run.record!.id });
    // An agent already on a call cannot dial.
    const other = await makeUser(cc.org.id, { role: 'agent' });
    const otherClient = await login(cc.org.name, other.loginId);
    expect(await (await post(otherClient, '/api/cc/outbound', { to: '010-5555-6666' })).json()).toMatchObject({ error: { code: 'offline' } });
  }, 30_000);
});
