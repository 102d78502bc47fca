import { runDurableObjectAlarm } from 'cloudflare:test';
import type { CallSession } from '../../durable-objects/call-session';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { WORKING_INSTANT } from '../fixtures/flow-kit';
import { commandKeys, placeCall, runCall, safeNumber, sessionView, settle, sim, waitForSession } from '../fixtures/calls';

const stripVolatile = (r: Record<string, unknown> | null) => {
  if (!r) return r;
  const { id: _id, callSessionId: _s, createdAt: _c, startedAt, answeredAt, endedAt, waitMs: _w, durationMs: _d, fromNumber: _f, ...rest } = r;
  return {
    ...rest,
    answered: answeredAt !== null,
    timesOrdered:
      (startedAt as number) <= ((answeredAt as number | null) ?? (startedAt as number)) &&
      ((answeredAt as number | null) ?? (startedAt as number)) <= (endedAt as number),
  };
};

describe('delivery faults do not change what the worker does', () => {
  it('duplicated and reordered deliveries give the same commands and the same call record as clean delivery', async () => {
    const n = await safeNumber();
    const callee = { number: n.mobile!, answer: 'after' as const, afterMs: 20, hangupAfterMs: 80 };
    const clean = await runCall({ to: n.e164, callee });
    const duplicated = await runCall({ to: n.e164, callee, faults: { duplicate: true } });
    const reordered = await runCall({ to: n.e164, callee, faults: { reorder: true } });
    const delayed = await runCall({ to: n.e164, callee, faults: { duplicate: true, reorder: true, delayMs: 15 } });
    for (const run of [duplicated, reordered, delayed]) {
      expect(commandKeys(run)).toEqual(commandKeys(clean));
      expect(stripVolatile(run.record)).toEqual(stripVolatile(clean.record));
    }
    // The faults really happened: some webhooks arrived after one produced later, duplicates twice.
    const order = reordered.webhooks.map((w) => w.produced!);
    expect(order.some((p, i) => i > 0 && p < order[i - 1]!)).toBe(true);
    expect(duplicated.webhooks.length).toBe(2 * clean.webhooks.length);
    expect(duplicated.session.eventsSeen).toBe(clean.session.eventsSeen);
  });

  it('a command that gets 500 twice then 200 is sent three times with one command_id and acts once', async () => {
    const n = await safeNumber();
    const run = await runCall({
      to: n.e164,
      callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 40 },
      faults: { failCommands: [{ action: 'answer', status: 500, times: 2 }] },
    });
    const answers = run.carrierCommands.filter((c) => c.name === 'answer');
    expect(answers.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(answers.map((a) => a.commandId)).size).toBe(1);
    expect(run.webhooks.filter((w) => w.name === 'call.answered' && w.leg === answers[0]!.leg)).toHaveLength(1);
    expect(run.session.commands.find((c) => c.key === 'answer:caller')).toMatchObject({ ok: true, attempts: 3 });
    expect(run.record?.outcome).toBe('connected');
  });

  it('a command that finally fails ends the call safely: error announcement, then hang up; no leg left up', async () => {
    const n = await safeNumber();
    const run = await runCall({
      to: n.e164,
      callee: { number: n.mobile!, answer: 'after', afterMs: 10 },
      faults: { failCommands: [{ action: 'bridge', status: 500, times: 10 }] },
    });
    const keys = commandKeys(run);
    expect(keys).toContain('bridge:bridge:failed');
    expect(keys).toContain('speak:caller:error:speak:ok');
    expect(keys).toContain('hangup:callee:fail:hangup:ok');
    expect(run.sim.legs.every((l) => l.state === 'ended')).toBe(true);
    expect(run.record?.outcome).toBe('failed');
  });

  it('a 4xx is not retried', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, faults: { failCommands: [{ action: 'answer', status: 403, times: 1 }] } });
    expect(run.carrierCommands.filter((c) => c.name === 'answer')).toHaveLength(1);
    // The caller was never answered, so there is nothing to say: the leg is hung up.
    expect(commandKeys(run)).toEqual(['answer:caller:answer:failed', 'hangup:caller:fail:hangup:ok']);
    expect(run.record?.outcome).toBe('failed');
  });
});

