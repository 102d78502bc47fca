// Phone numbers: every common Korean way of typing one becomes the same E.164; stored numbers read
// back in national format; the carrier's caller ids become list keys.
import { describe, expect, it } from 'vitest';
import { callerE164, formatNational, maskNational, toE164 } from '../worker/phone';

describe('toE164', () => {
  it.each([
    ['010-1234-5678', '+821012345678'],
    ['01012345678', '+821012345678'],
    ['010 1234 5678', '+821012345678'],
    ['+82 10-1234-5678', '+821012345678'],
    ['+821012345678', '+821012345678'],
    ['02-123-4567', '+8221234567'],
    ['021234567', '+8221234567'],
    ['031-123-4567', '+82311234567'],
    ['050-1234-0001', '+825012340001'],
    ['0505-123-4567', '+825051234567'],
    ['070-1234-5678', '+827012345678'],
    ['1588-1234', '+8215881234'],
  ])('%s → %s', (typed, e164) => {
    expect(toE164(typed)).toBe(e164);
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['', 'abc', '010-1234', '12345678901234567890']) expect(toE164(bad)).toBeUndefined();
  });
});

describe('callerE164', () => {
  it('passes carrier E.164 through, normalises other forms, and gives null for anonymous callers', () => {
    expect(callerE164('+821012345678')).toBe('+821012345678');
    expect(callerE164('+12125551234')).toBe('+12125551234');
    expect(callerE164('01012345678')).toBe('+821012345678');
    // A national trunk 0 after +82 is a common mistake: still the same number.
    expect(callerE164('+8201012345678')).toBe('+821012345678');
    for (const none of [null, undefined, '', 'anonymous', 'restricted']) expect(callerE164(none)).toBeNull();
  });
});

describe('formatNational / maskNational', () => {
  it('Korean numbers in national format, foreign ones international', () => {
    expect(formatNational('+821012345678')).toBe('010-1234-5678');
    expect(formatNational('+8221234567')).toBe('02-123-4567');
    expect(formatNational('+825012340001')).toBe('050-1234-0001');
    expect(formatNational('+12125551234')).toBe('+1 212 555 1234');
    expect(formatNational('not a number')).toBe('not a number');
  });

  it('masks the middle group of a linked mobile', () => {
    expect(maskNational('+821012345678')).toBe('010-****-5678');
    expect(maskNational('+8221234567')).toBe('02-***-4567');
  });
});
