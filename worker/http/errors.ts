// The one error handler: known errors become {"error":{code,message[,fields]}} with their status;
// anything else is logged with the request id and answered with a generic 500.
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import { ApiError, fieldError, type FieldError } from '../errors';

export function errorBody(code: string, message: string, fields?: FieldError[]) {
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, fields?: FieldError[]) {
  return c.json(errorBody(code, message, fields), status);
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) {
    if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return errorResponse(c, err.status, err.code, err.message, err.fields);
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own 4xx (a multipart body it cannot parse): the body as a whole is invalid.
    const message = err.message || 'The request could not be understood.';
    return errorResponse(c, err.status, 'invalid', message, [fieldError('(body)', 'invalid', message)]);
  }
  // Never the message to the client, nor to the log: drizzle puts query parameters (phone numbers,
  // password hashes) into its messages. The log gets the name, the cause and where it happened.
  console.error(JSON.stringify({ requestId: c.get('requestId'), path: new URL(c.req.url).pathname, ...loggable(err) }));
  return errorResponse(c, 500, 'internal', `Something went wrong on our side (request ${c.get('requestId') ?? '-'}).`);
};

/** What is safe to log about an unexpected error. D1's own messages name constraints, not values. */
export function loggable(err: unknown): { error: string; cause?: string; at?: string[] } {
  if (!(err instanceof Error)) return { error: typeof err };
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const causeText = cause && /^D1_/.test(cause.message) ? cause.message : cause?.name;
  // Only the frames: the message (which may span lines) heads the stack too.
  const at = err.stack
    ?.split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, 5);
  return { error: err.name, ...(causeText && { cause: causeText }), ...(at && { at }) };
}
