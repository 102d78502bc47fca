// Small checks forms run before sending. The server decides for real (it normalises numbers to
// E.164 with libphonenumber); these only catch what is plainly wrong, without a round trip.
import type { MessageKey } from '../i18n';

// What people type: 010-1234-5678, 0505 123 4567, +82 10…
const PHONE_LIKE = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;

export function phoneProblem(s: string, requiredField = false): MessageKey | undefined {
  const v = s.trim();
  if (v === '') return requiredField ? 'field.required' : undefined;
  return PHONE_LIKE.test(v) ? undefined : 'field.phone';
}

export function blankProblem(s: string): MessageKey | undefined {
  return s.trim() === '' ? 'field.required' : undefined;
}
