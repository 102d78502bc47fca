// A decision's trace in plain words (B1): one sentence per rule checked, and the reason the call
// went as it did, in the chosen language. Every RuleId and detail is put into words here, once,
// for the history, the what-if screen and the number check. No DOM: the caller passes `t` and the
// formatters of the org's time zone, so tests run it in both languages.
import type { RecordedTrace, RingResult, VoicemailStep } from '../../../../contract/safe-number';
import type { TraceStep } from '../../../../contract/trace';
import type { CallOutcome } from '../../../../contract/vocabularies';
import type { MessageKey } from '../../i18n/ko';

/** Values a text's {placeholders} take (as i18n/index.ts Params, which touches the DOM). */
type Params = Record<string, string | number>;

export type Translate = (key: MessageKey, params?: Params) => string;
export type TraceWords = {
  t: Translate;
  /** An instant (epoch ms) as the org's wall clock, e.g. "12월 3일 14:00". */
  instant: (ms: number) => string;
  /** A YYYY-MM-DD date, e.g. "12월 25일 (금)". */
  date: (date: string) => string;
  /** 'past' for a call that happened (history), 'would' for a what-if. */
  tense: 'past' | 'would';
};

export const WEEKDAY_KEYS: readonly MessageKey[] = ['weekday.mon', 'weekday.tue', 'weekday.wed', 'weekday.thu', 'weekday.fri', 'weekday.sat', 'weekday.sun'];

export type TraceLine = { rule: RecordedStep['rule'] | 'ring'; matched: boolean; text: string };
type RecordedStep = TraceStep | VoicemailStep;

const RING_KEYS: Record<RingResult, MessageKey> = {
  no_answer: 'trace.ring.no_answer',
  busy: 'trace.ring.busy',
  declined: 'trace.ring.declined',
  caller_left: 'trace.ring.caller_left',
};

/** The step where every rule passed and the mobile was rung. */
const rangMobile = (step: RecordedStep) => step.rule === 'unavailable' && !step.matched;

function weekdayName(w: TraceWords, weekday: number): string {
  return w.t(WEEKDAY_KEYS[weekday] ?? 'weekday.mon');
}

/** Days of a weekday mask in words: "월·화·수·목·금". */
export function weekdayList(t: Translate, mask: number): string {
  return WEEKDAY_KEYS.filter((_, i) => (mask >> i) & 1)
    .map((k) => t(k))
    .join('·');
}

/** The sentence of one step. A refusal reads in the tense of `w` (happened / would happen). */
export function stepText(step: RecordedStep, w: TraceWords): string {
  const { t } = w;
  const would = w.tense === 'would';
  switch (step.rule) {
    case 'spam': {
      const d = step.detail;
      if (d.entry === 'permanent') return t(would ? 'trace.spam.permanentWould' : 'trace.spam.permanent');
      if (d.entry === 'temporary') return t(would ? 'trace.spam.temporaryWould' : 'trace.spam.temporary', { until: w.instant(d.expiresAt ?? 0) });
      if (d.entry === 'expired') return t('trace.spam.expired', { until: w.instant(d.expiresAt ?? 0) });
      return t('trace.spam.none');
    }
    case 'paused':
      return step.matched ? t(would ? 'trace.paused.yesWould' : 'trace.paused.yes') : t('trace.paused.no');
    case 'free_pass': {
      const d = step.detail;
      if (d.entry === 'permanent') return t('trace.freePass.permanent');
      if (d.entry === 'temporary') return t('trace.freePass.temporary', { until: w.instant(d.expiresAt ?? 0) });
      if (d.entry === 'expired') return t('trace.freePass.expired', { until: w.instant(d.expiresAt ?? 0) });
      return t('trace.freePass.none');
    }
    case 'shield': {
      const d = step.detail;
      if (!d.checked) return t(would ? 'trace.shield.notCountedWould' : 'trace.shield.unchecked');
      const params = { count: d.count ?? 0, limit: d.limit ?? 0, window: d.windowMinutes ?? 0 };
      if (!step.matched) return t('trace.shield.within', params);
      return d.coolOffUntil !== null ? t('trace.shield.coolOff', { ...params, until: w.instant(d.coolOffUntil) }) : t('trace.shield.limited', params);
    }
    case 'immediate_block':
      return step.matched ? t(would ? 'trace.immediateBlock.yesWould' : 'trace.immediateBlock.yes') : t('trace.immediateBlock.no');
    case 'holiday': {
      const d = step.detail;
      if (!step.matched) return t('trace.holiday.no', { date: w.date(d.date) });
      return t(would ? 'trace.holiday.yesWould' : 'trace.holiday.yes', { date: w.date(d.date), name: d.name ?? '' });
    }
    case 'working_days': {
      const d = step.detail;
      const params = { weekday: weekdayName(w, d.weekday), days: weekdayList(t, d.weekdays) };
      return step.matched ? t(would ? 'trace.workingDays.yesWould' : 'trace.workingDays.yes', params) : t('trace.workingDays.no', params);
    }
    case 'hours': {
      const d = step.detail;
      const params = { start: d.start, end: d.end, local: d.local };
      return step.matched ? t(would ? 'trace.hours.yesWould' : 'trace.hours.yes', params) : t('trace.hours.no', params);
    }
    case 'lunch': {
      const d = step.detail;
      if (d.start === null || d.end === null) return t('trace.lunch.none');
      const params = { start: d.start, end: d.end };
      return step.matched ? t(would ? 'trace.lunch.yesWould' : 'trace.lunch.yes', params) : t('trace.lunch.no', params);
    }
    case 'block_window': {
      const d = step.detail;
      const params = { name: d.name, start: d.start, end: d.end };
      return step.matched ? t(would ? 'trace.blockWindow.yesWould' : 'trace.blockWindow.yes', params) : t('trace.blockWindow.no', params);
    }
    case 'unavailable': {
      const d = step.detail;
      if (!step.matched) return t(would ? 'trace.connect.would' : 'trace.connect.past');
      if (!d.owner) return t('trace.unavailable.owner');
      if (d.disabled) return t('trace.unavailable.disabled');
      return t('trace.unavailable.mobile');
    }
    case 'voicemail': {
      const d = step.detail;
      if (d.kept) return t(d.reason === 'after_hours' ? 'trace.voicemail.keptAfterHours' : 'trace.voicemail.kept');
      return t(d.reason === 'after_hours' ? 'trace.voicemail.noneAfterHours' : 'trace.voicemail.none');
    }
  }
}

