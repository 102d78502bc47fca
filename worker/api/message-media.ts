// The MMS image as the carrier fetches it (S15): outside /api and without a session, reachable only
// at the short-lived signed address the sender made (worker/messaging/media.ts). Mounted at /media/messages.
import { Hono } from 'hono';
import { findMessageMedia } from '../db/messages';
import type { AppEnv } from '../env';
import { mediaUrlValid } from '../messaging/media';

export const messageMediaRoutes = new Hono<AppEnv>().get('/:id', async (c) => {
  const id = c.req.param('id');
  const ok = await mediaUrlValid(c.env, id, Number(c.req.query('expires')), c.req.query('sig') ?? '', Date.now());
  // One answer for a bad signature, an expired address and a missing image: nothing to learn from it.
  const gone = () => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
  if (!ok) return gone();
  const key = await findMessageMedia(c.env, id);
  const object = key ? await c.env.FILES.get(key) : null;
  if (!object) return gone();
  return c.body(object.body, 200, {
    'content-type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'content-length': String(object.size),
    'cache-control': 'private, max-age=300',
    'x-content-type-options': 'nosniff',
  });
});
