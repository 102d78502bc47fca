// The web app translates every field code the worker can send (one list, contract/field-codes.ts):
// each code has a text in both languages, and the texts use only the params the worker sends with it.
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { FIELD_CODE_KEYS, fieldMessage } from '../../web/src/i18n/field-codes';
import { ko } from '../../web/src/i18n/ko';
import { FIELD_CODES } from '../../worker/fields';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

describe('field codes in the web app', () => {
  it('each have a text in Korean and English that uses only the params the worker sends', () => {
    for (const [code, params] of Object.entries(FIELD_CODES) as [keyof typeof FIELD_CODES, readonly string[]][]) {
      const key = FIELD_CODE_KEYS[code];
      expect(key, `no text for field code ${code}`).toBeDefined();
      for (const text of [ko[key], en[key]]) {
        expect(text, `${code} → ${key}`).toBeTruthy();
        for (const p of placeholders(text)) expect(params, `${key} uses {${p}}, which ${code} does not send`).toContain(p);
      }
    }
  });

  it('turn a field error into its text with its params, and an unknown code into the generic one', () => {
    expect(fieldMessage({ field: 'text', code: 'too_long', params: { max: 240 } })).toEqual({ key: 'field.tooLong', params: { max: 240 } });
    expect(ko['field.tooLong'].replace('{max}', '240')).toBe('최대 240자까지 입력할 수 있습니다.');
    expect(fieldMessage({ field: 'x', code: 'nonsense' as never })).toEqual({ key: 'field.invalid' });
  });
});
