// The trace in words (B1): every rule the engine can check, matched or not, with every kind of
// detail, has a sentence in Korean and English in both tenses, without a raw key or {placeholder};
// the web's copy of the trace vocabulary is the worker's.
import { describe, expect, it } from 'vitest';
import type { Trace as WebTrace, TraceStep as WebStep } from '../../contract/trace';
import { decidingStep, outcomeKey, reasonText, stepText, traceLines, weekdayList, type TraceWords } from '../../web/src/features/history/trace-text';
import { en } from '../../web/src/i18n/en';
import { format } from '../../web/src/i18n/format';
import { ko, type MessageKey } from '../../web/src/i18n/ko';
import { CALL_OUTCOMES, RULES, type Trace as WorkerTrace, type TraceStep } from '../../worker/routing/decision';
import { route } from '../../worker/routing/route';
import { ListIndex } from '../../worker/routing/lists';
import { snapshotWith, at, CALLER } from '../fixtures/routing';

// The two vocabularies are one: each is assignable to the other.
const toWeb = (t: WorkerTrace): WebTrace => t;
const toWorker = (t: WebTrace): WorkerTrace => t;

function words(lang: 'ko' | 'en', tense: TraceWords['tense'] = 'past'): TraceWords {
  const dict = lang === 'ko' ? ko : en;
  return {
    // The app's own filling-in, Korean particles chosen for the value included.
    t: (key: MessageKey, params?: Record<string, string | number>) => format(dict[key], params),
    instant: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
    date: (d) => d,
    tense,
  };
}

const clock = { local: '19:30', date: '2026-12-02', weekday: 2 };
/** Every shape of every rule's step. */
const STEPS: TraceStep[] = [
  ...(['none', 'permanent', 'temporary', 'expired'] as const).map((entry) => ({
    rule: 'spam' as const,
    matched: entry === 'permanent' || entry === 'temporary',
    detail: { entry, expiresAt: entry === 'temporary' || entry === 'expired' ? Date.UTC(2026, 11, 3, 5) : null },
  })),
  { rule: 'paused', matched: true, detail: {} },
  { rule: 'paused', matched: false, detail: {} },
  ...(['none', 'permanent', 'temporary', 'expired'] as const).map((entry) => ({
    rule: 'free_pass' as const,
    matched: entry === 'permanent' || entry === 'temporary',
    detail: { entry, expiresAt: entry === 'temporary' || entry === 'expired' ? Date.UTC(2026, 11, 3, 5) : null },
  })),
  { rule: 'shield', matched: false, detail: { checked: false, count: null, limit: null, windowMinutes: null, coolOffUntil: null } },
  { rule: 'shield', matched: false, detail: { checked: true, count: 2, limit: 5, windowMinutes: 10, coolOffUntil: null } },
  { rule: 'shield', matched: true, detail: { checked: true, count: 6, limit: 5, windowMinutes: 10, coolOffUntil: Date.UTC(2026, 11, 2, 11) } },
  { rule: 'shield', matched: true, detail: { checked: true, count: 6, limit: 5, windowMinutes: 10, coolOffUntil: null } },
  { rule: 'immediate_block', matched: true, detail: {} },
  { rule: 'immediate_block', matched: false, detail: {} },
  { rule: 'holiday', matched: true, detail: { date: '2026-12-25', name: '기독탄신일', source: 'builtin' } },
  { rule: 'holiday', matched: false, detail: { date: '2026-12-02', name: null, source: null } },
  { rule: 'working_days', matched: true, detail: { date: '2026-12-05', weekday: 5, weekdays: 31 } },
  { rule: 'working_days', matched: false, detail: { date: '2026-12-02', weekday: 2, weekdays: 31 } },
  { rule: 'hours', matched: true, detail: { ...clock, start: '09:00', end: '18:00' } },
  { rule: 'hours', matched: false, detail: { ...clock, local: '11:00', start: '09:00', end: '18:00' } },
  { rule: 'lunch', matched: true, detail: { ...clock, start: '12:00', end: '13:00' } },
  { rule: 'lunch', matched: false, detail: { ...clock, start: '12:00', end: '13:00' } },
  { rule: 'lunch', matched: false, detail: { ...clock, start: null, end: null } },
  { rule: 'block_window', matched: true, detail: { ...clock, name: '주간회의', start: '10:00', end: '11:00', weekdays: 4 } },
  { rule: 'block_window', matched: false, detail: { ...clock, name: '주간회의', start: '10:00', end: '11:00', weekdays: 4 } },
  { rule: 'unavailable', matched: false, detail: { owner: true, disabled: false, mobile: true } },
  { rule: 'unavailable', matched: true, detail: { owner: false, disabled: false, mobile: false } },
  { rule: 'unavailable', matched: true, detail: { owner: true, disabled: true, mobile: true } },
  { rule: 'unavailable', matched: true, detail: { owner: true, disabled: false, mobile: false } },
];

