// The text of each field code the server sends (worker/fields.ts): a key of the catalogue, filled
// with the code's params. No DOM here, so the worker's tests can check every code has a text.
import type { FieldCode, FieldError } from '../../../contract/field-codes';
import type { MessageKey } from './ko';

/** The same shape as i18n/index.ts `Message` (not imported: that module touches the DOM). */
type Message = { key: MessageKey; params?: Record<string, string | number> };

/** Every field code of the server (worker/fields.ts) → its text; the texts use the code's params. */
export const FIELD_CODE_KEYS: Record<FieldCode, MessageKey> = {
  invalid: 'field.invalid',
  required: 'field.required',
  too_short: 'field.tooShort',
  too_long: 'field.tooLong',
  out_of_range: 'field.outOfRange',
  choice: 'field.choice',
  phone: 'field.phone',
  phone_korean: 'field.phoneKorean',
  time: 'field.time',
  date: 'field.date',
  timezone: 'org.timezoneUnknown',
  login_id_chars: 'users.loginIdSpaces',
  password_length: 'field.passwordLength',
  password_letter: 'password.rule.letter',
  password_digit: 'password.rule.digit',
  password_special: 'password.rule.special',
  password_ascii: 'password.rule.ascii',
  password_wrong: 'field.currentPasswordWrong',
  password_same: 'field.passwordSame',
  taken: 'field.taken',
  not_in_org: 'field.notInOrg',
  one_target: 'numbers.oneTarget',
  end_before_start: 'org.endAfterStart',
  both_or_neither: 'field.bothOrNeither',
  lunch_outside_hours: 'org.lunchInside',
  no_weekday: 'org.pickWeekday',
  file_empty: 'files.emptyFile',
  file_too_large: 'field.fileTooLarge',
  body_too_large: 'error.too_large',
  malformed_json: 'field.unreadableBody',
  not_object: 'field.unreadableBody',
  mobile_change_wait: 'field.mobileChangeWait',
  unchanged: 'field.unchanged',
  not_available: 'field.notAvailable',
  wrong_type: 'field.wrongType',
  on_other_list: 'field.onOtherList',
  list_full: 'field.listFull',
  no_such_local_time: 'field.noSuchLocalTime',
  url: 'field.url',
  url_private: 'field.urlPrivate',
  not_mobile: 'field.notMobile',
  not_dialable: 'field.notDialable',
  push_service: 'field.pushService',
  not_agent: 'field.notAgent',
  disabled: 'field.disabled',
  too_many_bytes: 'messaging.field.tooManyBytes',
  message_chars: 'messaging.field.chars',
  no_sender: 'messaging.field.noSender',
  no_recipients: 'messaging.field.noRecipients',
  in_past: 'messaging.field.inPast',
  image_type: 'messaging.field.imageType',
};

export function fieldMessage(error: FieldError): Message {
  const key = FIELD_CODE_KEYS[error.code] ?? 'field.invalid';
  return error.params ? { key, params: error.params } : { key };
}
