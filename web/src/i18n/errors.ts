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
  'Password is incorrect.': 'field.currentPasswordWrong',
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
