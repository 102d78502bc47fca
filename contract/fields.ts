// What a field error says, defined once: a closed set of stable codes (with the params each carries)
// that the web app translates, and the valibot messages that attach a code to an issue. Schemas
// write `v.maxLength(240, tooLong(240))` or `coded('time', 'Use HH:MM (24-hour).')`; the one
// validator (worker/http/validate.ts) reads the code back with `issueCode`. The English text stays
// the message, for logs, tests and the operator CLI; an issue without a code is `invalid`.
// Contract (valibot only): the request schemas (contract/requests/), the API, the organisation file,
// the CLI and the web app share it; worker/fields.ts hands it on to the server's files.
import * as v from 'valibot';
import { FIELD_CODES, type FieldCode, type FieldParams, type ParamsFor } from './field-codes';

export { FIELD_CODES, type FieldCode, type FieldParams, type ParamsFor };

export type CodedIssue = { code: FieldCode; params?: FieldParams };

const CODE = Symbol('fieldCode');
type Tagged = { [CODE]?: CodedIssue };

/**
 * A valibot message that carries a code: the issue keeps `text` as its message and gets the code
 * and params attached, which `issueCode` reads back. Use it wherever a schema gives a message.
 */
export function coded<C extends FieldCode>(code: C, text: string, ...params: ParamsFor<C>): (issue: v.BaseIssue<unknown>) => string {
  const tag: CodedIssue = params[0] ? { code, params: params[0] } : { code };
  return (issue) => {
    (issue as Tagged)[CODE] = tag;
    return text;
  };
}

/** The code of an issue a schema raised; `invalid` when the schema gave none. */
export function issueCode(issue: v.BaseIssue<unknown>): CodedIssue {
  return (issue as Tagged)[CODE] ?? { code: 'invalid' };
}

// The messages most fields need, so a limit is written once.
export const required = (text = 'Required.') => coded('required', text);
export const tooLong = (max: number, text = `At most ${max.toLocaleString('en')} characters.`) => coded('too_long', text, { max });
export const tooShort = (min: number, text = `At least ${min} characters.`) => coded('too_short', text, { min });
export const outOfRange = (min: number, max: number, text = `A whole number from ${min} to ${max}.`) => coded('out_of_range', text, { min, max });

/**
 * Text a person must fill in: a string, trimmed unless `trim: false` (bodies keep their spacing),
 * at least one character and at most `max`.
 */
export function requiredText(max: number, opts: { trim?: boolean; message?: string } = {}) {
  const missing = required(opts.message);
  return v.pipe(
    v.string(missing),
    v.transform((s) => (opts.trim === false ? s : s.trim())),
    v.minLength(1, missing),
    v.maxLength(max, tooLong(max)),
  );
}

/** A whole number from `min` to `max` in a JSON body; anything else (a string, 2.5, null) is out_of_range or required. */
export function wholeNumber(min: number, max: number) {
  const range = outOfRange(min, max);
  return v.pipe(v.number(required(`A whole number from ${min} to ${max}.`)), v.integer(range), v.minValue(min, range), v.maxValue(max, range));
}

/** An id in a path or a body: an opaque string of at most 64 characters (another org's id is just "not found"). */
export const IdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/** A page size in a query string: a whole number 1–`max`, `fallback` when left out. */
export function pageLimitSchema(max: number, fallback: number) {
  const range = outOfRange(1, max);
  return v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, range), v.transform(Number), v.minValue(1, range), v.maxValue(max, range)), String(fallback));
}

/**
 * A list's `before` cursor in a query string, `<ms>:<id>` (the keyset of the last row shown), read
 * as `{[at]: ms, id}` under the name the list's query uses for its time.
 */
export function pageCursorSchema<K extends string>(at: K) {
  const parse = (s: string) => {
    const m = /^(\d{1,15}):([A-Za-z0-9_]{1,64})$/.exec(s);
    return m?.[1] && m[2] ? ({ [at]: Number(m[1]), id: m[2] } as Record<K, number> & { id: string }) : undefined;
  };
  return v.optional(
    v.pipe(
      v.string(),
      v.check((s) => parse(s) !== undefined, coded('invalid', 'Not a cursor from this API.')),
      v.transform((s) => {
        const cursor = parse(s);
        if (!cursor) throw new Error('missing: a cursor the check above passed');
        return cursor;
      }),
    ),
  );
}
