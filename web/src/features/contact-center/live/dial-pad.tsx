// 상담 전화 걸기 (C6): a dial pad for domestic numbers in any Korean format. The agent's own phone
// rings first; when they answer, the customer is called showing the service number.
import { t } from '../../../i18n';
import { FormStatus, TextField } from '../../../ui/fields';
import type { ConsoleModel } from './console-model';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function DialPad({ model }: { model: ConsoleModel }) {
  const a = model.agent.value;
  const state = a?.state ?? 'offline';
  const blocked = state === 'offline' ? 'ccLive.dial.needLogin' : state === 'on_call' || state === 'ringing' ? 'ccLive.dial.busy' : null;
  const form = model.dial;
  return (
    <form
      class="card dial-pad"
      aria-labelledby="dial-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void model.dialOut();
      }}
    >
      <h2 id="dial-title">{t('ccLive.dial.title')}</h2>
      <TextField form={form} name="to" label="ccLive.dial.number" type="tel" hint={t('ccLive.dial.hint')} />
      <div class="keypad" role="group" aria-label={t('ccLive.dial.keys')}>
        {KEYS.map((k) => (
          <button key={k} type="button" class="key" onClick={() => model.press(k)}>
            {k}
          </button>
        ))}
      </div>
      <div class="form-actions">
        <button type="button" onClick={model.backspace} aria-label={t('ccLive.dial.erase')}>
          ⌫
        </button>
        <button type="submit" class="primary dial-call" disabled={blocked !== null || form.busy.value} aria-busy={form.busy.value || undefined}>
          {form.busy.value ? t('common.working') : t('ccLive.dial.call')}
        </button>
      </div>
      {blocked && <p class="small muted">{t(blocked)}</p>}
      <FormStatus form={form} />
    </form>
  );
}
