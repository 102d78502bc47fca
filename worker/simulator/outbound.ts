// The carrier simulator's outbound port (worker/outbound.ts), chosen by the entry only while
// CARRIER_SIMULATOR is on: commands, recordings and test pushes reach the simulator's Durable Object
// in-process; real push services and recording hosts are still fetched over the network.
import type { OutboundPort } from '../outbound';
import { pushEndpoint } from '../push-services';
import { pointsAtSimulator, simulatorCommandFetch, simulatorRecordings, simulatorStub } from './loopback';

const base = (apiBase: string) => apiBase.replace(/\/+$/, '');

export const simulatorOutbound: OutboundPort = {
  commandFetch: simulatorCommandFetch,
  recordingBase: (env) => simulatorRecordings(env)?.base ?? null,
  fetchRecording: (env, url, viaBase, signal) => {
    // Redirects are not followed: another host would escape RECORDING_HOSTS. A Node carrier on this
    // machine (the bench's, the soak's) is fetched over http; the in-process one through its object.
    if (!viaBase || simulatorRecordings(env)?.inProcess !== true) return fetch(url, { signal, redirect: 'manual' });
    // The simulator's recordings are served by its Durable Object, in-process (no network in tests).
    const path = url.href.slice(base(env.TELNYX_API_BASE).length);
    return simulatorStub(env).fetch(new Request(`http://sim${path}`, { signal }));
  },
  pushTarget: (endpoint) => pushEndpoint(endpoint, true),
  sendPush: (env, to, init) =>
    to.kind === 'simulator' ? simulatorStub(env).fetch(new Request(`http://sim/push${to.url.pathname}`, init)) : fetch(to.url, init),
  holdAudio: (env) => `${base(env.TELNYX_API_BASE)}/audio/hold.mp3`,
  verboseErrors: true,
  simulated: pointsAtSimulator,
};
