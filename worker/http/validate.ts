// The one validator wrapper: valibot at every API boundary, failures as 400 naming each failing
// field with its code (worker/fields.ts). Submitted values are never echoed back (they carry phone
// numbers and passwords). JSON bodies must come as application/json, uploads as multipart (else 415).
import type { Context, MiddlewareHandler, ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import type { AppEnv } from '../env';
import { ApiError, type FieldError } from '../errors';
import { IdSchema, issueCode } from '../fields';
import { mediaType, unsupportedMediaType } from './body';

type Target = keyof Pick<ValidationTargets, 'json' | 'query' | 'param' | 'form'>;

// valibot's built-in messages quote the received value ("… but received \"01012345678\""); schemas
// without their own message get one that names only what was expected.
v.setGlobalMessage((issue) =>
  issue.kind === 'schema' ? `Expected ${issue.expected ?? 'another type'}.` : `Invalid ${issue.type}${issue.expected ? `: expected ${issue.expected}` : ''}.`,
);

/** One error per failing field (the first issue), with the code its schema attached. */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = v.getDotPath(issue) ?? '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    const { code, params } = issueCode(issue);
    out.push(params ? { field, code, message: issue.message, params } : { field, code, message: issue.message });
  }
  return out;
}

export function parseOrThrow<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ApiError(400, 'invalid', 'Some fields are invalid.', fieldErrors(result.issues));
  return result.output;
}

/** The media type each body target accepts; anything else (or none) is 415 and the body is never read as another. */
const BODY_TYPES: Partial<Record<Target, string>> = { json: 'application/json', form: 'multipart/form-data' };

/** What a validator checks, kept on the middleware so the OpenAPI description (worker/http/openapi.ts) reads it off the app's routes. */
export type RequestSchema = { target: Target; schema: v.GenericSchema };
export const REQUEST_SCHEMA = Symbol('requestSchema');

export function validate<T extends Target, S extends v.GenericSchema>(target: T, schema: S) {
  const wanted = BODY_TYPES[target];
  const middleware = validator(target, (value, c: Context) => {
    if (wanted && mediaType(c) !== wanted) throw unsupportedMediaType(wanted);
    return parseOrThrow(schema, value);
  });
  const tagged: RequestSchema = { target, schema };
  return Object.assign(middleware, { [REQUEST_SCHEMA]: tagged }) as MiddlewareHandler<
    AppEnv,
    string,
    { in: { [K in T]: v.InferInput<S> }; out: { [K in T]: v.InferOutput<S> } }
  >;
}

/** The `:id` of a route, the same rule everywhere. */
export const IdParamSchema = v.object({ id: IdSchema });
export const validateId = () => validate('param', IdParamSchema);
