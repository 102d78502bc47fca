// A transfer through signed webhooks and the carrier simulator, which ends bridges as Telnyx does
// (issue 16): a leg bridged without park_after_unbridge is hung up when its opposite leg hangs up or
// is bridged elsewhere. Agent 1 transfers the caller to ready agent 3; the caller must stay up,
// end bridged to agent 3, and the record must name agent 3 only once agent 3 talked.
import { describe, expect, it } from 'vitest';
import { sim, settle, type SimView } from '../fixtures/calls';
import { contactCenter, phone, recordOf, until, view, type CcAgent } from '../fixtures/contact-center-live';
import { login, type Client } from '../fixtures/orgs';
import { placeCall, waitForSession } from '../fixtures/calls';

const post = (c: Client, path: string, json: unknown = {}) => c.fetch(path, { method: 'POST', json });
const simView = (sessionId: string) => sim<SimView>(`/api/sessions/${sessionId}`);
const legTo = (v: SimView, number: string) => v.legs.find((l) => l.direction === 'outgoing' && l.to === number && !l.supervises);
const callerOf = (v: SimView) => v.legs.find((l) => l.direction === 'incoming')!;

type QueueState = { agent: string | null; agents: { role: string; userId: string }[] };
/** Whom the call session names as the agent on the call right now (what the record will say). */
async function agentOnCall(sessionId: string) {
  const s = (await waitForSession(sessionId, () => true)).state as unknown as QueueState;
  return s.agents.find((a) => a.role === s.agent)?.userId ?? null;
}

async function signIn(orgName: string, a: CcAgent) {
  const client = await login(orgName, a.loginId);
  expect((await post(client, '/api/cc/me/login')).status).toBe(200);
  return client;
}

