// Turns API errors into translated messages: the error code maps to a key, and each field error's
// code (with its params, e.g. {max}) maps to a key. The server's English messages are never shown.
import { ApiError, type ErrorCode } from '../api/client';
import type { Message, MessageKey } from './index';

export { fieldMessage } from './field-codes';

const CODE_KEYS: Record<ErrorCode, MessageKey> = {
  invalid: 'error.invalid',
  too_large: 'error.too_large',
  unauthorized: 'error.unauthorized',
  bad_credentials: 'error.bad_credentials',
  forbidden: 'error.forbidden',
  password_change_required: 'error.password_change_required',
  not_found: 'error.not_found',
  conflict: 'error.conflict',
  unsupported_media_type: 'error.unsupported_media_type',
  throttled: 'error.throttled',
  not_implemented: 'error.not_implemented',
  internal: 'error.internal',
  network: 'error.network',
  offline: 'ccLive.error.offline',
  on_call: 'ccLive.error.on_call',
  ringing: 'ccLive.error.ringing',
  no_call: 'ccLive.error.no_call',
  not_connected: 'ccLive.error.not_connected',
  held: 'ccLive.error.held',
  not_held: 'ccLive.error.not_held',
  not_ready: 'ccLive.error.not_ready',
  busy: 'ccLive.error.busy',
  no_mobile: 'ccLive.error.no_mobile',
  no_service_number: 'ccLive.error.no_service_number',
  no_caller_id: 'outbound.error.no_caller_id',
  no_access_number: 'outbound.error.no_access_number',
};

export function errorMessage(err: unknown): Message {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected' };
  if (err.code === 'throttled') {
    const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
    return { key: 'error.throttled', params: { minutes } };
  }
  return { key: CODE_KEYS[err.code] };
}
