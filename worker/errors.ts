// Errors the API knows how to answer. Anything else becomes a generic 500 in app.onError.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldError = { field: string; message: string };

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

export const badRequest = (message: string, fields?: FieldError[]) => new ApiError(400, 'invalid', message, fields);
export const unauthorized = (message = 'Login required.') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'Not allowed for your role.') => new ApiError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const conflict = (message: string, fields?: FieldError[]) => new ApiError(409, 'conflict', message, fields);
