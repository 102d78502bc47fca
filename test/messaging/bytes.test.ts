// Korean message sizing (S15): EUC-KR/CP949 byte counting at the SMS boundary with mixed Hangul,
// ASCII and emoji; characters that cannot be sent; the SMS / LMS / MMS choice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charBytes, countBytes, LMS_MAX_BYTES, messageKind, SMS_MAX_BYTES } from '../../contract/message-bytes';

describe('countBytes', () => {
  it('Hangul is 2 bytes, ASCII 1, compatibility jamo 2, listed notice symbols 2', () => {
    expect(countBytes('가').bytes).toBe(2);
    expect(countBytes('힣').bytes).toBe(2); // outside KS X 1001's 2,350, inside CP949
    expect(countBytes('a1 !').bytes).toBe(4);
    expect(countBytes('ㄱㅏ').bytes).toBe(4);
    expect(countBytes('※ 안내').bytes).toBe(7);
    expect(countBytes('줄\n바꿈').bytes).toBe(7);
    expect(countBytes('').bytes).toBe(0);
  });

  it('90 bytes of mixed Hangul and ASCII is SMS; one more byte is LMS', () => {
    const ninety = `${'안녕하세요'.repeat(8)}ABCDEFGHIJ`; // 40 Hangul = 80 bytes + 10 ASCII
    expect(countBytes(ninety).bytes).toBe(90);
    expect(messageKind(countBytes(ninety).bytes, false)).toBe('sms');
    const ninetyOne = `${ninety}!`;
    expect(countBytes(ninetyOne).bytes).toBe(91);
    expect(messageKind(countBytes(ninetyOne).bytes, false)).toBe('lms');
    // Ending on a Hangul syllable: 89 bytes + one syllable crosses the line by one byte.
    const eightyNine = `${'가'.repeat(44)}x`;
    expect(countBytes(eightyNine).bytes).toBe(89);
    expect(messageKind(countBytes(`${eightyNine}가`).bytes, false)).toBe('lms');
  });

  it('an emoji is flagged once, counted 2 bytes (one code point, not two UTF-16 halves), and tips 89 bytes over 90', () => {
    const text = `${'가'.repeat(44)}x😀`;
    const count = countBytes(text);
    expect(count.unsupported).toEqual(['😀']);
    expect(count.bytes).toBe(91);
    expect(messageKind(count.bytes, false)).toBe('lms');
    expect(countBytes('😀😀👍').unsupported).toEqual(['😀', '👍']);
    expect(countBytes('漢字 €').unsupported).toEqual(['漢', '字', '€']);
  });

  it('property: bytes = ASCII count + 2 × everything else, and only non-ASCII non-Hangul can be flagged', () => {
    const hangul = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCodePoint(c));
    const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCodePoint(c));
    const other = fc.integer({ min: 0x1f300, max: 0x1f5ff }).map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(fc.array(fc.oneof(hangul, ascii, other), { maxLength: 200 }), (chars) => {
        const text = chars.join('');
        const { bytes, unsupported } = countBytes(text);
        const asciiCount = chars.filter((c) => (c.codePointAt(0) ?? 0) < 0x80).length;
        expect(bytes).toBe(asciiCount + 2 * (chars.length - asciiCount));
        for (const u of unsupported) expect(charBytes(u.codePointAt(0) ?? 0)).toBeNull();
        expect(unsupported.length).toBe(new Set(chars.filter((c) => (c.codePointAt(0) ?? 0) >= 0x1f300)).size);
      }),
    );
  });
});

describe('messageKind', () => {
  it('SMS up to 90 bytes, LMS above (to 2,000), MMS whenever there is an image', () => {
    expect(messageKind(0, false)).toBe('sms');
    expect(messageKind(SMS_MAX_BYTES, false)).toBe('sms');
    expect(messageKind(SMS_MAX_BYTES + 1, false)).toBe('lms');
    expect(messageKind(LMS_MAX_BYTES, false)).toBe('lms');
    expect(messageKind(10, true)).toBe('mms');
    expect(messageKind(1_500, true)).toBe('mms');
  });
});
