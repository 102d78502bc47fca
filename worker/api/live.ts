// The live popup's socket (S14): GET /api/live upgrades to a WebSocket held by the signed-in user's
// Agent object (hibernatable). The session cookie authenticates it; a handshake from another
// origin is refused (the page's CSP allows only connect-src 'self').
import { Hono } from 'hono';
import { LIVE_ORG_HEADER, LIVE_USER_HEADER } from '../../durable-objects/agent';
import { requireUser } from '../auth/session';
import { SOCKET_SESSION_HEADER } from '../auth/socket-revocation';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireSameOriginSocket } from '../http/socket-origin';
import { OBJECT_PLACEMENT } from '../placement';

export const liveRoutes = new Hono<AppEnv>().get('/', requireUser, async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'upgrade_required', 'Open this as a WebSocket.');
  requireSameOriginSocket(c);
  const me = c.get('user');
  const headers = new Headers(c.req.raw.headers);
  headers.delete('cookie');
  headers.set(LIVE_USER_HEADER, me.id);
  headers.set(LIVE_ORG_HEADER, me.orgId);
  headers.set(SOCKET_SESSION_HEADER, c.get('sessionTokenHash'));
  return c.env.AGENT.get(c.env.AGENT.idFromName(me.id), OBJECT_PLACEMENT).fetch(new Request(c.req.url, { headers }));
});
