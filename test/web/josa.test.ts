// Korean particles after a filled-in value (issue 16): the template writes "{x}은(는)" and the
// screen shows the one particle that fits the value as it is read aloud, never "은(는)".
import { describe, expect, it } from 'vitest';
import { format } from '../../web/src/i18n/format';
import { ko } from '../../web/src/i18n/ko';

describe('particles after a value', () => {
  it('follow the last syllable of a Korean word', () => {
    expect(format('{c}이(가) 전화하면', { c: '홍길동' })).toBe('홍길동이 전화하면');
    expect(format('{c}이(가) 전화하면', { c: '김철수' })).toBe('김철수가 전화하면');
    expect(format('{x}와(과) 함께', { x: '서울' })).toBe('서울과 함께');
    expect(format('{x}와(과) 함께', { x: '부산시' })).toBe('부산시와 함께');
  });

  it('read a final digit as Koreans say it (영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구)', () => {
    expect(format('{n}을(를) 등록했습니다.', { n: '010-1234-5678' })).toBe('010-1234-5678을 등록했습니다.');
    expect(format('{n}을(를) 등록했습니다.', { n: '02-123-4562' })).toBe('02-123-4562를 등록했습니다.');
    expect(format('{t}은(는) 업무시간', { t: '10:00' })).toBe('10:00은 업무시간');
    expect(format('{t}은(는) 업무시간', { t: '19:35' })).toBe('19:35는 업무시간');
    // ㄹ takes 로, not 으로; other final consonants 으로.
    expect(format('{m}(으)로 연결됩니다.', { m: '010-1234-5671' })).toBe('010-1234-5671로 연결됩니다.');
    expect(format('{m}(으)로 연결됩니다.', { m: '010-1234-5673' })).toBe('010-1234-5673으로 연결됩니다.');
    expect(format('{m}(으)로 연결됩니다.', { m: '010-1234-5679' })).toBe('010-1234-5679로 연결됩니다.');
  });

  it('skip closing brackets to the word read last', () => {
    expect(format('{d}은(는) 휴일', { d: '12월 25일 (금)' })).toBe('12월 25일 (금)은 휴일');
    expect(format('{d}은(는) 휴일', { d: '6월 3일 (수)' })).toBe('6월 3일 (수)는 휴일');
  });

  it('leave a placeholder without a value as written, and other text untouched', () => {
    expect(format('{a}은(는) {b}', { b: 'x' })).toBe('{a}은(는) x');
    expect(format('요금(는) {a}', { a: '1' })).toBe('요금(는) 1');
  });

  it('leave no Korean text with a particle pair that is not after a placeholder', () => {
    for (const [key, text] of Object.entries(ko)) {
      const bare = text.replace(/\{\w+\}(은\(는\)|이\(가\)|을\(를\)|와\(과\)|\(으\)로)/g, '');
      expect({ key, pair: /은\(는\)|이\(가\)|을\(를\)|와\(과\)|\(으\)로/.test(bare) }).toEqual({ key, pair: false });
    }
  });
});
