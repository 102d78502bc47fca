// The one origin check for WebSocket handshakes (/api/live, the queue dashboard's socket): a
// browser always sends Origin, so a present one must name this host. `null` (sandboxed frames,
// file: pages) or anything unparseable is another origin, refused with 403 rather than thrown.
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/** The origin's host, or null when the header is no URL with a host (`null`, `about:blank`, junk). */
function originHost(origin: string): string | null {
  try {
    const host = new URL(origin).host;
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

/** Throws 403 unless the handshake carries no Origin or one on this request's own host. */
export function requireSameOriginSocket(c: Context<AppEnv>): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (originHost(origin) !== new URL(c.req.url).host) throw new ApiError(403, 'forbidden', 'Another origin may not open this socket.');
}
