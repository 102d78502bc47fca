// Request bodies of the API: a mutating request that carries a body sends JSON (an object) or,
// on the upload routes, multipart. Anything else is refused before any route reads it, so a body
// can never be read as `{}` and change something (issue 7).
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, fieldError } from '../errors';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `application/json` from `Application/JSON; charset=utf-8`; '' when there is no Content-Type. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export const unsupportedMediaType = (wanted: string) => new ApiError(415, 'unsupported_media_type', `Send the body as ${wanted}.`);

const unreadable = (code: 'malformed_json' | 'not_object', message: string) => new ApiError(400, 'invalid', message, [fieldError('(body)', code, message)]);

/**
 * For POST/PUT/PATCH/DELETE with a body: application/json must parse to a JSON object (400
 * otherwise), multipart passes on to the upload routes' own check, every other type is 415.
 * A request without a body (a DELETE, a logout) passes; routes that need one refuse it themselves.
 */
export const jsonBodies: MiddlewareHandler = async (c, next) => {
  if (!MUTATING.has(c.req.method)) return next();
  const type = mediaType(c);
  const noBody = c.req.raw.body === null || c.req.header('content-length') === '0';
  if (noBody && type === '') return next();
  if (type === 'multipart/form-data') return next();
  if (type !== 'application/json') throw unsupportedMediaType('application/json');
  let body: unknown;
  try {
    // Cached by Hono, so the route's validator reads the same parse.
    body = await c.req.json();
  } catch {
    throw unreadable('malformed_json', 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unreadable('not_object', 'The body must be a JSON object.');
  return next();
};
