// The one place texts come from: the chosen language (Korean by default, remembered in
// localStorage) and t(), which components call while rendering so a switch re-renders them.
import { signal } from '@preact/signals';
import { en } from './en';
import { ko, type MessageKey } from './ko';

export type { MessageKey };
export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Params = Record<string, string | number>;
/** A text to show later, in whatever language is chosen then. */
export type Message = { key: MessageKey; params?: Params };

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { ko, en };
const STORAGE_KEY = 'lang';

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'ko' ? v : 'ko';
  } catch {
    return 'ko';
  }
}

export const lang = signal<Lang>(storedLang());

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: Params): string {
  return format(DICTIONARIES[lang.value][key], params);
}

export function tm(message: Message): string {
  return t(message.key, message.params);
}

export function formatDateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang.value === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(ms));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
