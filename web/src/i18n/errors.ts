// Turns API errors into translated messages: codes map to keys, and the server's field messages
// map to keys where we have one; anything else becomes a generic "invalid" for that field.
import { ApiError, type ErrorCode } from '../api/client';
import type { Message, MessageKey } from './index';

const CODE_KEYS: Record<ErrorCode, MessageKey> = {
  invalid: 'error.invalid',
  too_large: 'error.too_large',
  unauthorized: 'error.unauthorized',
  bad_credentials: 'error.bad_credentials',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  conflict: 'error.conflict',
  throttled: 'error.throttled',
  internal: 'error.internal',
  network: 'error.network',
};

/** The server's English field messages (worker/**) that we translate precisely. */
const SERVER_FIELD_MESSAGES: Record<string, MessageKey> = {
  'Current password is incorrect.': 'field.currentPasswordWrong',
  'Your password is incorrect.': 'field.currentPasswordWrong',
  'Choose a password different from the current one.': 'field.passwordSame',
  'Password must be at least 6 characters.': 'password.rule.length',
  'Password must be at most 20 characters.': 'password.rule.length',
  'Password must contain a letter.': 'password.rule.letter',
  'Password must contain a digit.': 'password.rule.digit',
  'Password must contain a special character.': 'password.rule.special',
  'Password may use only visible ASCII characters, no spaces.': 'password.rule.ascii',
  'Enter your organisation.': 'field.required',
  'Enter your login ID.': 'field.required',
  'Enter your password.': 'field.required',
  'Enter your current password.': 'field.required',
  'Enter a login ID.': 'field.required',
  'Enter a name.': 'field.required',
  'Enter a team name.': 'field.required',
  'Enter a title.': 'field.required',
  'Enter the text.': 'field.required',
  'Enter the answer.': 'field.required',
  'Enter the question.': 'field.required',
  'Enter your question.': 'field.required',
  'Enter a valid phone number.': 'field.phone',
  'Enter a valid Korean phone number.': 'field.phone',
  'Enter a Korean phone number.': 'field.phone',
  'Enter a time.': 'field.time',
  'Use HH:MM (24-hour).': 'field.time',
  'Enter a date.': 'field.date',
  'Use YYYY-MM-DD.': 'field.date',
  'Name must be at most 50 characters.': 'field.tooLong',
  'Team name must be at most 50 characters.': 'field.tooLong',
  'At most 50 characters.': 'field.tooLong',
  'At most 200 characters.': 'field.tooLong',
  'At most 240 characters.': 'field.tooLong',
  'At most 500 characters.': 'field.tooLong',
  'At most 10,000 characters.': 'field.tooLong',
  'At most 20,000 characters.': 'field.tooLong',
  'Login ID may not contain spaces or control characters.': 'users.loginIdSpaces',
  'Login ID must be at most 32 characters.': 'users.loginIdLong',
  'This login ID is already in use.': 'users.loginIdTaken',
  'A team with this name already exists.': 'teams.duplicate',
  'This number is already registered.': 'numbers.exists',
  'Already registered.': 'numbers.exists',
  'Assign the number to a user or to a queue, not both.': 'numbers.oneTarget',
  'No such queue in your organisation.': 'numbers.noSuchQueue',
  'No such user in your organisation.': 'numbers.noSuchUser',
  'This date is already one of your holidays.': 'holidays.exists',
  'Already a holiday.': 'holidays.exists',
  'Unknown time zone.': 'org.timezoneUnknown',
  'Work must end after it starts.': 'org.endAfterStart',
  'Lunch must end after it starts.': 'org.endAfterStart',
  'Give both lunch times or neither.': 'org.lunchBoth',
  'Lunch must be inside working hours.': 'org.lunchInside',
  'Pick at least one working day.': 'org.pickWeekday',
  'At least 1 day.': 'org.retentionRange',
  'At most 3650 days.': 'org.retentionRange',
  'Whole days only.': 'org.retentionRange',
  'At least 1 second.': 'org.serviceLevelRange',
  'At most 3600 seconds.': 'org.serviceLevelRange',
  'Whole seconds only.': 'org.serviceLevelRange',
  'Choose a file.': 'files.chooseFile',
  'The file is empty.': 'files.emptyFile',
  'The file is larger than 20 MB.': 'files.tooLarge',
  'Too large.': 'error.too_large',
};

export function errorMessage(err: unknown): Message {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected' };
  if (err.code === 'throttled') {
    const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
    return { key: 'error.throttled', params: { minutes } };
  }
  return { key: CODE_KEYS[err.code] };
}

export function fieldMessage(serverMessage: string): Message {
  return { key: SERVER_FIELD_MESSAGES[serverMessage] ?? 'field.invalid' };
}
