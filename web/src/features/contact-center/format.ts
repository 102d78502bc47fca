// TEMPORARY STUB (untracked): cc-admin's format.ts replaces it at merge.
import { lang } from '../../i18n';
const loc = () => (lang.value === 'ko' ? 'ko-KR' : 'en-GB');
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}
export function formatRatio(r: number | null | undefined): string {
  return r === null || r === undefined ? '–' : new Intl.NumberFormat(loc(), { style: 'percent', maximumFractionDigits: 1 }).format(r);
}
export function formatCount(n: number): string {
  return new Intl.NumberFormat(loc()).format(n);
}
