// Whole numbers typed into settings forms: checked here against the server's bounds before sending.
import type { Message } from '../../../i18n';

/** A problem with a whole-number field, or undefined. `optional` fields may be left empty (= the org's). */
export function wholeProblem(text: string, min: number, max: number, optional = false): Message | undefined {
  const s = text.trim();
  if (s === '') return optional ? undefined : { key: 'field.required' };
  const n = Number(s);
  return /^-?\d+$/.test(s) && n >= min && n <= max ? undefined : { key: 'field.outOfRange', params: { min, max } };
}

/** '' → null (optional fields), else the number. */
export function toWhole(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

export const fromWhole = (n: number | null): string => (n === null ? '' : String(n));
