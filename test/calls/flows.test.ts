import { describe, expect, it } from 'vitest';
import { commandKeys, runCall, safeNumber } from '../fixtures/calls';
import { randomNumber } from '../fixtures/telnyx-events';

describe('safe-number flows end to end (simulator → signed webhooks → CallSession → commands)', () => {
  it('connects: answer, waiting announcement, dial the mobile, whisper, bridge; the carrier hangs up the other side', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 20, hangupAfterMs: 80 } });
    // The mobile hangs up: Telnyx ends the bridge and hangs up the caller (bridged without
    // park_after_unbridge), so the flow sends no hangup to a leg that is already gone.
    expect(commandKeys(run)).toEqual([
      'answer:caller:answer:ok',
      'speak:caller:waiting:speak:ok',
      'dial:callee:dial:ok',
      'speak:callee:connect:speak:ok',
      'bridge:bridge:ok',
    ]);
    expect(run.carrierCommands.filter((c) => c.status !== 200)).toEqual([]);
    expect(run.webhooks.filter((w) => w.name === 'call.hangup').length).toBe(2);
    expect(run.record).toMatchObject({
      orgId: n.org.id,
      numberId: n.numberId,
      ownerUserId: n.owner.id,
      outcome: 'connected',
      toNumber: n.e164,
      kind: 'safe_number',
    });
    expect(run.record!.answeredAt).not.toBeNull();
    expect(run.record!.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.sim.legs.every((l) => l.state === 'ended')).toBe(true);
  });
});

describe('safe-number flows: when the call does not connect', () => {
  it('no answer: the carrier times the mobile out, the caller hears the unavailable announcement, missed', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'never' } });
    expect(commandKeys(run)).toEqual([
      'answer:caller:answer:ok',
      'speak:caller:waiting:speak:ok',
      'dial:callee:dial:ok',
      'speak:caller:unavailable:speak:ok',
      'hangup:caller:hangup:ok',
    ]);
    expect(run.record).toMatchObject({ outcome: 'missed', answeredAt: null, hangupCause: 'timeout' });
  });

  it('busy mobile: same path as no answer', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'busy' } });
    expect(run.record).toMatchObject({ outcome: 'missed', hangupCause: 'user_busy' });
    expect(run.sim.legs.every((l) => l.state === 'ended')).toBe(true);
  });

  it('caller gives up while the mobile rings: the mobile leg is hung up, abandoned', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'manual' }, hangupAfterMs: 150, timeScale: 1 });
    expect(commandKeys(run)).toEqual(['answer:caller:answer:ok', 'speak:caller:waiting:speak:ok', 'dial:callee:dial:ok', 'hangup:callee:hangup:ok']);
    expect(run.record).toMatchObject({ outcome: 'abandoned', answeredAt: null, hangupSource: 'caller:caller' });
    expect(run.sim.legs.map((l) => l.state)).toEqual(['ended', 'ended']);
  });

  it('unknown number: rejected without answering, no call record (no organisation to file it under)', async () => {
    const run = await runCall({ to: randomNumber('+82509'), expectRecord: false });
    expect(commandKeys(run)).toEqual(['reject:caller:reject:ok']);
    expect(run.record).toBeNull();
    expect(run.session.state?.outcome).toBe('unknown_number');
    expect(run.webhooks.map((w) => w.name)).toEqual(['call.initiated', 'call.hangup']);
  });

  it('paused number: the suspended announcement, then hang up; recorded as paused with its trace', async () => {
    const n = await safeNumber({ paused: true });
    const run = await runCall({ to: n.e164 });
    expect(commandKeys(run)).toEqual(['answer:caller:answer:ok', 'speak:caller:announce:speak:ok', 'hangup:caller:hangup:ok']);
    expect(run.record).toMatchObject({ outcome: 'paused', answeredAt: null });
    expect(run.record!.trace).toContainEqual({ rule: 'paused', matched: true, detail: {} });
  });

  it('recording on: record_start after the bridge, and the late call.recording.saved is kept', async () => {
    const n = await safeNumber({ recording: true });
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 60 } });
    expect(commandKeys(run)).toContain('record:caller:record_start:ok');
    expect(run.webhooks.map((w) => w.name)).toContain('call.recording.saved');
    expect(run.session.state?.recordingUrl).toMatch(/\/recordings\/.+\.mp3$/);
    expect(run.record?.outcome).toBe('connected');
  });

  it('every webhook the simulator sent was accepted by ingress (schema + signature)', async () => {
    const n = await safeNumber({ recording: true });
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 10, hangupAfterMs: 40 } });
    expect(run.webhooks.length).toBeGreaterThan(8);
    expect(run.webhooks.every((w) => w.status === 200)).toBe(true);
  });
});
