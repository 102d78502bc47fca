// The runtime's own cost of one operation of each kind a call needs, for the benchmark's floor
// (scripts/bench/floor.ts): the bench times many requests of each and subtracts `nothing` (the HTTP
// request itself, its body read). Answered by the entry ahead of the router, as webhooks are, so the
// floor holds no code of ours; only where the simulator is on.
import type { Bindings } from '../env';
import { simulatorEnabled } from '../env';

export const PROBE_PREFIX = '/_sim/api/probe/';

/** A JSON body of a typical command's size (a speak with its client_state and command_id). */
const COMMAND_SIZED = JSON.stringify({
  payload: 'x'.repeat(120),
  voice: 'female',
  language: 'ko-KR',
  client_state: 'x'.repeat(80),
  command_id: '00000000-0000-4000-8000-000000000000',
});

/** A message of a webhook's size, signed once per isolate: `verify` checks it as the ingress checks a webhook. */
let signed: Promise<{ key: CryptoKey; signature: ArrayBuffer; message: string }> | undefined;

function signedSample() {
  signed ??= (async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const message = `${Math.floor(Date.now() / 1000)}|${'x'.repeat(700)}`;
    const signature = await crypto.subtle.sign('Ed25519', pair.privateKey, new TextEncoder().encode(message));
    return { key: pair.publicKey, signature, message };
  })();
  return signed;
}

/** The probe a request asks for, or null when it is not one (or the simulator is off). */
export function probeOf(req: Request, env: Bindings): string | null {
  if (!simulatorEnabled(env)) return null;
  const path = new URL(req.url).pathname;
  return path.startsWith(PROBE_PREFIX) ? path.slice(PROBE_PREFIX.length) : null;
}

export async function runProbe(what: string, req: Request, env: Bindings): Promise<Response> {
  // A POST's body is read, as a webhook's is (the bench sends one of a webhook's size).
  if (req.method === 'POST') await req.arrayBuffer();
  switch (what) {
    case 'nothing':
      break;
    case 'verify': {
      const s = await signedSample();
      if (!(await crypto.subtle.verify('Ed25519', s.key, s.signature, new TextEncoder().encode(s.message)))) throw new Error('probe: bad signature');
      break;
    }
    case 'object-live':
      await env.CALL_SESSION.get(env.CALL_SESSION.idFromName('probe')).ping();
      break;
    case 'object-write':
      // A live object storing one document of the size of a call session's (~3 KB, see scripts/bench/flows.ts).
      await env.SIM_CARRIER.get(env.SIM_CARRIER.idFromName('probe')).probeWrite(Number(new URL(req.url).searchParams.get('bytes') ?? 3000));
      break;
    case 'object-new':
      await env.CALL_SESSION.get(env.CALL_SESSION.idFromName(`probe:${crypto.randomUUID()}`)).ping();
      break;
    case 'r2-put':
      // A voicemail's copy into the bucket: an mp3 of a few seconds (~48 KB, as the simulator's recordings are).
      await env.RECORDINGS.put('probe/put.mp3', new Uint8Array(Number(new URL(req.url).searchParams.get('bytes') ?? 48_000)), {
        httpMetadata: { contentType: 'audio/mpeg' },
      });
      break;
    case 'd1':
      await env.DB.prepare('SELECT number_id FROM routing_snapshots WHERE e164 = ?').bind('+820').first();
      break;
    case 'fetch':
      // Shaped as a command is: a POST of a command-sized JSON body, the answer read as text.
      await (
        await fetch(`${env.TELNYX_API_BASE.replace(/\/+$/, '')}/v2/probe`, {
          method: 'POST',
          headers: { authorization: 'Bearer probe', 'content-type': 'application/json', accept: 'application/json' },
          body: COMMAND_SIZED,
        })
      ).text();
      break;
    default:
      return new Response('no such probe', { status: 404 });
  }
  return new Response('ok');
}
