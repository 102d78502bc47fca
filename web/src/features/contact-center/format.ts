// How the contact-center screens write durations, ratios and outcomes, in the chosen language.
import { lang, t, type MessageKey } from '../../i18n';

/** 25초 · 1분 5초 · 2시간 3분; null is a dash. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t('cc.dash');
  const total = Math.round(seconds);
  if (total < 60) return t('cc.dur.s', { s: total });
  if (total < 3600) return t('cc.dur.ms', { m: Math.floor(total / 60), s: total % 60 });
  return t('cc.dur.hm', { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60) });
}

export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? t('cc.dash') : formatDuration(ms / 1000);
}

/** 0.4 → 40%, 1/3 → 33.3%; null (nothing to divide by) is a dash. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return t('cc.dash');
  return new Intl.NumberFormat(lang.value === 'ko' ? 'ko-KR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(lang.value === 'ko' ? 'ko-KR' : 'en-GB').format(n);
}

const OUTCOMES: Record<string, MessageKey> = {
  connected: 'cc.outcome.connected',
  abandoned: 'cc.outcome.abandoned',
  callback: 'cc.outcome.callback',
  overflow: 'cc.outcome.overflow',
  voicemail: 'cc.outcome.voicemail',
  failed: 'cc.outcome.failed',
  missed: 'cc.outcome.missed',
};

/** A call's outcome in words; an outcome this app does not know yet shows as written. */
export function outcomeLabel(outcome: string): string {
  const key = OUTCOMES[outcome];
  return key ? t(key) : outcome;
}

/** The badge colour of an outcome. */
export function outcomeTone(call: { answeredAt: number | null; outcome: string }): 'ok' | 'warn' | 'plain' {
  if (call.answeredAt !== null) return 'ok';
  return call.outcome === 'abandoned' || call.outcome === 'callback' ? 'warn' : 'plain';
}
