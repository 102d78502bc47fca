// Korean particles after a value filled in at run time: a template writes "{date}은(는)" or
// "{caller}이(가)" and the particle that fits the value is chosen here, so the screen reads
// "6월 3일은" and "홍길동이", never "…은(는)". es-hangul decides for Hangul; a value ending in a
// digit is read as Koreans say it (Sino-Korean: 0 영, 1 일, 2 이 … 8 팔, 9 구), so
// "010-1234-5678을", "10:00은", "02-123-4567을"; anything else (Latin, symbols) takes the form after
// a vowel, as es-hangul does.
import { josa } from 'es-hangul';

/** The template spellings and the pair es-hangul picks from. */
const PARTICLES = {
  '은(는)': '은/는',
  '이(가)': '이/가',
  '을(를)': '을/를',
  '와(과)': '와/과',
  '(으)로': '으로/로',
} as const;

const DIGIT_READING = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];

/**
 * The syllable es-hangul should judge: the last letter or digit (closing brackets and quotes are
 * not read: "12월 25일 (금)" ends in 금), a digit as its Korean reading.
 */
function spoken(value: string): string {
  const last = value.replace(/[^\p{L}\p{N}]+$/u, '').slice(-1);
  return last >= '0' && last <= '9' ? (DIGIT_READING[Number(last)] ?? last) : last;
}

export function pickParticle(value: string, written: keyof typeof PARTICLES): string {
  return josa.pick(spoken(value), PARTICLES[written]);
}

/** A template's "{name}", with the particle written after it if any ("{name}은(는)"). */
export const PARAM_WITH_PARTICLE = /\{(\w+)\}(은\(는\)|이\(가\)|을\(를\)|와\(과\)|\(으\)로)?/g;

export type WrittenParticle = keyof typeof PARTICLES;
