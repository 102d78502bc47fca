// Passwords: the policy (S18) and PBKDF2-SHA256 hashing through WebCrypto with a per-user salt.
import * as v from 'valibot';
import { coded, required } from '../fields';

// workerd refuses PBKDF2 above 100,000 iterations.
const ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

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

const enc = new TextEncoder();

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, ITERATIONS);
  return `pbkdf2-sha256$${ITERATIONS}$${toB64(salt)}$${toB64(hash)}`;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const subtle = crypto.subtle as typeof crypto.subtle & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (subtle.timingSafeEqual) return subtle.timingSafeEqual(a, b);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iter || !saltB64 || !hashB64) return false;
  const expected = fromB64(hashB64);
  const actual = await derive(password, fromB64(saltB64), Number(iter));
  return equalBytes(actual, expected);
}

/** Burns the same time as a real check, so an unknown login ID is not revealed by timing. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await derive(password, new Uint8Array(SALT_BYTES), ITERATIONS);
  return false;
}

export { toB64, fromB64 };
