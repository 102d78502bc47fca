// The one error handler: known errors become {"error":{code,message[,fields]}} with their status;
// anything else is logged with the request id and answered with a generic 500.
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import { ApiError, type FieldError } from '../errors';

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
    // Hono's own 4xx: malformed JSON, wrong content type, body limits.
    const message = err.message || 'The request could not be understood.';
    return errorResponse(c, err.status, 'invalid', message, [{ field: '(body)', message }]);
  }
  // Never the stack or the message to the client: either may hold numbers or secrets.
  console.error(JSON.stringify({ requestId: c.get('requestId'), path: new URL(c.req.url).pathname, error: String(err?.name ?? 'Error') }));
  console.error(err);
  return errorResponse(c, 500, 'internal', `Something went wrong on our side (request ${c.get('requestId') ?? '-'}).`);
};
