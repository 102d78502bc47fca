// Field rules for accounts shared by the admin API and the provisioning file: login IDs and names.
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
