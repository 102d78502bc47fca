// The "missed-call notifications" card (S14): turn push on or off for this device. The browser's
// permission prompt opens only when the user presses the button.
import { useModel } from '@preact/signals';
import { t, type MessageKey } from '../../i18n';
import { PushModel, type PushState } from './push-model';

const STATE_TEXT: Record<PushState, MessageKey> = {
  checking: 'common.loading',
  unsupported: 'push.unsupported',
  unavailable: 'push.unavailable',
  denied: 'push.denied',
  off: 'push.off',
  on: 'push.on',
};

export function PushCard() {
  const m = useModel(PushModel);
  const state = m.state.value;
  return (
    <section class="card push-card" aria-labelledby="push-title" data-state={state}>
      <h2 id="push-title">{t('push.title')}</h2>
      <p class="muted">{t('push.intro')}</p>
      <p role="status">{t(STATE_TEXT[state])}</p>
      {m.problem.value ? (
        <p class="alert" role="alert">
          {t(m.problem.value)}
        </p>
      ) : null}
      {state === 'off' ? (
        <button type="button" class="primary" disabled={m.busy.value} onClick={() => void m.enable()}>
          {t('push.enable')}
        </button>
      ) : null}
      {state === 'on' ? (
        <button type="button" disabled={m.busy.value} onClick={() => void m.disable()}>
          {t('push.disable')}
        </button>
      ) : null}
    </section>
  );
}
