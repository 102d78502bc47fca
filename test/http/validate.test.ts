// The validator never echoes what was submitted, even where a schema relies on valibot's own messages.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseOrThrow } from '../../worker/http/validate';
import { ApiError } from '../../worker/errors';

describe('parseOrThrow', () => {
  it('names the failing fields without quoting the submitted values', () => {
    const schema = v.object({
      a: v.string(),
      b: v.pipe(v.string(), v.regex(/^x$/)),
      c: v.picklist(['p', 'q']),
      d: v.pipe(v.number(), v.integer()),
    });
    let caught: unknown;
    try {
      parseOrThrow(schema, { a: 5021234567, b: '01012345678', c: '01099998888', d: 1.5 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApiError);
    const fields = (caught as ApiError).fields ?? [];
    expect(fields.map((f) => f.field)).toEqual(['a', 'b', 'c', 'd']);
    const text = JSON.stringify(fields);
    for (const value of ['5021234567', '01012345678', '01099998888', '1.5']) expect(text).not.toContain(value);
  });
});
