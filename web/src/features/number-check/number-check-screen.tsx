// 번호체크 (S7): runs the self-test of my safe number on opening (and again on request) and shows
// each step passed or failed, with what to do about a failure.
import { createModel, signal, useModel } from '@preact/signals';
import { api } from '../../api/client';
import type { CheckStep, NumberCheck } from '../../../../contract/safe-number';
import { formatMoment, t, type MessageKey } from '../../i18n';
import { me } from '../../session/model';
import { resource } from '../../ui/resource';
import { Loaded, Screen } from '../../ui/status';
import { statusLabel } from '../my-number/status-text';

export const NumberCheckModel = createModel(() => {
  const running = signal(false);
  const check = resource(async () => {
    running.value = true;
    try {
      return await api.post<NumberCheck>('/me/number-check');
    } finally {
      running.value = false;
    }
  });
  void check.reload();
  return { check, running, load: check.reload };
});

const STEP_KEYS: Record<CheckStep['id'], MessageKey> = {
  number: 'check.step.number',
  mobile: 'check.step.mobile',
  snapshot: 'check.step.snapshot',
  carrier: 'check.step.carrier',
  webhooks: 'check.step.webhooks',
  route: 'check.step.route',
};

const MARKS: Record<CheckStep['state'], string> = { ok: '✓', warn: '!', repaired: '↻', fail: '✕', skipped: '–' };
const STATE_KEYS: Record<CheckStep['state'], MessageKey> = {
  ok: 'check.state.ok',
  warn: 'check.state.warn',
  repaired: 'check.state.repaired',
  fail: 'check.state.fail',
  skipped: 'check.state.skipped',
};

/** What a step found and, when it failed, what to do. */
function explain(step: CheckStep, result: NumberCheck): { text: string; link?: { href: string; label: MessageKey } } {
  switch (step.id) {
    case 'number':
      return step.state === 'ok' ? { text: t('check.number.ok', { number: result.number?.national ?? '' }) } : { text: t('check.number.fail') };
    case 'mobile':
      return step.state === 'ok'
        ? { text: t('check.mobile.ok', { mobile: result.mobile?.masked ?? '' }) }
        : { text: t('check.mobile.fail'), link: { href: '/settings/mobile', label: 'settings.mobile' } };
    case 'snapshot':
      if (step.state === 'ok') return { text: t('check.snapshot.ok') };
      if (step.state === 'repaired') return { text: t('check.snapshot.repaired') };
      if (step.state === 'skipped') return { text: t('check.skipped') };
      return { text: t('check.snapshot.fail') };
    case 'carrier': {
      if (step.state === 'ok') return { text: step.facts.simulator ? t('check.carrier.simulator') : t('check.carrier.ok') };
      return { text: t('check.carrier.fail', { settings: step.facts.missing.join(', ') }) };
    }
    case 'webhooks':
      return step.state === 'ok' ? { text: t('check.webhooks.ok') } : { text: t('check.webhooks.fail') };
    case 'route': {
      if (step.state === 'skipped') return { text: t('check.skipped') };
      if (step.state === 'ok') return { text: t('check.route.ok') };
      const { status, rule } = step.facts;
      const label = status ? statusLabel({ status, rule, windowName: null }, t) : '';
      if (step.state === 'warn') return { text: t('check.route.warn', { status: label }), link: { href: '/what-if', label: 'nav.whatIf' } };
      return { text: t('check.route.fail', { status: label }), link: { href: '/settings/mobile', label: 'settings.mobile' } };
    }
  }
}

export function NumberCheckScreen() {
  const m = useModel(NumberCheckModel);
  return (
    <Screen title="check.title">
      <p class="muted small">{t('check.intro')}</p>
      <Loaded res={m.check}>
        {(result) => (
          <>
            <p class={result.ok ? 'alert alert-ok' : 'alert alert-error'} role="status">
              {result.ok ? t('check.allGood') : t('check.problems')}
            </p>
            <ol class="checks">
              {result.steps.map((step) => {
                const e = explain(step, result);
                return (
                  <li key={step.id} class={`check check-${step.state}`} data-step={step.id} data-state={step.state}>
                    <span class="check-mark" aria-hidden="true">
                      {MARKS[step.state]}
                    </span>
                    <div>
                      <strong>{t(STEP_KEYS[step.id])}</strong> <span class="badge">{t(STATE_KEYS[step.state])}</span>
                      <p class="small">{e.text}</p>
                      {e.link && step.state !== 'ok' && <a href={e.link.href}>{t(e.link.label)} →</a>}
                    </div>
                  </li>
                );
              })}
            </ol>
            <p class="muted small">{t('check.ranAt', { when: formatMoment(result.ranAt, me.value?.org.timezone) })}</p>
          </>
        )}
      </Loaded>
      <button type="button" class="primary" disabled={m.running.value} onClick={() => void m.load()}>
        {m.running.value ? t('common.working') : t('check.run')}
      </button>
    </Screen>
  );
}
