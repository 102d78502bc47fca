// Field rules for accounts shared by the admin API, the login and password routes and the
// provisioning file: login IDs, names and the password policy (S18).
import * as v from 'valibot';
import { coded, required, tooLong } from '../fields';

/** Login IDs are case-sensitive and usually the staff member's 050 safe number (P2). */
export const LoginIdSchema = v.pipe(
  v.string(required('Login ID must be text.')),
  v.minLength(1, required('Enter a login ID.')),
  v.maxLength(32, tooLong(32, 'Login ID must be at most 32 characters.')),
  // No spaces or invisible characters: they cannot be told apart on the login screen.
  v.regex(/^[^\s\u0000-\u001f\u007f-\u009f]+$/, coded('login_id_chars', 'Login ID may not contain spaces or control characters.')),
);

export const PersonNameSchema = v.pipe(
  v.string(required('Name must be text.')),
  v.trim(),
  v.minLength(1, required('Enter a name.')),
  v.maxLength(50, tooLong(50, 'Name must be at most 50 characters.')),
);

export const TeamNameSchema = v.pipe(
  v.string(required('Team name must be text.')),
  v.trim(),
  v.minLength(1, required('Enter a team name.')),
  v.maxLength(50, tooLong(50, 'Team name must be at most 50 characters.')),
);

export const PASSWORD_POLICY = {
  minLength: 6,
  maxLength: 20,
} as const;

/** 6–20 characters mixing letters, digits and special characters (S18, P2). */
const LENGTH = { min: PASSWORD_POLICY.minLength, max: PASSWORD_POLICY.maxLength };
export const PasswordSchema = v.pipe(
  v.string(required('Password must be text.')),
  v.minLength(PASSWORD_POLICY.minLength, coded('password_length', 'Password must be at least 6 characters.', LENGTH)),
  v.maxLength(PASSWORD_POLICY.maxLength, coded('password_length', 'Password must be at most 20 characters.', LENGTH)),
  v.regex(/[A-Za-z]/, coded('password_letter', 'Password must contain a letter.')),
  v.regex(/[0-9]/, coded('password_digit', 'Password must contain a digit.')),
  v.regex(/[^A-Za-z0-9]/, coded('password_special', 'Password must contain a special character.')),
  v.regex(/^[\x21-\x7e]+$/, coded('password_ascii', 'Password may use only visible ASCII characters, no spaces.')),
);

// ── Signing in and changing one's password (/api/auth/…) ──
export const LoginBody = v.object({
  org: v.pipe(v.string(required('Enter your organisation.')), v.trim(), v.minLength(1, required('Enter your organisation.')), v.maxLength(100)),
  loginId: v.pipe(v.string(required('Enter your login ID.')), v.minLength(1, required('Enter your login ID.')), v.maxLength(64)),
  password: v.pipe(v.string(required('Enter your password.')), v.minLength(1, required('Enter your password.')), v.maxLength(128)),
});
export type LoginBody = v.InferInput<typeof LoginBody>;

export const ChangePasswordBody = v.object({
  currentPassword: v.pipe(v.string(required('Enter your current password.')), v.minLength(1, required('Enter your current password.')), v.maxLength(128)),
  newPassword: PasswordSchema,
});
export type ChangePasswordBody = v.InferInput<typeof ChangePasswordBody>;
