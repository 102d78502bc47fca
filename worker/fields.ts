// What a field error says, defined once: a closed set of stable codes (with the params each carries)
// that the web app translates, and the valibot messages that attach a code to an issue. Schemas
// write `v.maxLength(240, tooLong(240))` or `coded('time', 'Use HH:MM (24-hour).')`; the one
// validator (worker/http/validate.ts) reads the code back with `issueCode`. The English text stays
// the message, for logs, tests and the operator CLI; an issue without a code is `invalid`.
// Pure (valibot only): the API, the organisation file and the CLI share it.
import * as v from 'valibot';
import { defined } from './defined';

/** Every field code and the names of its numeric params. The web app mirrors this list (a test compares). */
export const FIELD_CODES = {
  /** Anything without a more precise code (wrong type, unknown value, a malformed id). */
  invalid: [],
  required: [],
  too_short: ['min'],
  too_long: ['max'],
  /** A number (or a numeric query parameter) outside min…max or not whole. */
  out_of_range: ['min', 'max'],
  /** Not one of the offered choices (role, kind, on/off). */
  choice: [],
  phone: [],
  phone_korean: [],
  time: [],
  date: [],
  timezone: [],
  login_id_chars: [],
  password_length: ['min', 'max'],
  password_letter: [],
  password_digit: [],
  password_special: [],
  password_ascii: [],
  /** The current password, re-entered to confirm a change, is wrong. */
  password_wrong: [],
  /** The new password equals the current one. */
  password_same: [],
  /** Unique value already used (login ID, team name, number, holiday date). */
  taken: [],
  /** An id that names nothing in the caller's organisation (another org's id reads the same). */
  not_in_org: [],
  /** A number rings a user or a queue, not both. */
  one_target: [],
  end_before_start: [],
  /** Two fields that go together (lunch start and end): both or neither. */
  both_or_neither: [],
  lunch_outside_hours: [],
  no_weekday: [],
  file_empty: [],
  file_too_large: ['maxMb'],
  /** On `(body)`: the JSON body is over the limit. */
  body_too_large: ['maxKb'],
  /** On `(body)`: the body is not JSON. */
  malformed_json: [],
  /** On `(body)`: the JSON is not an object (`[]`, `null`, `"x"`). */
  not_object: [],
  /** The linked mobile changed less than 24 hours ago (S8): it may change again in `hours` h `minutes` min. */
  mobile_change_wait: ['hours', 'minutes'],
  /** The new value is the current one (the linked mobile). */
  unchanged: [],
  /** An id of something in the organisation that this user may not use (another person's announcement, another team's). */
  not_available: [],
  /** An announcement of another type than the situation it is chosen for. */
  wrong_type: [],
  /** The number is already on the other list (spam vs free pass). */
  on_other_list: [],
  /** The list already holds `max` entries. */
  list_full: ['max'],
  /** A local date and time that the organisation's time zone skips (a daylight-saving gap). */
  no_such_local_time: [],
  /** Not an https:// address (a queue's hold audio). */
  url: [],
  /** An https address on a host the worker must not reach: private, loopback or link-local, a local name, or with user:password@. */
  url_private: [],
  /** A number that may not be a forwarding or agent phone: only Korean mobiles (010, 011, 016–019) ring a person (worker/destinations.ts). */
  not_mobile: [],
  /** A number the product never dials: premium-rate (060), international, emergency and short codes, 050 safe numbers, … (worker/destinations.ts). */
  not_dialable: [],
  /** A push subscription whose endpoint is not one of the browsers' push services. */
  push_service: [],
  /** A user who cannot take contact-center calls (queue members are agents or supervisors). */
  not_agent: [],
  /** An item that exists but is switched off (a disabled consult category), so it cannot be chosen now. */
  disabled: [],
  /** A message over `max` bytes in Korean counting (contract/message-bytes.ts). */
  too_many_bytes: ['max'],
  /** A message with characters no Korean handset can show (emoji and the like). */
  message_chars: [],
  /** The chosen sender is not set up (no safe number, or no department number on the profile). */
  no_sender: [],
  /** A message with nobody (valid) to send it to. */
  no_recipients: [],
  /** A scheduled time that has passed. */
  in_past: [],
  /** An image that is not a JPEG, PNG or GIF. */
  image_type: [],
} as const satisfies Record<string, readonly string[]>;

export type FieldCode = keyof typeof FIELD_CODES;
export type FieldParams = Record<string, number>;
/** The params a code needs, as a rest argument: none for most codes, `{max}` for too_long, … */
export type ParamsFor<C extends FieldCode> = (typeof FIELD_CODES)[C] extends readonly [] ? [] : [Record<(typeof FIELD_CODES)[C][number], number>];

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
      v.transform((s) => defined(parse(s), 'parse(s)')),
    ),
  );
}
