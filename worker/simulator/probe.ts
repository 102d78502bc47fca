// The runtime's own cost of one operation of each kind a call needs, for the benchmark's floor
// (scripts/bench/floor.ts): the bench times many requests of each and subtracts `nothing` (the HTTP
// request itself, its body read). Answered by the entry ahead of the router, as webhooks are, so the
// floor holds no code of ours; only where the simulator is on.
import type { Bindings } from '../env';
import { simulatorEnabled } from '../env';
import * as v from 'valibot';
import type { TwinStep } from './twin-step';

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

async function verifySample() {
  const s = await signedSample();
  if (!(await crypto.subtle.verify('Ed25519', s.key, s.signature, new TextEncoder().encode(s.message)))) throw new Error('probe: bad signature');
}

/** The probe a request asks for, or null when it is not one (or the simulator is off). */
export function probeOf(req: Request, env: Bindings): string | null {
  if (!simulatorEnabled(env)) return null;
  const path = new URL(req.url).pathname;
  return path.startsWith(PROBE_PREFIX) ? path.slice(PROBE_PREFIX.length) : null;
}

/** A command-sized POST to the carrier's API, the answer read: the runtime's cost of one command. */
export async function commandSizedFetch(env: Bindings): Promise<void> {
  await (
    await fetch(`${env.TELNYX_API_BASE.replace(/\/+$/, '')}/v2/probe`, {
      method: 'POST',
      headers: { authorization: 'Bearer probe', 'content-type': 'application/json', accept: 'application/json' },
      body: COMMAND_SIZED,
    })
  ).text();
}

/** A voicemail's copy into the bucket: an mp3 of a few seconds (~48 KB, as the simulator's recordings are). */
export async function recordingSizedPut(env: Bindings, bytes = 48_000): Promise<void> {
  await env.RECORDINGS.put('probe/put.mp3', new Uint8Array(bytes), { httpMetadata: { contentType: 'audio/mpeg' } });
}

/** The D1 statements a twin runs: a read of the routing snapshot's shape, and a write that matches no row (a write path that changes nothing: errs low). */
export function twinStatement(env: Bindings, write: boolean): D1PreparedStatement {
  return write
    ? env.DB.prepare('UPDATE routing_snapshots SET built_at = built_at WHERE e164 = ?').bind('+820')
    : env.DB.prepare('SELECT number_id FROM routing_snapshots WHERE e164 = ?').bind('+820');
}

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000));
const TwinStepSchema = v.object({
  call: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  verify: v.boolean(),
  puts: count,
  putBytes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
  alarmWrites: count,
  alarmAt: v.nullable(v.number()),
  d1: v.pipe(v.array(v.object({ reads: count, writes: count })), v.maxLength(1_000)),
  fetches: count,
  objectCalls: count,
  copies: count,
  pad: v.optional(v.string()),
});
// The schema and the shape the bench writes (twin-step.ts) are the same type.
const sameShape: (s: v.InferOutput<typeof TwinStepSchema>) => TwinStep = (s) => s;

/** A twin step from a probe's body, or null when the body is not one. */
function twinStepOf(body: string): TwinStep | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = v.safeParse(TwinStepSchema, json);
  return parsed.success ? sameShape(parsed.output) : null;
}

export async function runProbe(what: string, req: Request, env: Bindings): Promise<Response> {
  // A POST's body is read, as a webhook's is (the bench sends one of a webhook's size).
  const body = req.method === 'POST' ? await req.text() : '';
  switch (what) {
    case 'nothing':
      break;
    case 'twin': {
      const step = twinStepOf(body);
      if (!step) return new Response('not a twin step', { status: 400 });
      if (step.verify) await verifySample();
      const ns = env.SIM_CARRIER;
      await ns.get(ns.idFromName(step.call === null ? 'twin-live' : `twin:${step.call}`)).twin(step);
      break;
    }
    case 'verify':
      await verifySample();
      break;
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
      await recordingSizedPut(env, Number(new URL(req.url).searchParams.get('bytes') ?? 48_000));
      break;
    case 'd1':
      await twinStatement(env, false).first();
      break;
    case 'fetch':
      // Shaped as a command is: a POST of a command-sized JSON body, the answer read as text.
      await commandSizedFetch(env);
      break;
    default:
      return new Response('no such probe', { status: 404 });
  }
  return new Response('ok');
}
