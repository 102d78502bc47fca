// Queue calls end to end through the carrier simulator and signed webhooks (issue 11): callers to a
// service number wait in the Queue object's line, agents' phones ring with offers, answer or not,
// and the records, the agents' states and the commands show what happened.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { globalDb } from '../../worker/db/client';
import { agentStateHistory, callbacks } from '../../worker/db/schema';
import { callerDoes, placeCall, settle, sim, waitForSession, type SimView } from '../fixtures/calls';
import { contactCenter, phone, queueStub, ready, recordOf, until, view } from '../fixtures/contact-center-live';

const TIME_SCALE = 0.02;

describe('queue calls through the simulator', () => {
  it('one caller is offered to the ready agent, who hears the queue named, and is bridged; the record comes before call_ended', async () => {
    const cc = await contactCenter({ agents: 1, afterCall: 'acw' });
    const [a] = cc.agents;
    await phone(a!, { answer: 'after', afterMs: 30, hangupAfterMs: 200 });
    await ready(cc.org.id, a!);
    const sessionId = await placeCall({ to: cc.e164, timeScale: TIME_SCALE });
    const run = await settle(sessionId, true);
    expect(run.session.flow).toBe('queue');
    expect(run.record).toMatchObject({ kind: 'queue', direction: 'inbound', outcome: 'connected', agentUserId: a!.id, queueId: cc.queueId });
    expect(run.record!.answeredAt).not.toBeNull();
    expect(run.record!.waitMs).toBeGreaterThanOrEqual(0);
    expect(run.record!.durationMs).toBeGreaterThan(0);
    const speaks = run.carrierCommands.filter((c) => c.name === 'speak').map((c) => c.text);
    expect(speaks.some((t) => t?.includes('1번'))).toBe(true);
    expect(speaks).toContain('민원상담 상담 전화입니다.');
    expect(run.carrierCommands.some((c) => c.name === 'playback_start')).toBe(true);
    // The agent hung up: the caller, bridged with park_after_unbridge "self", was parked and hung up
    // by the flow; no command met a leg the carrier had already ended.
    expect(run.carrierCommands.filter((c) => c.status !== 200)).toEqual([]);
    expect(run.carrierCommands.filter((c) => c.name === 'hangup')).toHaveLength(1);
    // After the call: ACW (the org's after-call state), and the call's ACW written when it ends.
    const after = await until('acw', async () => ((await view(a!))?.state === 'acw' ? view(a!) : null));
    expect(after).toMatchObject({ reason: 'after_call', lastCall: { callSessionId: sessionId }, today: { answered: 1 } });
  });

  it('3 agents and 10 simultaneous callers: served in the order they joined, never two offers to one agent or one caller', async () => {
    const cc = await contactCenter({ agents: 3 });
    for (const a of cc.agents) await phone(a, { answer: 'after', afterMs: 20, hangupAfterMs: 150 });
    for (const a of cc.agents) await ready(cc.org.id, a);
    const sessions = await Promise.all(Array.from({ length: 10 }, () => placeCall({ to: cc.e164, timeScale: TIME_SCALE })));
    const runs = await Promise.all(sessions.map((s) => settle(s, true, 40_000)));
    const records = runs.map((r) => r.record!);
    expect(records.every((r) => r.outcome === 'connected')).toBe(true);
    // Every caller got exactly one agent leg dialled (no double offers), and each agent's calls never overlap.
    for (const r of runs) expect(r.carrierCommands.filter((c) => c.name === 'dial')).toHaveLength(1);
    const byAgent = new Map<string, { from: number; to: number }[]>();
    for (const r of records) byAgent.set(r.agentUserId!, [...(byAgent.get(r.agentUserId!) ?? []), { from: r.answeredAt!, to: r.endedAt! }]);
    expect([...byAgent.keys()].sort()).toEqual(cc.agents.map((a) => a.id).sort());
    for (const spans of byAgent.values()) {
      spans.sort((x, y) => x.from - y.from);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
    }
    // In order: a caller who joined earlier had their agent dialled no later than one who joined after.
    const joined = runs.map((r) => ({
      joinedAt: (r.session.state as { joinedAt: number }).joinedAt,
      dialAt: r.carrierCommands.find((c) => c.name === 'dial')!.at,
    }));
    joined.sort((x, y) => x.joinedAt - y.joinedAt);
    for (let i = 1; i < joined.length; i++) expect(joined[i]!.dialAt).toBeGreaterThanOrEqual(joined[i - 1]!.dialAt);
    const q = await queueStub(cc.queueId).view(cc.org.id, cc.queueId);
    expect(q!.today).toMatchObject({ inbound: 10, answered: 10, abandoned: 0 });
  }, 60_000);

  it('an agent whose phone rings out goes to break (missed_offer) and the next agent gets the call', async () => {
    const cc = await contactCenter({ agents: 2, ringTimeoutSeconds: 1 });
    const [first, second] = cc.agents;
    await phone(first!, { answer: 'never' });
    await phone(second!, { answer: 'after', afterMs: 20, hangupAfterMs: 100 });
    await ready(cc.org.id, first!);
    await new Promise((r) => setTimeout(r, 5));
    await ready(cc.org.id, second!);
    const sessionId = await placeCall({ to: cc.e164, timeScale: 0.5 });
    const run = await settle(sessionId, true, 20_000);
    const dials = run.sim.log.filter((e) => e.kind === 'command' && e.name === 'dial');
    expect(dials).toHaveLength(2);
    expect(run.record).toMatchObject({ outcome: 'connected', agentUserId: second!.id });
    const missed = await until('break', async () => ((await view(first!))?.state === 'break' ? view(first!) : null));
    expect(missed).toMatchObject({ reason: 'missed_offer', missedOffers: 1 });
    const rows = await globalDb(env)
      .select()
      .from(agentStateHistory)
      .where(and(eq(agentStateHistory.userId, first!.id), eq(agentStateHistory.reason, 'missed_offer')))
      .all();
    expect(rows).toHaveLength(1);
  }, 30_000);

  it('a caller who hangs up while waiting is counted abandoned with the time waited', async () => {
    const cc = await contactCenter({ agents: 1 });
    await ready(cc.org.id, cc.agents[0]!, 'break');
    const sessionId = await placeCall({ to: cc.e164, timeScale: TIME_SCALE });
    await waitForSession(sessionId, (v) => v.state?.phase === 'waiting' && (v.state as { joinedAt: number | null }).joinedAt !== null);
    await new Promise((r) => setTimeout(r, 120));
    await callerDoes(sessionId, 'hangup');
    const run = await settle(sessionId, true);
    expect(run.record).toMatchObject({ kind: 'queue', outcome: 'abandoned', agentUserId: null, answeredAt: null });
    expect(run.record!.waitMs).toBeGreaterThanOrEqual(100);
    const q = await until('counted', async () => {
      const v = await queueStub(cc.queueId).view(cc.org.id, cc.queueId);
      return v && v.today.abandoned === 1 ? v : null;
    });
    expect(q.today).toMatchObject({ inbound: 1, abandoned: 1, answered: 0 });
    expect(q.waitingCalls).toBe(0);
  });

  it('pressing 1 while waiting stores a callback with the caller’s number, keeps the place in line and ends the call politely', async () => {
    const cc = await contactCenter({ agents: 1 });
    await ready(cc.org.id, cc.agents[0]!, 'break');
    const from = '+821077778888';
    const sessionId = await placeCall({ to: cc.e164, from, timeScale: TIME_SCALE });
    await waitForSession(sessionId, (v) => v.state?.phase === 'waiting' && (v.state as { joinedAt: number | null }).joinedAt !== null);
    await callerDoes(sessionId, 'dtmf', '1');
    const run = await settle(sessionId, true);
    expect(run.record).toMatchObject({ kind: 'queue', outcome: 'callback' });
    expect(run.carrierCommands.filter((c) => c.name === 'speak').map((c) => c.text)).toContain(
      '콜백 요청이 접수되었습니다. 상담원이 곧 전화드리겠습니다. 감사합니다.',
    );
    const rows = await globalDb(env).select().from(callbacks).where(eq(callbacks.queueId, cc.queueId)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ number: from, status: 'pending' });
    const q = await queueStub(cc.queueId).view(cc.org.id, cc.queueId);
    expect(q).toMatchObject({ waitingCalls: 0, waitingCallbacks: 1, today: { callbacksRequested: 1 } });
    expect(q!.waiting[0]).toMatchObject({ kind: 'callback', caller: { number: from, national: '010-7777-8888' } });
    expect(rows[0]!.requestedAt).toBe((run.session.state as { joinedAt: number }).joinedAt);
  });

  it('with nobody logged in the caller overflows to the callback offer; not pressing 1 ends with the closing line', async () => {
    const cc = await contactCenter({ agents: 1 });
    const sessionId = await placeCall({ to: cc.e164, timeScale: TIME_SCALE });
    const run = await settle(sessionId, true);
    expect(run.record).toMatchObject({ kind: 'queue', outcome: 'overflow' });
    expect(run.carrierCommands.some((c) => c.name === 'gather_using_speak')).toBe(true);
    const simView = await sim<SimView>(`/api/sessions/${sessionId}`);
    expect(simView.legs.every((l) => l.state === 'ended')).toBe(true);
  });

  it('overflow to voicemail hands the caller to the voicemail flow for the queue’s owner; the record stays the queue’s', async () => {
    const cc = await contactCenter({ agents: 2, overflow: 'voicemail' });
    const sessionId = await placeCall({ to: cc.e164, timeScale: TIME_SCALE, hangupAfterMs: 1_500 });
    const run = await settle(sessionId, true, 20_000);
    expect(run.session.flow).toBe('voicemail');
    expect(run.record).toMatchObject({ kind: 'queue', queueId: cc.queueId, ownerUserId: cc.agents[0]!.id });
    expect(['voicemail', 'overflow']).toContain(run.record!.outcome);
    expect(run.carrierCommands.some((c) => c.name === 'record_start')).toBe(true);
  });

  it('while waiting the caller hears the hold audio, and the position and estimated wait at the queue’s interval', async () => {
    const cc = await contactCenter({ agents: 1, announceIntervalSeconds: 1 });
    await ready(cc.org.id, cc.agents[0]!, 'break');
    const sessionId = await placeCall({ to: cc.e164, timeScale: TIME_SCALE });
    const announced = await until('announced', async () => {
      const log = (await sim<SimView>(`/api/sessions/${sessionId}`)).log;
      return log.some((e) => e.name === 'speak' && e.text?.includes('번째')) && log.filter((e) => e.name === 'playback_start').length >= 2 ? log : null;
    });
    const names = announced.filter((e) => e.kind === 'command').map((e) => (e.name === 'speak' && e.text?.includes('번째') ? 'announce' : e.name));
    const at = names.indexOf('announce');
    expect(names.slice(0, at)).toContain('playback_start');
    expect(names[at - 1]).toBe('playback_stop');
    expect(names.slice(at + 1)).toContain('playback_start');
    expect(announced.find((e) => e.text?.includes('번째'))!.text).toContain('대기 순서는 1번째');
    await callerDoes(sessionId, 'hangup');
    await settle(sessionId, true);
  });
});
