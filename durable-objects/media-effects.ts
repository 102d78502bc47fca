// What the CallSession host does for the effects of issue 10: copy a recording into R2, tell the
// owner's Agent object where a call stands (the live popup), and ask it to push a missed call.
// Kept apart from call-effects.ts so the contact center's effects merge beside it.
import CodecParser from 'codec-parser';
import type { CopyResult, MediaEffect, RecordingFacts } from '../worker/calls/media-effects';
import { deleteAfterFor, insertRecordingForCall, retentionDays } from '../worker/db/recordings';
import { dbFor } from '../worker/db/scope';
import type { Bindings } from '../worker/env';
import { outbound } from '../worker/outbound';
import { recordingKey } from '../worker/storage/keys';
import { recordingSource } from '../worker/storage/recording-source';
import { OBJECT_PLACEMENT } from '../worker/placement';

/** The largest recording copied: a four-hour dual-channel call is well below it. */
export const RECORDING_MAX_BYTES = 200 * 1024 * 1024;
/** A voicemail is read whole to measure its audio: two minutes are a few hundred KB. */
const VOICEMAIL_MAX_BYTES = 16 * 1024 * 1024;
/** How long one copy may take before it is abandoned (and retried by the flow). */
const COPY_TIMEOUT_MS = 60_000;

type Copy = Extract<MediaEffect, { kind: 'copy_recording' }>;

/** A copy that failed for a passing reason: the flow tries again later. */
export class CopyFailed extends Error {
  override name = 'CopyFailed';
}

function timeoutMs(env: Bindings): number {
  const n = Number(env.RECORDING_COPY_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : COPY_TIMEOUT_MS;
}

/** Milliseconds of MPEG audio in the file (0 for no frames): silence trimmed by the carrier leaves none. */
export function audioMs(bytes: Uint8Array): number {
  let ms = 0;
  for (const frame of new CodecParser('audio/mpeg').parseAll(bytes)) ms += frame.duration;
  return Math.round(ms);
}

async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function copyRecording(env: Bindings, e: Copy): Promise<CopyResult> {
  const source = recordingSource(e.url, { hosts: env.RECORDING_HOSTS ?? '', simulatorBase: outbound(env).recordingBase(env) });
  if (!source.ok) return { status: 'refused', reason: source.reason };
  const scope = dbFor(env, e.orgId);
  const days = await retentionDays(scope);
  if (days === undefined) return { status: 'refused', reason: 'url' };

  const signal = AbortSignal.timeout(timeoutMs(env));
  let res: Response;
  try {
    res = await outbound(env).fetchRecording(env, source.url, source.viaSimulator, signal);
  } catch {
    throw new CopyFailed('fetch');
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    return { status: 'refused', reason: 'host' };
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new CopyFailed(`status ${res.status}`);
  }
  const minAudioMs = e.minAudioMs;
  const voicemail = minAudioMs !== null;
  const cap = voicemail ? VOICEMAIL_MAX_BYTES : RECORDING_MAX_BYTES;
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await res.body.cancel();
    return { status: 'refused', reason: 'too_large' };
  }
  const key = recordingKey(e.orgId, e.callStartedAt, e.callSessionId, e.recordingKind);
  const contentType = 'audio/mpeg';
  let sizeBytes: number;
  let durationMs = e.startedAt !== null && e.endedAt !== null ? Math.max(0, e.endedAt - e.startedAt) : null;
  try {
    if (voicemail || !(declared > 0)) {
      // A fetched body's chunks are bytes (the runtime types them loosely).
      const bytes = await readCapped(res.body as ReadableStream<Uint8Array>, cap);
      if (!bytes) return { status: 'refused', reason: 'too_large' };
      if (voicemail) {
        const heard = audioMs(bytes);
        // The carrier trims silence: a message of silence only comes back with (almost) no audio.
        if (heard < minAudioMs) return { status: 'discarded', reason: durationMs !== null && durationMs < minAudioMs ? 'short' : 'silent' };
        durationMs = heard;
      }
      sizeBytes = bytes.byteLength;
      await env.RECORDINGS.put(key, bytes, { httpMetadata: { contentType } });
    } else {
      // Streamed straight into R2: a long call is never held in memory. A body that is not the
      // declared length fails the put (and the copy is tried again).
      const fixed = new FixedLengthStream(declared);
      const put = env.RECORDINGS.put(key, fixed.readable, { httpMetadata: { contentType } });
      await Promise.all([res.body.pipeTo(fixed.writable, { signal }), put]);
      sizeBytes = declared;
    }
  } catch (err) {
    if (err instanceof CopyFailed) throw err;
    throw new CopyFailed('copy');
  }
  const recording: RecordingFacts = {
    r2Key: key,
    kind: e.recordingKind,
    contentType,
    sizeBytes,
    durationMs,
    channels: e.channels,
    startedAt: e.startedAt,
    deleteAfter: deleteAfterFor(days, Date.now()),
    ownerUserId: e.ownerUserId,
  };
  if (!e.attach) return { status: 'stored', recording, recordingId: null };
  const id = await insertRecordingForCall(scope, e.callSessionId, recording);
  // The call's record is written first (the flow orders it so); not there yet = try again later.
  if (!id) throw new CopyFailed('no call record yet');
  return { status: 'stored', recording, recordingId: id };
}

type Runners = { [K in MediaEffect['kind']]: (env: Bindings, effect: Extract<MediaEffect, { kind: K }>) => Promise<unknown> };

export const MEDIA_EFFECTS: Runners = {
  copy_recording: copyRecording,
  popup: async (env, e) => {
    const agent = env.AGENT.get(env.AGENT.idFromName(e.userId), OBJECT_PLACEMENT);
    return e.missed ? agent.callEnded(e.orgId, e.userId, e.call, e.missed) : agent.liveCall(e.orgId, e.userId, e.call);
  },
  notify_missed: async (env, e) =>
    env.AGENT.get(env.AGENT.idFromName(e.userId), OBJECT_PLACEMENT).missedCall(e.orgId, e.userId, {
      callSessionId: e.callSessionId,
      caller: e.caller,
      outcome: e.outcome,
      at: e.at,
    }),
};
