// The validator names each failing field with the code its schema attached (worker/fields.ts), never
// echoing what was submitted, even where a schema relies on valibot's own messages.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PasswordSchema } from '../../worker/auth/password';
import { ApiError, type FieldError } from '../../worker/errors';
import { coded, outOfRange, required, requiredText, tooLong } from '../../worker/fields';
import { parseOrThrow } from '../../worker/http/validate';
import { PhoneSchema } from '../../worker/phone';

function fieldsOf(schema: v.GenericSchema, input: unknown): FieldError[] {
  try {
    parseOrThrow(schema, input);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).fields ?? [];
  }
  throw new Error('expected the input to be refused');
}

describe('parseOrThrow', () => {
  it('names the failing fields without quoting the submitted values', () => {
    const schema = v.object({
      a: v.string(),
      b: v.pipe(v.string(), v.regex(/^x$/)),
      c: v.picklist(['p', 'q']),
      d: v.pipe(v.number(), v.integer()),
    });
    const fields = fieldsOf(schema, { a: 5021234567, b: '01012345678', c: '01099998888', d: 1.5 });
    expect(fields.map((f) => f.field)).toEqual(['a', 'b', 'c', 'd']);
    const text = JSON.stringify(fields);
    for (const value of ['5021234567', '01012345678', '01099998888', '1.5']) expect(text).not.toContain(value);
  });

  it('gives every field the code its schema attached, with its params; an issue without one is `invalid`', () => {
    const schema = v.pipe(
      v.object({
        title: requiredText(240),
        count: v.pipe(v.number(), v.minValue(1, outOfRange(1, 9)), v.maxValue(9, outOfRange(1, 9))),
        phone: PhoneSchema,
        password: PasswordSchema,
        nested: v.object({ start: v.pipe(v.string(required()), v.regex(/^\d\d:\d\d$/, coded('time', 'Use HH:MM.'))), end: v.string() }),
        plain: v.pipe(v.string(), v.maxLength(3)),
      }),
      v.forward(
        v.check((o) => o.nested.end > o.nested.start, coded('end_before_start', 'End after start.')),
        ['nested', 'end'],
      ),
    );
    const fields = fieldsOf(schema, {
      title: 'x'.repeat(241),
      count: 12,
      phone: '010-12',
      password: 'abcdefg1',
      nested: { start: '9:00' },
      plain: 'long',
    });
    expect(fields).toEqual([
      { field: 'title', code: 'too_long', params: { max: 240 }, message: 'At most 240 characters.' },
      { field: 'count', code: 'out_of_range', params: { min: 1, max: 9 }, message: expect.any(String) },
      { field: 'phone', code: 'phone', message: 'Enter a valid phone number.' },
      { field: 'password', code: 'password_special', message: 'Password must contain a special character.' },
      { field: 'nested.start', code: 'time', message: 'Use HH:MM.' },
      { field: 'nested.end', code: 'invalid', message: expect.any(String) },
      { field: 'plain', code: 'invalid', message: expect.any(String) },
    ]);
    expect(
      fieldsOf(schema, { title: ' ', count: 1, phone: '010-1234-5678', password: 'Abc12!', nested: { start: '10:00', end: '09:00' }, plain: 'a' }),
    ).toEqual([
      { field: 'title', code: 'required', message: 'Required.' },
      { field: 'nested.end', code: 'end_before_start', message: 'End after start.' },
    ]);
  });

  it('keeps codes apart when the same schema fails again (messages are attached per issue)', () => {
    const schema = v.object({ a: v.pipe(v.string(), v.maxLength(2, tooLong(2))), b: v.pipe(v.string(), v.maxLength(5, tooLong(5))) });
    expect(fieldsOf(schema, { a: 'xyz', b: 'abcdefg' }).map((f) => [f.code, f.params])).toEqual([
      ['too_long', { max: 2 }],
      ['too_long', { max: 5 }],
    ]);
    expect(fieldsOf(schema, { a: 'ok', b: 'abcdefg' }).map((f) => [f.field, f.params])).toEqual([['b', { max: 5 }]]);
  });
});
