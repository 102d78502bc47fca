// A flow run in several rounds (scripts/bench/flows.ts combineRounds): one row whose CPU and twin are
// the rounds' means and whose "above the twin" is their ratio, each round's pair kept beside.
import { describe, expect, it } from 'vitest';
import { combineRounds, type FlowRow } from '../../scripts/bench/flows';

const ops = {
  webhooks: 3,
  carrierRequests: 5,
  endedLegCommands: 0,
  d1Statements: 2,
  doRequests: 6,
  newObjects: 1,
  apiRequests: 0,
  durableInputs: 4,
  storageWrites: 5,
  docBytes: 3000,
  alarmWrites: 1,
  alarmRuns: 1,
};

function row(cpuMs: number, twinMs: number, calls = 60): FlowRow {
  return {
    flow: 'after-hours',
    calls,
    recorded: calls,
    cpuMs,
    floorMs: 20,
    floorParts: { 'object requests': 20 },
    idleMsPerCall: 0.1,
    readsMsPerCall: 1,
    windowS: 80,
    aboveFloor: cpuMs / 20 - 1,
    atRate: { gapMs: 30, platform: {} as never, floorMs: 25, floorParts: {}, aboveFloor: cpuMs / 25 - 1 },
    twin: { aboveTwin: cpuMs / twinMs - 1, cpuMs: twinMs, requests: 180, objects: 60, windowS: 81, idleMsPerCall: 0.1 },
    perCall: ops,
    commands: { answer: 1 },
  };
}

describe('combineRounds', () => {
  it('one round is the row as it came, with no rounds listed', () => {
    const one = row(30, 20);
    expect(combineRounds([one])).toBe(one);
  });

  it('three rounds: means of CPU and twin, above the twin their ratio, every floor re-priced, each pair kept', () => {
    const combined = combineRounds([row(30, 20), row(24, 20), row(36, 32)]);
    expect(combined.cpuMs).toBe(30);
    expect(combined.twin?.cpuMs).toBe(24);
    expect(combined.twin?.aboveTwin).toBeCloseTo(0.25, 10);
    expect(combined.aboveFloor).toBeCloseTo(0.5, 10);
    expect(combined.atRate?.aboveFloor).toBeCloseTo(0.2, 10);
    expect(combined.calls).toBe(180);
    expect(combined.recorded).toBe(180);
    expect(combined.twin?.requests).toBe(540);
    expect(combined.rounds?.map((r) => Math.round(r.aboveTwin * 100))).toEqual([50, 20, 13]);
  });

  it('no rounds is an error, not an empty row', () => {
    expect(() => combineRounds([])).toThrow(/no rounds/);
  });
});
