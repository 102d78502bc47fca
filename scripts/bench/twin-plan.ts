// The plan of a flow's twin (twin.ts): which operations each replayed request does. Pure, and free
// of the bench's Node and runtime imports, so the node tests can check it.
import type { TwinStep } from '../../worker/simulator/twin-step';

/** The counts per call the plan needs (scripts/bench/flows.ts FlowOps has them). */
export type TwinOps = {
  carrierRequests: number;
  d1Statements: number;
  d1Writes?: number;
  d1Batches?: number;
  d1BatchedStatements?: number;
  doRequests: number;
  storageWrites: number;
  docBytes: number;
  alarmWrites: number;
  alarmRuns: number;
  recordingCopies?: number;
};

/** What the real flow's window held: its requests with their moments, its operation totals. */
export type FlowTimeline = {
  deliveries: { session: string; sentAt: number; bytes: number }[];
  /** Moments (Date.now) of the API requests the flow made (an agent's outbound call). */
  apiAt: number[];
  /** When every session of the window had retired (Date.now). */
  quietAt: number;
  calls: number;
  perCall: TwinOps;
};

/** `total` split over `n` parts as evenly as integers allow, each part's share by index (ceil: the first part gets the remainder's first unit). */
export function share(total: number, n: number, i: number): number {
  return Math.ceil(((i + 1) * total) / n) - Math.ceil((i * total) / n);
}

/** The steps of a flow's twin, each with its offset (ms) from the window's first request. */
export function twinSteps(t: FlowTimeline): { offsetMs: number; step: TwinStep }[] {
  const requests = [
    ...t.deliveries.map((d) => ({ at: d.sentAt, call: d.session as string | null, bytes: d.bytes })),
    ...t.apiAt.map((at) => ({ at, call: null, bytes: 0 })),
  ].sort((a, b) => a.at - b.at);
  const n = requests.length;
  if (!n) return [];
  const first = requests[0]!.at;
  const total = (k: keyof TwinOps) => Math.round((t.perCall[k] ?? 0) * t.calls);

  // The calls' objects: one per carrier session, each retiring as long after its last request as
  // the window's last one did (the flow's linger), by its alarm.
  const sessions = new Map<string, { steps: number; last: number }>();
  for (const r of requests)
    if (r.call !== null) {
      const s = sessions.get(r.call) ?? { steps: 0, last: r.at };
      s.steps++;
      s.last = Math.max(s.last, r.at);
      sessions.set(r.call, s);
    }
  const lastRequest = requests[n - 1]!.at;
  const lingerMs = Math.max(0, t.quietAt - lastRequest);

  // Each request is one object call; the rest (other objects, alarms beyond one per call object) go to a live object.
  const objectCalls = Math.max(0, total('doRequests') - n) + Math.max(0, total('alarmRuns') - sessions.size);
  // Each call object's alarm deletes its document: one of the storage writes counted.
  const puts = Math.max(0, total('storageWrites') - sessions.size);
  const putBytes = puts ? Math.round((t.perCall.docBytes * total('storageWrites')) / puts) : 0;
  const alarmWrites = Math.max(sessions.size, total('alarmWrites'));

  // D1 round trips: the batches (writes first, as a call's record and its trace are), then statements alone.
  const statements = total('d1Statements');
  const batches = total('d1Batches');
  const batched = Math.min(statements, total('d1BatchedStatements'));
  const writes = Math.min(statements, total('d1Writes'));
  const batchedWrites = Math.min(writes, batched);
  const trips: { reads: number; writes: number }[] = [];
  for (let b = 0; b < batches; b++) {
    const size = share(batched, batches, b);
    const w = Math.min(size, share(batchedWrites, batches, b));
    trips.push({ reads: size - w, writes: w });
  }
  const alone = statements - batched;
  for (let i = 0; i < alone; i++) {
    const w = share(writes - batchedWrites, alone, i);
    trips.push({ reads: 1 - w, writes: w });
  }
  // Spread over the requests evenly (batches and singles interleaved as the list's even split falls).
  const tripsAt = (i: number) => {
    const from = Math.ceil((i * trips.length) / n);
    return trips.slice(from, Math.ceil(((i + 1) * trips.length) / n));
  };

  // Each call object's alarm writes (at least one: its alarm is set) spread over its own requests.
  const index = new Map([...sessions.keys()].map((k, i) => [k, i]));
  const seen = new Map<string, number>();
  return requests.map((r, i) => {
    let alarm = 0;
    let alarmAt: number | null = null;
    if (r.call !== null) {
      const k = seen.get(r.call) ?? 0;
      seen.set(r.call, k + 1);
      const s = sessions.get(r.call)!;
      alarm = share(share(alarmWrites, sessions.size, index.get(r.call)!), s.steps, k);
      // Offset from the first request: the replay turns it into a moment.
      alarmAt = s.last - first + lingerMs;
    }
    const step: TwinStep = {
      call: r.call,
      verify: r.call !== null,
      puts: share(puts, n, i),
      putBytes,
      alarmWrites: alarm,
      alarmAt,
      d1: tripsAt(i),
      fetches: share(total('carrierRequests'), n, i),
      objectCalls: share(objectCalls, n, i),
      copies: share(total('recordingCopies'), n, i),
    };
    // Filler to the webhook's own size: the twin reads and parses a body as large.
    const size = JSON.stringify(step).length;
    if (r.bytes > size + 10) step.pad = 'x'.repeat(r.bytes - size - 10);
    return { offsetMs: r.at - first, step };
  });
}