describe('transfer under the carrier’s bridge rule (issue 16)', () => {
  it('agent 1 transfers to ready agent 3: the caller stays up and ends bridged to agent 3; the record names agent 3 only after agent 3 talked; no hangup to an ended leg', async () => {
    const cc = await contactCenter({ agents: 3 });
    const [a1, a2, a3] = cc.agents;
    const client1 = await signIn(cc.org.name, a1!);
    await phone(a1!, { answer: 'after', afterMs: 20 });
    await phone(a3!, { answer: 'manual' });
    const sessionId = await placeCall({ to: cc.e164, timeScale: 0.02 });
    await waitForSession(sessionId, (v) => v.state?.phase === 'connected');
    await until('agent 1 on call', async () => ((await view(a1!))?.state === 'on_call' ? true : null));
    // Agent 3 logs in after the call is with agent 1 (agent 2 never does).
    await signIn(cc.org.name, a3!);
    await until('agent 3 ready', async () => ((await view(a3!))?.state === 'ready' ? true : null));

    expect((await post(client1, '/api/cc/me/call/transfer', { toUserId: a3!.id })).status).toBe(202);
    const ringing = await until('agent 3 rings', async () => {
      const v = await simView(sessionId);
      return legTo(v, a3!.mobile)?.state === 'ringing' ? v : null;
    });
    // While agent 3 rings the caller is still bridged with agent 1, and the call is agent 1's.
    const leg1 = legTo(ringing, a1!.mobile)!;
    expect(callerOf(ringing)).toMatchObject({ state: 'bridged', peer: leg1.callControlId });
    expect(leg1.state).toBe('bridged');
    expect(await agentOnCall(sessionId)).toBe(a1!.id);

    const leg3 = legTo(ringing, a3!.mobile)!;
    await sim(`/api/legs/${encodeURIComponent(leg3.callControlId)}/answer`, {});
    const moved = await until('caller bridged to agent 3', async () => {
      const v = await simView(sessionId);
      return callerOf(v).peer === leg3.callControlId ? v : null;
    });
    // The caller was never hung up; agent 1's leg was ended by the carrier when the caller left its bridge.
    expect(callerOf(moved).state).toBe('bridged');
    expect(legTo(moved, a1!.mobile)!.state).toBe('ended');
    expect(legTo(moved, a3!.mobile)).toMatchObject({ state: 'bridged', peer: callerOf(moved).callControlId });
    await until('agent 3 named', async () => ((await agentOnCall(sessionId)) === a3!.id ? true : null));
    await until('agent 3 on call', async () => ((await view(a3!))?.state === 'on_call' ? true : null));
    expect(await recordOf(sessionId)).toBeNull();

    // The caller and agent 3 talk; the caller hangs up, and the carrier ends agent 3's leg with the bridge.
    await sim(`/api/legs/${encodeURIComponent(callerOf(moved).callControlId)}/hangup`, {});
    const run = await settle(sessionId, true, 20_000);
    expect(run.record).toMatchObject({ outcome: 'connected', agentUserId: a3!.id, hangupSource: 'caller:caller' });
    expect(run.sim.legs.every((l) => l.state === 'ended')).toBe(true);
    // Every command was accepted: none met a leg Telnyx had already ended (no 422 "Call has already ended").
    expect(run.carrierCommands.filter((c) => c.status !== 200)).toEqual([]);
    // The flow sent no hangup at all: agent 1 and agent 3 were hung up by the carrier, the caller by themself.
    expect(run.carrierCommands.filter((c) => c.name === 'hangup')).toEqual([]);
    const bridges = run.carrierCommands.filter((c) => c.name === 'bridge');
    expect(bridges.map((c) => c.leg)).toEqual([callerOf(moved).callControlId, callerOf(moved).callControlId]);
    // Agent 1 was told the call ended at the transfer, and agent 2 never saw it.
    await until('agent 1 after call', async () => ((await view(a1!))?.lastCall?.callSessionId === sessionId ? true : null));
    expect((await view(a2!))?.state ?? 'offline').toBe('offline');
  }, 40_000);

  it('with webhooks duplicated and reordered, the transfer still keeps the caller and names agent 3', async () => {
    const cc = await contactCenter({ agents: 2 });
    const [a1, a3] = cc.agents;
    const client1 = await signIn(cc.org.name, a1!);
    await phone(a1!, { answer: 'after', afterMs: 20 });
    await phone(a3!, { answer: 'after', afterMs: 20 });
    const sessionId = await placeCall({ to: cc.e164, timeScale: 0.02, faults: { duplicate: true, reorder: true } });
    await waitForSession(sessionId, (v) => v.state?.phase === 'connected', 20_000);
    await signIn(cc.org.name, a3!);
    await until('agent 3 ready', async () => ((await view(a3!))?.state === 'ready' ? true : null));
    expect((await post(client1, '/api/cc/me/call/transfer', { toUserId: a3!.id })).status).toBe(202);
    const moved = await until(
      'caller bridged to agent 3',
      async () => {
        const v = await simView(sessionId);
        const leg3 = legTo(v, a3!.mobile);
        return leg3 && callerOf(v).peer === leg3.callControlId ? v : null;
      },
      20_000,
    );
    await until('agent 3 named', async () => ((await agentOnCall(sessionId)) === a3!.id ? true : null));
    await sim(`/api/legs/${encodeURIComponent(callerOf(moved).callControlId)}/hangup`, {});
    const run = await settle(sessionId, true, 30_000);
    expect(run.record).toMatchObject({ outcome: 'connected', agentUserId: a3!.id });
    // Whatever the order, the flow never hung up the live caller. (A swapped pair can show agent 3's
    // carrier hangup before the caller's own: the flow's hangup then meets an ended leg, 422, which
    // the command client counts as success.)
    const caller = callerOf(moved).callControlId;
    const callerLeft = run.sim.log.findIndex((e) => e.kind === 'script' && e.name === 'hangup' && e.leg === caller);
    const toCaller = run.sim.log.flatMap((e, i) => (e.kind === 'command' && e.name === 'hangup' && e.leg === caller ? [{ i, status: e.status }] : []));
    expect(toCaller.every((c) => c.i > callerLeft && c.status === 422)).toBe(true);
    expect(run.record!.hangupSource).toBe('caller:caller');
  }, 60_000);

  it('agent 1 hangs up while agent 3 still rings: the caller is parked on hold audio, not dropped, and agent 3 gets them', async () => {
    const cc = await contactCenter({ agents: 2 });
    const [a1, a3] = cc.agents;
    const client1 = await signIn(cc.org.name, a1!);
    await phone(a1!, { answer: 'after', afterMs: 20 });
    await phone(a3!, { answer: 'manual' });
    const sessionId = await placeCall({ to: cc.e164, timeScale: 0.02 });
    await waitForSession(sessionId, (v) => v.state?.phase === 'connected');
    await signIn(cc.org.name, a3!);
    await until('agent 3 ready', async () => ((await view(a3!))?.state === 'ready' ? true : null));
    expect((await post(client1, '/api/cc/me/call/transfer', { toUserId: a3!.id })).status).toBe(202);
    const ringing = await until('agent 3 rings', async () => {
      const v = await simView(sessionId);
      return legTo(v, a3!.mobile)?.state === 'ringing' ? v : null;
    });
    // Agent 1 puts the phone down at once (a blind transfer).
    await sim(`/api/legs/${encodeURIComponent(legTo(ringing, a1!.mobile)!.callControlId)}/hangup`, {});
    const parked = await until('caller parked', async () => {
      const v = await simView(sessionId);
      return callerOf(v).state === 'answered' && callerOf(v).playing ? v : null;
    });
    expect(callerOf(parked).peer).toBeNull();
    await sim(`/api/legs/${encodeURIComponent(legTo(ringing, a3!.mobile)!.callControlId)}/answer`, {});
    await until('caller bridged to agent 3', async () => {
      const v = await simView(sessionId);
      return callerOf(v).peer === legTo(v, a3!.mobile)!.callControlId && !callerOf(v).playing ? true : null;
    });
    await sim(`/api/legs/${encodeURIComponent(callerOf(parked).callControlId)}/hangup`, {});
    const run = await settle(sessionId, true, 20_000);
    expect(run.record).toMatchObject({ outcome: 'connected', agentUserId: a3!.id });
    expect(run.carrierCommands.filter((c) => c.status !== 200)).toEqual([]);
  }, 40_000);
});
