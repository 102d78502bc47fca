// The destination policy (issue 19 §1) range by range: what each purpose may dial, from numbers as
// people type them (through the same parse the API uses) and as E.164.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { destinationClass, dialable, KOREAN_RANGES, mayDial, OutboundNumberSchema, PersonPhoneSchema } from '../worker/destinations';
import { toE164 } from '../worker/phone';

// [as typed or E.164, class, a person's phone?, an outbound destination?]
const CASES: [string, string, boolean, boolean][] = [
  ['010-1234-5678', 'mobile', true, true],
  ['011-234-5678', 'mobile', true, true],
  ['016-234-5678', 'mobile', true, true],
  ['017-2345-6789', 'mobile', true, true],
  ['018-234-5678', 'mobile', true, true],
  ['019-2345-6789', 'mobile', true, true],
  ['02-2100-1234', 'geographic', false, true],
  ['02-123-4567', 'geographic', false, true],
  ['031-123-4567', 'geographic', false, true],
  ['032-1234-5678', 'geographic', false, true],
  ['033-123-4567', 'geographic', false, true],
  ['041-123-4567', 'geographic', false, true],
  ['042-123-4567', 'geographic', false, true],
  ['043-123-4567', 'geographic', false, true],
  ['044-123-4567', 'geographic', false, true],
  ['051-123-4567', 'geographic', false, true],
  ['052-123-4567', 'geographic', false, true],
  ['053-123-4567', 'geographic', false, true],
  ['054-123-4567', 'geographic', false, true],
  ['055-123-4567', 'geographic', false, true],
  ['061-123-4567', 'geographic', false, true],
  ['062-123-4567', 'geographic', false, true],
  ['063-123-4567', 'geographic', false, true],
  ['064-123-4567', 'geographic', false, true],
  ['070-1234-5678', 'voip', false, true],
  ['080-123-4567', 'freephone', false, true],
  ['1588-1234', 'representative', false, true],
  ['1644-1234', 'representative', false, true],
  ['1833-1234', 'representative', false, true],
  ['060-700-1234', 'premium', false, false],
  ['+82607001234', 'premium', false, false],
  ['+8260712345678', 'unknown', false, false],
  ['+823031234567', 'network', false, false],
  ['+82303123456', 'network', false, false],
  ['0505-123-4567', 'platform', false, false],
  ['050-1234-0001', 'platform', false, false],
  ['+825071234567', 'platform', false, false],
  ['+82112', 'emergency', false, false],
  ['+82119', 'emergency', false, false],
  ['+82113', 'emergency', false, false],
  ['+82122', 'emergency', false, false],
  ...['111', '117', '118', '125', '127', '182'].map((n): [string, string, boolean, boolean] => [`+82${n}`, 'emergency', false, false]),
  ['+821312345678', 'machine', false, false],
  ['+82114', 'short', false, false],
  ['+821330', 'short', false, false],
  ['+821588', 'short', false, false],
  ['+821212345678', 'machine', false, false],
  ['+1 900 555 0123', 'international', false, false],
  ['+1 202 555 0123', 'international', false, false],
  ['+44 20 7946 0018', 'international', false, false],
  ['+86 10 1234 5678', 'international', false, false],
  ['+81 3 1234 5678', 'international', false, false],
];

const e164Of = (typed: string) => (typed.startsWith('+') ? typed.replace(/\s/g, '') : toE164(typed));

describe('the destination policy, range by range', () => {
  for (const [typed, cls, person, outbound] of CASES) {
    it(`${typed}: ${cls}; a person’s phone ${person ? 'yes' : 'no'}, outbound ${outbound ? 'yes' : 'no'}`, () => {
      const e164 = e164Of(typed);
      expect(e164, 'parses').toBeDefined();
      expect(destinationClass(e164!)).toBe(cls);
      expect(mayDial(e164!, 'person')).toBe(person);
      expect(mayDial(e164!, 'outbound')).toBe(outbound);
      expect(dialable(e164!)).toBe(person || outbound);
    });
  }

  it('every range of the table has a case above', () => {
    const covered = new Set(CASES.map(([typed]) => e164Of(typed)!.slice(3)));
    for (const r of KOREAN_RANGES)
      expect(
        [...covered].some((nsn) => nsn.startsWith(r.prefix) && r.lengths.includes(nsn.length)),
        r.note,
      ).toBe(true);
  });

  it('the API’s schemas answer the refusal codes and the E.164 form', () => {
    const issue = (schema: typeof PersonPhoneSchema | typeof OutboundNumberSchema, s: string) => {
      const r = v.safeParse(schema, s);
      return r.success ? r.output : r.issues[0]?.message;
    };
    expect(issue(PersonPhoneSchema, '010-2222-3333')).toBe('+821022223333');
    expect(issue(PersonPhoneSchema, '060-700-1234')).toMatch(/mobile/);
    expect(issue(PersonPhoneSchema, '02-2100-1234')).toMatch(/mobile/);
    expect(issue(OutboundNumberSchema, '02-2100-1234')).toBe('+82221001234');
    expect(issue(OutboundNumberSchema, '060-700-1234')).toMatch(/cannot be called/);
    expect(issue(OutboundNumberSchema, '+1 900 555 0123')).toMatch(/cannot be called/);
  });

  it('anything that is not E.164 is unknown and never dialled', () => {
    for (const s of ['', '112', '0101234', '+', '+82', 'tel:+821012345678', 'sip:x@example.com']) expect(dialable(s), s).toBe(false);
  });
});