/**
 * Every step in words; with `ring` (a call that passed every rule yet did not connect), what became
 * of ringing the mobile follows the step that rang it, so the trace never ends "connected" beside
 * 부재중.
 */
export function traceLines(trace: RecordedTrace, w: TraceWords, ring: RingResult | null = null): TraceLine[] {
  return trace.flatMap((step) => {
    const line: TraceLine = { rule: step.rule, matched: step.matched, text: stepText(step, w) };
    return ring && rangMobile(step) ? [line, { rule: 'ring' as const, matched: true, text: w.t(RING_KEYS[ring]) }] : [line];
  });
}

/**
 * The step that decided: the first refusing one (the engine stops there), else a matched free
 * pass, else the last step (every rule passed). Null for an empty trace.
 */
export function decidingStep(trace: RecordedTrace): RecordedStep | null {
  const refusing = trace.find((s) => s.matched && s.rule !== 'free_pass');
  return refusing ?? trace.find((s) => s.rule === 'free_pass' && s.matched) ?? trace.at(-1) ?? null;
}

/** Why the call went as it did, in one sentence (the mobile's answer when it was rung in vain); null when there is no trace. */
export function reasonText(trace: RecordedTrace | null, w: TraceWords, ring: RingResult | null = null): string | null {
  const step = trace ? decidingStep(trace) : null;
  if (step && ring && rangMobile(step)) return w.t(RING_KEYS[ring]);
  return step ? stepText(step, w) : null;
}

const OUTCOME_KEYS: Record<CallOutcome, MessageKey> = {
  connected: 'outcome.connected',
  missed: 'outcome.missed',
  abandoned: 'outcome.abandoned',
  failed: 'outcome.failed',
  spam: 'outcome.spam',
  paused: 'outcome.paused',
  limited: 'outcome.limited',
  blocked: 'outcome.blocked',
  after_hours: 'outcome.after_hours',
  lunch: 'outcome.lunch',
  unavailable: 'outcome.unavailable',
  voicemail: 'outcome.voicemail',
};

/** The label of a call outcome; an outcome this app does not know yet reads as "other". */
export function outcomeKey(outcome: string): MessageKey {
  return OUTCOME_KEYS[outcome as CallOutcome] ?? MASKED_OUTCOME_KEYS[outcome] ?? 'outcome.other';
}

/** Outcomes only a masked outbound call has (S11; worker/calls/outbound/core.ts MASKED_OUTCOMES). */
const MASKED_OUTCOME_KEYS: Record<string, MessageKey> = {
  no_answer: 'outcome.no_answer',
  staff_missed: 'outcome.staff_missed',
  cancelled: 'outcome.cancelled',
  refused: 'outcome.refused',
  unknown_caller: 'outcome.unknown_caller',
  no_entry: 'outcome.no_entry',
};

/** Outcomes that reached the owner or were meant to be turned away: everything else is "missed" on the home card. */
export function isMissed(outcome: string): boolean {
  return outcome !== 'connected' && outcome !== 'spam';
}
