// The field error codes (worker/fields.ts attaches them to valibot issues; the web app translates
// them, web/src/i18n/field-codes.ts): one closed set with the names of each code's numeric params,
// shared by the server and the web app. Pure data, no imports.

/** Every field code and the names of its numeric params. The web app translates each one (web/src/i18n/field-codes.ts). */
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
/** The codes as a list (the web app reads an unknown code from a newer server as `invalid`). */
export const FIELD_CODE_LIST = Object.keys(FIELD_CODES) as FieldCode[];
export type FieldParams = Record<string, number>;
/** The params a code needs, as a rest argument: none for most codes, `{max}` for too_long, … */
export type ParamsFor<C extends FieldCode> = (typeof FIELD_CODES)[C] extends readonly [] ? [] : [Record<(typeof FIELD_CODES)[C][number], number>];
/** One failing field as the app reads it (the server adds an English `message` for logs and the CLI). */
export type FieldError = { field: string; code: FieldCode; params?: FieldParams };
