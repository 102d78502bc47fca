// Recordings and voicemail (S13, S20, P5, P8): played and downloaded only by their owner (or an org
// admin where the org allows it), streamed from R2 with range requests so a phone can seek; every
// access is audited. Another user's recording is a 404, exactly like one that does not exist.
import { Hono } from 'hono';
import { requireUser } from '../auth/session';
import { findPlayableRecording, listVoicemails, markHeard, unheardVoicemails } from '../db/recordings';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { audit } from '../http/audit';
import { parseRange } from '../http/range';
import { validate, validateId } from '../http/validate';
import { formatNational } from '../phone';
import { attachmentDisposition } from './files';
import { RecordingPlayQuery } from '../../contract/requests/common';

function fileName(startedAt: number | null, kind: string): string {
  const d = new Date(startedAt ?? Date.now());
  const stamp = d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${kind === 'voicemail' ? 'voicemail' : 'recording'}-${stamp}.mp3`;
}

const national = (n: string) => (n.startsWith('+') ? formatNational(n) : n);

/** Mounted at /api/recordings. */
export const recordingRoutes = new Hono<AppEnv>().use('*', requireUser).get('/:id', validateId(), validate('query', RecordingPlayQuery), async (c) => {
  const scope = c.get('scope');
  const me = c.get('user');
  const { id } = c.req.valid('param');
  const download = c.req.valid('query').download === '1';
  const rec = await findPlayableRecording(scope, id, me);
  if (!rec) throw notFound('No such recording.');
  const rangeHeader = c.req.header('range') ?? null;
  const range = download ? null : parseRange(rangeHeader, rec.sizeBytes);
  await audit(c, download ? 'recording.downloaded' : 'recording.played', {
    targetType: 'recording',
    targetId: rec.id,
    detail: { kind: rec.kind, owner: rec.ownerUserId === me.id, ...(range && range !== 'unsatisfiable' ? { offset: range.offset, length: range.length } : {}) },
  });
  const common: Record<string, string> = {
    'content-type': rec.contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-disposition': download ? attachmentDisposition(fileName(rec.startedAt, rec.kind)) : 'inline',
  };
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${rec.sizeBytes}` } });
  const object = await c.env.RECORDINGS.get(rec.r2Key, range ? { range } : {});
  if (!object) throw notFound('The recording is no longer stored.');
  if (rec.kind === 'voicemail' && rec.ownerUserId === me.id && rec.heardAt === null) await markHeard(scope, rec.id, Date.now());
  if (!range) return new Response(object.body, { status: 200, headers: { ...common, 'content-length': String(object.size) } });
  const end = range.offset + range.length - 1;
  return new Response(object.body, {
    status: 206,
    headers: { ...common, 'content-length': String(range.length), 'content-range': `bytes ${range.offset}-${end}/${object.size}` },
  });
});

/** Mounted at /api/voicemails: the signed-in owner's messages and how many are unheard (the home card). */
export const voicemailRoutes = new Hono<AppEnv>().use('*', requireUser).get('/', async (c) => {
  const scope = c.get('scope');
  const me = c.get('user');
  const [rows, unheard] = await Promise.all([listVoicemails(scope, me.id, 100), unheardVoicemails(scope, me.id)]);
  return c.json({
    unheard,
    voicemails: rows.map((r) => ({
      id: r.id,
      callId: r.callId,
      caller: r.caller ? national(r.caller) : null,
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      heard: r.heardAt !== null,
      recording: { id: r.id, durationMs: r.durationMs },
    })),
  });
});
