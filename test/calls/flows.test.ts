import { describe, expect, it } from 'vitest';
import { commandKeys, runCall, safeNumber } from '../fixtures/calls';
import { randomNumber } from '../fixtures/telnyx-events';

describe('safe-number flows end to end (simulator → signed webhooks → CallSession → commands)', () => {
  it('connects: answer, waiting announcement, dial the mobile, whisper, bridge, hang up the other side', async () => {
    const n = await safeNumber();
    const run = await runCall({ to: n.e164, callee: { number: n.mobile!, answer: 'after', afterMs: 20, hangupAfterMs: 80 } });
    expect(commandKeys(run)).toEqual([
      'answer:caller:answer:ok',
      'speak:caller:waiting:speak:ok',
      'dial:callee:dial:ok',
      'speak:callee:connect:speak:ok',
      'bridge:bridge:ok',
      'hangup:caller:hangup:ok',
    ]);
    expect(run.record).toMatchObject({ orgId: n.org.id, numberId: n.numberId, ownerUserId: n.owner.id, outcome: 'connected', toNumber: n.e164, kind: 'safe_number' });
    expect(run.record!.answeredAt).not.toBeNull();
    expect(run.record!.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.sim.legs.every((l) => l.state === 'ended')).toBe(true);
  });
});
