// Counters of this isolate's work, for the benchmark (served at /_sim/api/worker-stats when the
// simulator is on): what each webhook costs in storage, D1 and carrier requests.
export const metrics = {
  /** Inputs a Durable Object host accepted (carrier events, RPC calls), duplicates excluded. */
  events: 0,
  /** Reductions (steps) the hosts ran. */
  steps: 0,
  /** Durable Object storage writes, every put or delete (countStorageWrite): the hosts' documents and the objects' other keys (the shield's counts, the popup's live calls). */
  storageWrites: 0,
  /** Of those, the hosts' document writes (one per step at most, plus one when a step's work settles). */
  docWrites: 0,
  /** setAlarm calls. */
  alarmWrites: 0,
  /** Alarms the runtime ran on our objects; counted only when BENCH_METER is on. */
  alarmRuns: 0,
  /** Routing snapshot reads on the inbound path (D1). */
  snapshotReads: 0,
  /** CallSessions begun (a session's first input) and retired (its work over, its storage deleted): equal when no call is in hand. */
  sessionsStarted: 0,
  sessionsRetired: 0,
  /** Call records written (D1). */
  callRecordWrites: 0,
  /** Webhooks refused with 503 because the isolate was past what it can carry. */
  shed: 0,
  /** D1 statements prepared (each is one statement run, alone or in a batch); counted only when BENCH_METER is on. */
  d1Statements: 0,
  /** Of those, the ones that write (INSERT, UPDATE, DELETE, REPLACE); batches run and the statements in them (one round trip each batch). */
  d1Writes: 0,
  d1Batches: 0,
  d1BatchedStatements: 0,
  /** Calls into our Durable Objects (RPC methods and fetch), by any caller, counted where they arrive; only when BENCH_METER is on. */
  doRequests: 0,
  /** Bytes of the documents the object hosts stored (their JSON text); counted only when BENCH_METER is on. */
  storageBytes: 0,
};

/** Set by meterEnv when the bench asked for its counters (BENCH_METER=on). */
export const metering = { on: false };

/**
 * Counts one durable write by an object (a put of `value`, or a delete when none): every object's
 * writes, not only its host's document, so a flow's counts hold the writes the bench's twin repeats.
 */
export function countStorageWrite(value?: unknown) {
  metrics.storageWrites++;
  if (metering.on && value !== undefined) metrics.storageBytes += typeof value === 'string' ? value.length : JSON.stringify(value).length;
}

/** Jobs the CallSession hosts carried out, by kind (`command:answer`, `effect:route`, …). */
export const jobCounts: Record<string, number> = {};
