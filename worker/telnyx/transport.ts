// Where carrier commands go: Telnyx over the network, or the carrier simulator in-process. Chosen in
// one place, by the entry (worker/index.ts), so no Durable Object knows the simulator exists.
import type { Bindings } from '../env';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

let choose: (env: Bindings) => Fetch | undefined = () => undefined;

/** The entry registers how to reach the carrier (undefined = the global fetch to TELNYX_API_BASE). */
export function useCommandTransport(chooser: (env: Bindings) => Fetch | undefined): void {
  choose = chooser;
}

export function commandTransport(env: Bindings): Fetch | undefined {
  return choose(env);
}
