// The live popup's socket (S14): GET /api/live upgrades to a WebSocket held by the signed-in user's
// Agent object (hibernatable). The session cookie authenticates it; a handshake from another
// origin is refused (the page's CSP allows only connect-src 'self').
import { Hono } from 'hono';
import { LIVE_ORG_HEADER, LIVE_USER_HEADER } from '../../durable-objects/agent';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

export const liveRoutes = new Hono<AppEnv>().get('/', requireUser, async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'upgrade_required', 'Open this as a WebSocket.');
  const origin = c.req.header('origin');
  if (origin && new URL(origin).host !== new URL(c.req.url).host) throw new ApiError(403, 'forbidden', 'Another origin may not open this socket.');
  const me = c.get('user');
  const headers = new Headers(c.req.raw.headers);
  headers.delete('cookie');
  headers.set(LIVE_USER_HEADER, me.id);
  headers.set(LIVE_ORG_HEADER, me.orgId);
  return c.env.AGENT.get(c.env.AGENT.idFromName(me.id)).fetch(new Request(c.req.url, { headers }));
});
