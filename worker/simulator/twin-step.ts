// The shape of one request of a flow's twin: shared by the probe that serves it (probe.ts) and the
// bench that replays it (scripts/bench/twin.ts), without the worker's runtime types.

/**
 * One request of a flow's twin (scripts/bench/twin.ts): what one webhook or API request of the real
 * flow did, on average, by operation, with none of our code between them. The bench replays a
 * flow's requests at the moments they came, each as one of these, and takes the twin's CPU as the
 * runtime's floor for that flow.
 */
export type TwinStep = {
  /** The call's own object (a new one on its first step); null for a request to a live object (an API request). */
  call: string | null;
  /** A webhook's Ed25519 verify. */
  verify: boolean;
  /** Durable writes of the object's document (`putBytes` each), and its alarm set (`alarmWrites` times) for `alarmAt`. */
  puts: number;
  putBytes: number;
  alarmWrites: number;
  alarmAt: number | null;
  /** D1 round trips, in order: one statement alone, or a batch; each statement a read or a write. */
  d1: { reads: number; writes: number }[];
  /** Carrier requests (a command-sized POST each), calls to another live object, recordings copied (a fetch and an R2 put). */
  fetches: number;
  objectCalls: number;
  copies: number;
  /** Filler to a webhook body's size (the request reads and parses it). */
  pad?: string;
};
