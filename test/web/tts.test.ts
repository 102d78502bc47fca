import { describe, expect, it } from 'vitest';
import { textLength, unreadableCharacters } from '../../web/src/features/settings/tts';

describe('announcement texts for TTS', () => {
  it('finds emoji and pictographs (whole, with their joiners), and control characters, once each', () => {
    expect(unreadableCharacters('안녕하세요 😀 다시 😀 👍🏻')).toEqual(['😀', '👍']);
    expect(unreadableCharacters('가족 👨‍👩‍👧 ❤️')).toEqual(['👨', '👩', '👧', '❤']);
    expect(unreadableCharacters('줄\n바꿈\t탭')).toEqual([]);
    expect(unreadableCharacters('벨\u0007')).toEqual(['\u0007']);
    expect(unreadableCharacters('업무시간은 09:00~18:00입니다. (문의: 02-123-4567)')).toEqual([]);
  });

  it('counts as the server counts: trimmed, in UTF-16 units', () => {
    expect(textLength('  가나다  ')).toBe(3);
    expect(textLength('😀')).toBe(2);
  });
});
