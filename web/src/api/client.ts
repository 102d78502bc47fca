// The one HTTP client for /api: JSON in and out over the same-origin cookie session. Every failure,
// including a dropped connection or a non-JSON answer, becomes an ApiError with a known code.
import { FIELD_CODE_LIST, type FieldCode, type FieldError } from '../../../contract/field-codes';

export type { FieldCode, FieldError };

export const ERROR_CODES = [
  'invalid',
  'too_large',
  'unauthorized',
  'bad_credentials',
  'forbidden',
  'password_change_required',
  'not_found',
  'conflict',
  'unsupported_media_type',
  'throttled',
  'not_implemented',
  'internal',
  'network',
  // The live contact center's state conflicts (409, docs/contact-center-live.md).
  'offline',
  'on_call',
  'ringing',
  'no_call',
  'not_connected',
  'held',
  'not_held',
  'not_ready',
  'busy',
  'no_mobile',
  'no_service_number',
  // Masked outbound calls (S11): POST /api/me/outbound-calls.
  'no_caller_id',
  'no_access_number',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly fields: FieldError[] = [],
    /** Seconds from `Retry-After` on 429. */
    readonly retryAfter?: number,
  ) {
    super(`API ${status} ${code}`);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | undefined>;
type Body = { json: unknown } | { form: FormData };

let unauthorizedHandler: () => void = () => {};
/** The session model registers here, so any 401 (an expired session) sends the user back to login. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

let passwordChangeHandler: () => void = () => {};
/** The session model registers here, so a 403 `password_change_required` sends the user to the change screen. */
export function onPasswordChangeRequired(handler: () => void): void {
  passwordChangeHandler = handler;
}

function codeFor(status: number, code: unknown): ErrorCode {
  if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  if (status === 400) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  return 'internal';
}

function toFieldError(x: unknown): FieldError | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const { field, code, params } = x as { field?: unknown; code?: unknown; params?: unknown };
  if (typeof field !== 'string') return undefined;
  const known = typeof code === 'string' && (FIELD_CODE_LIST as readonly string[]).includes(code) ? (code as FieldCode) : 'invalid';
  const numbers =
    typeof params === 'object' && params !== null
      ? Object.fromEntries(Object.entries(params).filter((e): e is [string, number] => typeof e[1] === 'number'))
      : undefined;
  return numbers ? { field, code: known, params: numbers } : { field, code: known };
}

async function toError(res: Response): Promise<ApiError> {
  let code: unknown;
  let fields: FieldError[] = [];
  try {
    const body: unknown = await res.json();
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === 'object' && error !== null) {
      code = (error as { code?: unknown }).code;
      const f = (error as { fields?: unknown }).fields;
      if (Array.isArray(f)) fields = f.map(toFieldError).filter((e): e is FieldError => e !== undefined);
    }
  } catch {
    // Not JSON (a proxy page, an empty body): the status alone decides.
  }
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, codeFor(res.status, code), fields, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function send<T>(method: string, path: string, query?: Query, body?: Body): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    payload = body.form; // the browser sets the multipart boundary
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (err.status === 401 && err.code === 'unauthorized') unauthorizedHandler();
    if (err.status === 403 && err.code === 'password_change_required') passwordChangeHandler();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, 'internal');
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => send<T>('GET', path, query),
  post: <T>(path: string, json?: unknown) => send<T>('POST', path, undefined, { json: json ?? {} }),
  put: <T>(path: string, json: unknown) => send<T>('PUT', path, undefined, { json }),
  patch: <T>(path: string, json: unknown) => send<T>('PATCH', path, undefined, { json }),
  delete: <T>(path: string) => send<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => send<T>('POST', path, undefined, { form }),
};
