// 미리 확인 (What-if, B2): "if this number calls at this date and time, what happens?" — the
// decision and the trace in plain words, beside the settings the answer depends on.
import { useMemo } from 'preact/hooks';
import type { WhatIf } from '../../../../contract/safe-number';
import { formatMoment, t, zoneLabel, type MessageKey } from '../../i18n';
import { me } from '../../session/model';
import { FormStatus, SubmitButton, TextField } from '../../ui/fields';
import { Screen } from '../../ui/status';
import { TraceList } from '../history/call-row';
import { reasonText, weekdayList } from '../history/trace-text';
import { traceWords } from '../history/words';
import { policyText } from '../settings/shield-screen';
import { createWhatIfModel } from './model';

const OUTCOME_KEYS: Record<string, MessageKey> = {
  connect: 'whatIf.outcome.connect',
  spam: 'whatIf.outcome.spam',
  paused: 'whatIf.outcome.paused',
  limited: 'whatIf.outcome.limited',
  blocked: 'whatIf.outcome.blocked',
  after_hours: 'whatIf.outcome.after_hours',
  lunch: 'whatIf.outcome.lunch',
  unavailable: 'whatIf.outcome.unavailable',
};

function Settings({ w }: { w: WhatIf }) {
  const s = w.settings;
  const list = (x: WhatIf['settings']['lists']['spam']) =>
    x === null
      ? t('whatIf.notListed')
      : x.expiresAt === null
        ? t('whatIf.listed')
        : t(x.inForce ? 'whatIf.listedUntil' : 'whatIf.listedEnded', { when: formatMoment(x.expiresAt, w.timezone) });
  return (
    <dl class="card facts" aria-label={t('whatIf.settings')}>
      <dt>{t('hours.workHours')}</dt>
      <dd>
        {s.hours.start}–{s.hours.end} · {weekdayList(t, s.hours.weekdays)}
      </dd>
      <dt>{t('hours.lunch')}</dt>
      <dd>{s.lunch ? `${s.lunch.start}–${s.lunch.end}` : t('hours.noLunch')}</dd>
      <dt>{t('whatIf.holiday')}</dt>
      <dd>{s.holiday ? s.holiday.name : t('whatIf.noHoliday')}</dd>
      <dt>{t('settings.blockWindows')}</dt>
      <dd>
        {s.blockWindows.length ? s.blockWindows.map((b) => `${b.name} (${weekdayList(t, b.weekdays)} ${b.start}–${b.end})`).join(', ') : t('whatIf.none')}
      </dd>
      <dt>{t('home.pause')}</dt>
      <dd>{s.paused ? t('common.on') : t('common.off')}</dd>
      <dt>{t('home.block')}</dt>
      <dd>{s.immediateBlock ? t('common.on') : t('common.off')}</dd>
      <dt>{t('settings.spam')}</dt>
      <dd>{list(s.lists.spam)}</dd>
      <dt>{t('settings.freePass')}</dt>
      <dd>{list(s.lists.freePass)}</dd>
      <dt>{t('settings.shield')}</dt>
      <dd>
        {policyText(s.shield)} <span class="muted small">{t('whatIf.shieldNote')}</span>
      </dd>
      <dt>{t('mobile.current')}</dt>
      <dd>{s.mobile?.masked ?? t('mobile.none')}</dd>
    </dl>
  );
}

function Answer({ w }: { w: WhatIf }) {
  const words = traceWords(w.timezone, 'would');
  const connect = w.decision.action === 'connect';
  return (
    <section class="card what-if-answer" aria-labelledby="answer-title" aria-live="polite">
      <h2 id="answer-title">{t('whatIf.answer', { caller: w.caller.national, when: formatMoment(w.at, w.timezone) })}</h2>
      <p class={connect ? 'verdict ok' : 'verdict refused'}>
        <strong>{t(OUTCOME_KEYS[w.decision.outcome] ?? 'whatIf.outcome.unavailable')}</strong>
      </p>
      <p>{reasonText(w.decision.trace, words)}</p>
      {w.decision.announcement && (
        <>
          <p class="muted small">{t('whatIf.callerHears')}</p>
          <blockquote class="spoken prewrap">{w.decision.announcement}</blockquote>
        </>
      )}
      <details>
        <summary>{t('whatIf.allRules')}</summary>
        <TraceList trace={w.decision.trace} words={words} />
      </details>
    </section>
  );
}

export function WhatIfScreen() {
  const zone = me.value?.org.timezone ?? 'Asia/Seoul';
  const m = useMemo(() => createWhatIfModel(zone), [zone]);
  const w = m.answer.value;
  return (
    <Screen title="whatIf.title">
      <p class="muted small">{t('whatIf.intro')}</p>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void m.ask();
        }}
        noValidate
      >
        <TextField form={m.form} name="caller" label="whatIf.caller" type="tel" inputMode="tel" hint={t('lists.numberHint')} />
        <div class="pair">
          <TextField form={m.form} name="date" label="whatIf.date" type="date" />
          <TextField form={m.form} name="time" label="whatIf.time" type="time" />
        </div>
        <p class="muted small">{t('whatIf.zone', { zone: zoneLabel(zone) })}</p>
        <FormStatus form={m.form} />
        <SubmitButton form={m.form} label="whatIf.ask" />
      </form>
      {w && (
        <div class="what-if-result">
          <Answer w={w} />
          <Settings w={w} />
        </div>
      )}
    </Screen>
  );
}
