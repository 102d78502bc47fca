// The web app's texts: Korean and English have the same keys and the same {placeholders}, and no
// text is empty, so switching language never shows a key or a raw "{name}".
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { ko } from '../../web/src/i18n/ko';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web texts', () => {
  it('have the same keys in Korean and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(ko) as (keyof typeof ko)[]) {
      expect({ key, p: placeholders(en[key]) }).toEqual({ key, p: placeholders(ko[key]) });
    }
  });

  it('have no empty text', () => {
    for (const [key, text] of [...Object.entries(ko), ...Object.entries(en)]) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });
});
