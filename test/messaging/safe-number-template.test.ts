// The "send my safe number" text (S12): the org template's placeholders filled in, the default when
// the org has none — the one rule the API sends by and the admin screen previews with.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFE_NUMBER_TEMPLATE, safeNumberText } from '../../contract/safe-number-sms';
import { countBytes, messageKind } from '../../contract/message-bytes';

const values = { name: '홍길동', safeNumber: '050-1234-0001', org: '가람시청' };

describe('safeNumberText', () => {
  it('fills every placeholder, each time it appears, and leaves other braces alone', () => {
    expect(safeNumberText('{name} {safeNumber} {org} {name} {other}', values)).toBe('홍길동 050-1234-0001 가람시청 홍길동 {other}');
  });

  it('uses the default when the org has no template, and the default goes as a short message', () => {
    const text = safeNumberText(null, values);
    expect(text).toBe('[가람시청] 홍길동입니다. 제 안심번호는 050-1234-0001입니다. 이 번호로 연락 주세요.');
    expect(DEFAULT_SAFE_NUMBER_TEMPLATE).toContain('{safeNumber}');
    expect(messageKind(countBytes(text).bytes, false)).toBe('sms');
  });
});
