// The one outbound port: everything that leaves the worker — carrier commands, recording downloads,
// push deliveries, the built-in hold audio — goes where the port the entry chose says. The entry
// (worker/index.ts) plugs in the carrier simulator's port (worker/simulator/outbound.ts) where the
// simulator is on, else the network's below, so no Durable Object or route knows whether it is there.
import type { Bindings } from './env';
import { pushEndpoint, type PushEndpoint } from './push-services';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type OutboundPort = {
  /** The fetch carrier commands go through; undefined = the global fetch to TELNYX_API_BASE. */
  commandFetch(env: Bindings): Fetch | undefined;
  /** A base URL recordings may come from besides RECORDING_HOSTS (worker/storage/recording-source.ts); null = none. */
  recordingBase(env: Bindings): string | null;
  /** Fetches a recording the source policy allowed (`viaBase`: it lies under `recordingBase`); never follows redirects. */
  fetchRecording(env: Bindings, url: URL, viaBase: boolean, signal: AbortSignal): Promise<Response>;
  /** Where a push subscription may point (worker/push-services.ts); null = the worker must never post to it. */
  pushTarget(endpoint: string): PushEndpoint | null;
  /** Posts one push to a target `pushTarget` allowed. */
  sendPush(env: Bindings, to: PushEndpoint, init: RequestInit): Promise<Response>;
  /** The built-in hold audio where neither the queue nor HOLD_AUDIO_URL names one; null = silence. */
  holdAudio(env: Bindings): string | null;
  /** Whether full errors (their messages may quote numbers) may be logged: only where nothing is real. */
  verboseErrors: boolean;
  /** Whether the carrier is simulated (the number check says so). */
  simulated(env: Bindings): boolean;
};

/** Production: Telnyx, the recording hosts and the push services over the network. */
export const networkOutbound: OutboundPort = {
  commandFetch: () => undefined,
  recordingBase: () => null,
  fetchRecording: (_env, url, _viaBase, signal) => fetch(url, { signal, redirect: 'manual' }),
  pushTarget: (endpoint) => pushEndpoint(endpoint, false),
  sendPush: (_env, to, init) => fetch(to.url, init),
  holdAudio: () => null,
  verboseErrors: false,
  simulated: () => false,
};

let choose: (env: Bindings) => OutboundPort = () => networkOutbound;

/** The entry registers which port an environment uses (until then: the network's). */
export function useOutbound(chooser: (env: Bindings) => OutboundPort): void {
  choose = chooser;
}

export function outbound(env: Bindings): OutboundPort {
  return choose(env);
}
