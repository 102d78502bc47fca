// The trace's words in the chosen language and the org's time zone (see trace-text.ts).
import { formatDay, formatMoment, t } from '../../i18n';
import type { TraceWords } from './trace-text';

export function traceWords(timeZone: string, tense: TraceWords['tense']): TraceWords {
  return { t, instant: (ms) => formatMoment(ms, timeZone), date: formatDay, tense };
}

/** "3분 12초", "45초" / "3 min 12 s". */
export function durationText(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? t('duration.minSec', { m, s }) : t('duration.sec', { s });
}
