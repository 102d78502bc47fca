// The password policy (S18), the same rules as worker/auth/password.ts, as a checklist the
// forms show while the user types. Pure: no DOM, no signals.
import type { MessageKey } from '../../i18n/ko';

export type PasswordRule = { key: MessageKey; ok: (password: string) => boolean };

export const PASSWORD_RULES: readonly PasswordRule[] = [
  { key: 'password.rule.length', ok: (p) => p.length >= 6 && p.length <= 20 },
  { key: 'password.rule.letter', ok: (p) => /[A-Za-z]/.test(p) },
  { key: 'password.rule.digit', ok: (p) => /[0-9]/.test(p) },
  { key: 'password.rule.special', ok: (p) => /[^A-Za-z0-9]/.test(p) },
  { key: 'password.rule.ascii', ok: (p) => p.length > 0 && /^[\x21-\x7e]+$/.test(p) },
];

/** The first rule the password breaks, if any. */
export function passwordProblem(password: string): MessageKey | undefined {
  return PASSWORD_RULES.find((r) => !r.ok(password))?.key;
}
