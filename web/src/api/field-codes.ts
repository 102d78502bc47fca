// The codes a field error can carry: the web app's copy of worker/fields.ts. No DOM here, so the
// worker's tests can compare the two lists.
/**
 * The field codes of worker/fields.ts (a test fails when the two lists differ). The app translates
 * the code with its params (i18n/errors.ts), never the server's English `message`.
 */
export const FIELD_CODES = [
  'invalid',
  'required',
  'too_short',
  'too_long',
  'out_of_range',
  'choice',
  'phone',
  'phone_korean',
  'time',
  'date',
  'timezone',
  'login_id_chars',
  'password_length',
  'password_letter',
  'password_digit',
  'password_special',
  'password_ascii',
  'password_wrong',
  'password_same',
  'taken',
  'not_in_org',
  'one_target',
  'end_before_start',
  'both_or_neither',
  'lunch_outside_hours',
  'no_weekday',
  'file_empty',
  'file_too_large',
  'body_too_large',
  'malformed_json',
  'not_object',
  'mobile_change_wait',
  'unchanged',
  'not_available',
  'wrong_type',
  'on_other_list',
  'list_full',
  'no_such_local_time',
  'url',
  'url_private',
  'not_mobile',
  'not_dialable',
  'push_service',
  'not_agent',
  'disabled',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];
/** One failing field; an unknown code from a newer server reads as `invalid`. */
export type FieldError = { field: string; code: FieldCode; params?: Record<string, number> };
