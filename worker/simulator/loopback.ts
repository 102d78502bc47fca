// In-process path from the worker to the simulator: commands aimed at the simulator (base URL
// http://*.invalid or …/_sim) go straight to its Durable Object instead of over the network,
// so `wrangler dev` never fetches itself and tests need no network.
import type { Bindings } from '../env';
import { simulatorEnabled } from '../env';
import { LOST_ANSWER } from './rest';

export function simulatorStub(env: Bindings) {
  return env.SIM_CARRIER.get(env.SIM_CARRIER.idFromName('carrier'));
}

export function pointsAtSimulator(env: Bindings): boolean {
  if (!simulatorEnabled(env)) return false;
  try {
    const base = new URL(env.TELNYX_API_BASE);
    return base.hostname.endsWith('.invalid') || base.pathname.replace(/\/+$/, '').endsWith('/_sim');
  } catch {
    return false;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where the simulator's recordings may be copied from while it is on (null when off): its own base,
 * reached in-process (…/_sim, *.invalid), or a carrier simulator on this machine reached over http
 * (the bench's and the soak's Node carrier: TELNYX_API_BASE on a loopback host). Never a base on
 * another machine: a real carrier's recordings come only from RECORDING_HOSTS over https.
 */
export function simulatorRecordings(env: Bindings): { base: string; inProcess: boolean } | null {
  if (!simulatorEnabled(env)) return null;
  const base = env.TELNYX_API_BASE.replace(/\/+$/, '');
  if (pointsAtSimulator(env)) return { base, inProcess: true };
  try {
    const url = new URL(base);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && !url.username && !url.password ? { base, inProcess: false } : null;
  } catch {
    return null;
  }
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
/** One loopback per base URL per isolate, so the SDK client built on it is shared too. */
const loopbacks = new Map<string, Fetch>();

/** A fetch for the telnyx SDK that reaches the simulator in-process; undefined when not simulating. */
export function simulatorCommandFetch(env: Bindings): Fetch | undefined {
  if (!pointsAtSimulator(env)) return undefined;
  const base = env.TELNYX_API_BASE.replace(/\/+$/, '');
  let loopback = loopbacks.get(base);
  if (!loopback) {
    const ns = env.SIM_CARRIER;
    loopback = async (input, init) => {
      const req = new Request(input, init);
      const url = req.url.startsWith(base) ? req.url.slice(base.length) : new URL(req.url).pathname;
      const res = await ns.get(ns.idFromName('carrier')).fetch(new Request(`http://sim${url}`, req));
      // Fault `loseAnswers`: the carrier acted, but the answer never reaches the worker.
      if (res.headers.has(LOST_ANSWER)) {
        await res.body?.cancel();
        throw new TypeError('simulated: the answer was lost');
      }
      return res;
    };
    loopbacks.set(base, loopback);
  }
  return loopback;
}
