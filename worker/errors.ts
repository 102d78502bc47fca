// Errors the API knows how to answer. Anything else becomes a generic 500 in app.onError.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldCode, FieldParams, ParamsFor } from './fields';

/** One failing field: `code` is what the web app translates (worker/fields.ts); `message` is English for people reading logs. */
export type FieldError = { field: string; code: FieldCode; message: string; params?: FieldParams };

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function fieldError<C extends FieldCode>(field: string, code: C, message: string, ...params: ParamsFor<C>): FieldError {
  return params[0] ? { field, code, message, params: params[0] } : { field, code, message };
}

/** Fields given without a code (the webhook ingress, which no web app reads) answer the generic `invalid`. */
export const badRequest = (message: string, fields?: (Omit<FieldError, 'code'> & { code?: FieldCode })[]) =>
  new ApiError(
    400,
    'invalid',
    message,
    fields?.map((f) => ({ ...f, code: f.code ?? 'invalid' })),
  );
/** A 400 about one field, its message doubling as the answer's. */
export const invalidField = <C extends FieldCode>(field: string, code: C, message: string, ...params: ParamsFor<C>) =>
  badRequest(message, [fieldError(field, code, message, ...params)]);
export const unauthorized = (message = 'Login required.') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'Not allowed for your role.') => new ApiError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const conflict = (message: string, fields?: FieldError[]) => new ApiError(409, 'conflict', message, fields);
