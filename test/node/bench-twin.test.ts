// The bench's twin of a flow (scripts/bench/twin-plan.ts): the flow's requests become twin steps that
// together do exactly the operations the flow was counted doing, each call's object set to retire
// as long after its last request as the flow's calls did.
import { describe, expect, it } from 'vitest';
import { share, twinSteps, type FlowTimeline, type TwinOps } from '../../scripts/bench/twin-plan';

const perCall: TwinOps = {
  carrierRequests: 2.5,
  d1Statements: 4,
  d1Writes: 2,
  d1Batches: 0.5,
  d1BatchedStatements: 1.5,
  doRequests: 5,
  storageWrites: 6,
  docBytes: 2000,
  alarmWrites: 3,
  alarmRuns: 1.5,
  recordingCopies: 0.5,
};

// Two calls: sessions a and b, three webhooks each, and one API request.
const timeline: FlowTimeline = {
  deliveries: [
    { session: 'a', sentAt: 1_000, bytes: 900 },
    { session: 'b', sentAt: 1_050, bytes: 900 },
    { session: 'a', sentAt: 1_200, bytes: 900 },
    { session: 'a', sentAt: 1_900, bytes: 100 },
    { session: 'b', sentAt: 2_000, bytes: 900 },
    { session: 'b', sentAt: 2_500, bytes: 900 },
  ],
  apiAt: [1_100],
  quietAt: 62_500,
  calls: 2,
  perCall,
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('share', () => {
  it('splits a total into parts that add up to it, none more than one apart', () => {
    for (const [total, n] of [
      [7, 3],
      [0, 4],
      [3, 7],
      [12, 12],
    ] as const) {
      const parts = Array.from({ length: n }, (_, i) => share(total, n, i));
      expect(sum(parts)).toBe(total);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }
  });
});

describe('twinSteps', () => {
  const steps = twinSteps(timeline);

  it('is one step per request, in the order and at the offsets they came; webhooks verify, the API request goes to a live object', () => {
    expect(steps.map((s) => [s.offsetMs, s.step.call, s.step.verify])).toEqual([
      [0, 'a', true],
      [50, 'b', true],
      [100, null, false],
      [200, 'a', true],
      [900, 'a', true],
      [1_000, 'b', true],
      [1_500, 'b', true],
    ]);
  });

  it("does, over all its steps, the flow's operations: object calls, documents, D1 round trips, carrier requests, copies", () => {
    const s = steps.map((x) => x.step);
    // Seven requests are seven object calls; the rest of the ten, and the alarm run beyond one per call object, go to a live object.
    expect(sum(s.map((x) => x.objectCalls))).toBe(10 - 7 + (3 - 2));
    // Twelve writes, two of them the call objects' deletions at their alarms.
    expect(sum(s.map((x) => x.puts))).toBe(10);
    expect(s[0]!.putBytes).toBe((2000 * 12) / 10);
    const trips = s.flatMap((x) => x.d1);
    expect(trips).toHaveLength(8 - 3 + 1);
    expect(sum(trips.map((t) => t.reads + t.writes))).toBe(8);
    expect(sum(trips.map((t) => t.writes))).toBe(4);
    // The one batch holds three statements, its writes first.
    expect(trips.filter((t) => t.reads + t.writes > 1)).toEqual([{ reads: 0, writes: 3 }]);
    expect(sum(s.map((x) => x.fetches))).toBe(5);
    expect(sum(s.map((x) => x.copies))).toBe(1);
  });

  it("sets each call object's alarm on its first request, for as long after its last request as the flow lingered", () => {
    const byCall = (c: string) => steps.filter((x) => x.step.call === c).map((x) => x.step);
    const linger = 62_500 - 2_500;
    for (const [c, last] of [
      ['a', 1_900],
      ['b', 2_500],
    ] as const) {
      const own = byCall(c);
      expect(own[0]!.alarmWrites).toBeGreaterThanOrEqual(1);
      expect(new Set(own.map((x) => x.alarmAt))).toEqual(new Set([last - 1_000 + linger]));
    }
    expect(sum(steps.map((x) => x.step.alarmWrites))).toBe(6);
  });

  it("pads a step's body to its webhook's size", () => {
    expect(JSON.stringify(steps[0]!.step).length).toBeGreaterThanOrEqual(880);
    expect(JSON.stringify(steps[0]!.step).length).toBeLessThanOrEqual(900);
    expect(steps[4]!.step.pad).toBeUndefined();
  });
});
