// The checklist the web app shows while a password is typed must agree with the server's policy
// (worker/auth/password.ts): a password the checklist accepts is one the API accepts, and back.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PasswordSchema } from '../../worker/auth/password';
import { passwordProblem } from '../../web/src/features/account/password-policy';

const serverAccepts = (p: string) => v.safeParse(PasswordSchema, p).success;

describe('web password checklist', () => {
  it('accepts and rejects the examples users meet', () => {
    for (const ok of ['Passw0rd!', 'a1!bcd', 'N3w!secret', 'x'.repeat(17) + '1!Z']) expect(passwordProblem(ok)).toBeUndefined();
    expect(passwordProblem('a1!')).toBe('password.rule.length');
    expect(passwordProblem('abcdef1')).toBe('password.rule.special');
    expect(passwordProblem('!!!!111')).toBe('password.rule.letter');
    expect(passwordProblem('abc!def')).toBe('password.rule.digit');
    expect(passwordProblem('ab 1!cd')).toBe('password.rule.ascii');
    expect(passwordProblem('비밀번호1!a')).toBe('password.rule.ascii');
  });

  it('agrees with the server policy on any input', () => {
    const chars = fc.constantFrom(...'aZ09!@ #가\t~'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 24 }).map((a) => a.join('')),
        (p) => {
          expect(passwordProblem(p) === undefined).toBe(serverAccepts(p));
        },
      ),
      { numRuns: 500 },
    );
  });
});