describe('a hangup the carrier will not take', () => {
  it('is tried again by the cleanup timer, so no leg stays up', async () => {
    const n = await safeNumber();
    // The caller's first hangup (all four attempts) fails; the callee is busy, so the flow hangs up the caller.
    const sessionId = await placeCall({
      to: n.e164,
      callee: { number: n.mobile!, answer: 'busy' },
      faults: { failCommands: [{ action: 'hangup', status: 500, times: 4 }] },
    });
    const view = await waitForSession(sessionId, (v) => v.commands.some((c) => c.key === 'hangup:caller'));
    expect(view.commands.find((c) => c.key === 'hangup:caller')).toMatchObject({ ok: false, attempts: 4 });
    expect(view.timers.find((t) => t.name === 'silence')!.at).toBeLessThan(Date.now() + 31_000);
    const session = { id: sessionId };
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(session.id));
    expect(await stub.expireTimer('silence')).toBe(true);
    await runDurableObjectAlarm(stub);
    const after = await settle(session.id, true);
    expect(after.session.commands.map((c) => `${c.key}:${c.ok}`)).toContain('hangup:caller:cleanup:true');
    expect(after.sim.legs.every((l) => l.state === 'ended')).toBe(true);
    expect(after.record?.outcome).toBe('missed');
  });
});

describe('timeouts that do not depend on the carrier', () => {
  /** A call whose mobile rings "forever" (carrier timeout far away), settled in the ringing phase. */
  async function ringingCall() {
    // 600 s ring timeout at 1/20 speed: the carrier would give up after 30 s, long after the test.
    const n = await safeNumber({ ringTimeoutSeconds: 600 });
    await sim('/api/parties', { number: n.mobile!, answer: 'never' });
    const placed = await sim<{ callSessionId: string }>('/api/calls', { from: '+821011112222', to: n.e164, timeScale: 0.05, at: WORKING_INSTANT });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const view = await sessionView(placed.callSessionId);
      if (view.state?.phase === 'ringing' && view.pendingEvents === 0 && view.commands.some((c) => c.key === 'dial:callee')) break;
      if (Date.now() > deadline) throw new Error('call never reached ringing');
      await new Promise((r) => setTimeout(r, 15));
    }
    return { n, sessionId: placed.callSessionId, stub: env.CALL_SESSION.get(env.CALL_SESSION.idFromName(placed.callSessionId)) };
  }

  const expire = async (stub: DurableObjectStub<CallSession>, name: string) => expect(await stub.expireTimer(name)).toBe(true);

  it('our own ring deadline: hang up the mobile, unavailable announcement, missed', async () => {
    const { sessionId, stub } = await ringingCall();
    await expire(stub, 'ring');
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const run = await settle(sessionId, true);
    expect(commandKeys({ ...run, sessionId })).toEqual([
      'answer:caller:answer:ok',
      'speak:caller:waiting:speak:ok',
      'dial:callee:dial:ok',
      'hangup:callee:hangup:ok',
      'speak:caller:unavailable:speak:ok',
      'hangup:caller:hangup:ok',
    ]);
    expect(run.record?.outcome).toBe('missed');
  });

  it('a session that hears nothing for too long hangs up its legs and records the outcome', async () => {
    const { sessionId, stub } = await ringingCall();
    await expire(stub, 'silence');
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const run = await settle(sessionId, true);
    const keys = commandKeys({ ...run, sessionId });
    expect(keys).toContain('hangup:caller:cleanup:hangup:ok');
    expect(keys).toContain('hangup:callee:cleanup:hangup:ok');
    expect(run.sim.legs.every((l) => l.state === 'ended')).toBe(true);
    expect(run.record?.outcome).toBe('failed');
    expect(run.session.recordWritten).toBe(true);
  });

  it('a finished session forgets itself after the late-recording window', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'busy' } });
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(run.sessionId));
    await expire(stub, 'linger');
    await runDurableObjectAlarm(stub);
    const view = await sessionView(run.sessionId);
    expect(view.state).toBeNull();
    expect(view.eventsSeen).toBe(0);
  });
});