describe('the trace in words', () => {
  it('mirrors the worker’s rules and outcomes', () => {
    expect(toWorker(toWeb([]))).toEqual([]);
  });

  it('covers every rule, matched and not', () => {
    for (const rule of RULES) {
      expect(
        STEPS.some((s) => s.rule === rule && s.matched),
        `${rule} matched`,
      ).toBe(true);
      expect(
        STEPS.some((s) => s.rule === rule && !s.matched),
        `${rule} not matched`,
      ).toBe(true);
    }
  });

  for (const lang of ['ko', 'en'] as const) {
    for (const tense of ['past', 'would'] as const) {
      it(`says every step in ${lang} (${tense}) without a key or a placeholder, each differently`, () => {
        const texts = STEPS.map((s) => stepText(s as WebStep, words(lang, tense)));
        for (const [i, text] of texts.entries()) {
          expect(text, JSON.stringify(STEPS[i])).not.toMatch(/\{\w+\}|^\w+\.\w+/);
          expect(text.length).toBeGreaterThan(5);
        }
        expect(new Set(texts).size).toBe(texts.length);
      });
    }
  }

  it('reads as the issue asks in Korean, with names, dates, days and limits in the sentence', () => {
    const w = words('ko');
    const say = (i: number) => stepText(STEPS[i] as WebStep, w);
    expect(stepText({ rule: 'hours', matched: true, detail: { ...clock, start: '09:00', end: '18:00' } }, w)).toBe(
      '업무시간(09:00–18:00) 외라서 연결하지 않았습니다.',
    );
    expect(stepText({ rule: 'hours', matched: true, detail: { ...clock, start: '09:00', end: '18:00' } }, words('ko', 'would'))).toBe(
      '업무시간(09:00–18:00) 외라서 연결하지 않습니다.',
    );
    expect(say(STEPS.findIndex((s) => s.rule === 'holiday' && s.matched))).toBe('2026-12-25는 휴일(기독탄신일)이라서 연결하지 않았습니다.');
    expect(stepText({ rule: 'hours', matched: false, detail: { ...clock, local: '10:00', start: '09:00', end: '18:00' } }, w)).toBe(
      '10:00은 업무시간(09:00–18:00) 안입니다.',
    );
    expect(say(STEPS.findIndex((s) => s.rule === 'working_days' && s.matched))).toBe('토요일은 업무일(월·화·수·목·금)이 아니라서 연결하지 않았습니다.');
    expect(say(STEPS.findIndex((s) => s.rule === 'block_window' && s.matched))).toBe('전화차단시간 ‘주간회의’(10:00–11:00)이라서 연결하지 않았습니다.');
    expect(say(STEPS.findIndex((s) => s.rule === 'shield' && s.matched))).toBe('10분 안에 5번을 넘게 걸려 온 전화라서 2026-12-02 11:00까지 연결하지 않습니다.');
    expect(weekdayList(w.t, 0b1100000)).toBe('토·일');
  });

  it('gives the reason of a real decision: the refusing rule, a free pass, or every rule passed', () => {
    const snapshot = snapshotWith({ lunch: { start: '12:00', end: '13:00' } });
    const decide = (iso: string, lists: ConstructorParameters<typeof ListIndex>[0] = []) =>
      route({ snapshot, caller: CALLER, now: at(iso), lists: new ListIndex(lists), shield: null }).trace as WebTrace;
    const w = words('ko');
    expect(reasonText(decide('2026-12-02T19:30+09:00'), w)).toBe('업무시간(09:00–18:00) 외라서 연결하지 않았습니다.');
    expect(reasonText(decide('2026-12-02T12:30+09:00'), w)).toBe('점심시간(12:00–13:00)이라서 연결하지 않았습니다.');
    expect(reasonText(decide('2026-12-02T10:30+09:00'), w)).toBe('모든 조건을 통과해 휴대폰으로 전화를 걸었습니다.');
    const pass = decide('2026-12-05T23:00+09:00', [{ kind: 'free_pass', number: CALLER, expiresAt: null }]);
    expect(decidingStep(pass)?.rule).toBe('free_pass');
    expect(reasonText(pass, w)).toBe('프리패스 번호라서 업무시간과 관계없이 연결합니다.');
    expect(reasonText(null, w)).toBeNull();
    expect(traceLines(decide('2026-12-02T19:30+09:00'), w).map((l) => l.rule)).toEqual([
      'spam',
      'paused',
      'free_pass',
      'shield',
      'immediate_block',
      'holiday',
      'working_days',
      'hours',
    ]);
  });

  it('says what became of ringing the mobile after the step that rang it, and is the reason of a missed call', () => {
    const snapshot = snapshotWith({});
    const passed = route({ snapshot, caller: CALLER, now: at('2026-12-02T10:30+09:00'), lists: new ListIndex([]), shield: null }).trace as WebTrace;
    const w = words('ko');
    const expected = {
      no_answer: '휴대폰이 응답 시간 안에 받지 않았습니다.',
      busy: '휴대폰이 통화 중이라 연결되지 않았습니다.',
      declined: '휴대폰에서 전화를 거절했습니다.',
      caller_left: '휴대폰이 울리는 동안 발신자가 전화를 끊었습니다.',
    } as const;
    for (const [ring, text] of Object.entries(expected) as [keyof typeof expected, string][]) {
      const lines = traceLines(passed, w, ring);
      expect(lines.slice(-2).map((l) => l.text)).toEqual(['모든 조건을 통과해 휴대폰으로 전화를 걸었습니다.', text]);
      expect(reasonText(passed, w, ring)).toBe(text);
      expect(traceLines(passed, words('en'), ring).at(-1)?.text).toBe(en[`trace.ring.${ring}`]);
    }
    // Without a ring result (answered, or a refused call) nothing is added.
    expect(traceLines(passed, w).length).toBe(passed.length);
  });

  it('puts the voicemail step into words instead of an empty line, in both languages', () => {
    const snapshot = snapshotWith({});
    const passed = route({ snapshot, caller: CALLER, now: at('2026-12-02T10:30+09:00'), lists: new ListIndex([]), shield: null }).trace as WebTrace;
    const afterHours = route({ snapshot, caller: CALLER, now: at('2026-12-02T19:30+09:00'), lists: new ListIndex([]), shield: null }).trace as WebTrace;
    const vm = (reason: 'after_hours' | 'no_answer', kept: boolean) => ({ rule: 'voicemail' as const, matched: kept, detail: { reason, kept } });
    const w = words('ko');
    const left = traceLines([...passed, vm('no_answer', true)], w, 'no_answer');
    expect(left.slice(-3).map((l) => l.text)).toEqual([
      '모든 조건을 통과해 휴대폰으로 전화를 걸었습니다.',
      '휴대폰이 응답 시간 안에 받지 않았습니다.',
      '받지 못한 전화라서 발신자가 음성메시지를 남겼습니다.',
    ]);
    expect(reasonText([...passed, vm('no_answer', true)], w, 'no_answer')).toBe('받지 못한 전화라서 발신자가 음성메시지를 남겼습니다.');
    expect(traceLines([...afterHours, vm('after_hours', false)], w).at(-1)?.text).toBe(
      '업무시간 외 음성메시지를 안내했지만 발신자가 메시지를 남기지 않았습니다.',
    );
    for (const lang of ['ko', 'en'] as const) {
      const texts = [vm('no_answer', true), vm('no_answer', false), vm('after_hours', true), vm('after_hours', false)].map((s) => stepText(s, words(lang)));
      for (const text of texts) expect(text.length).toBeGreaterThan(5);
      expect(new Set(texts).size).toBe(4);
    }
  });

  it('labels every call outcome, and an unknown one as other', () => {
    for (const o of CALL_OUTCOMES) {
      expect(ko[outcomeKey(o)]).toBeTruthy();
      expect(outcomeKey(o)).not.toBe('outcome.other');
    }
    expect(outcomeKey('something_new')).toBe('outcome.other');
  });
});
