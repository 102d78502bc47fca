// 전화 걸기 (S11 a): a dial pad for a phone (big keys), the number shown in the Korean national
// format as it is typed; calling rings the staff member's own mobile first, then the citizen, who
// sees the outbound caller ID. A number the policy refuses shows why, with the server's field code.
import { signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { t, tm, type Message } from '../../i18n';
import { Screen } from '../../ui/status';
import { formatTyped, placeMaskedCall } from './place-call';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** A number handed over in the address (`/call?to=+8210…`, the phonebook's 전화 걸기), as dialled at home. */
export function initialNumber(search: string): string {
  const to = new URLSearchParams(search).get('to') ?? '';
  return to.startsWith('+82') ? `0${to.slice(3)}` : to;
}

function createDialModel(initial: string) {
  const number = signal(formatTyped(initial));
  const busy = signal(false);
  const note = signal<{ message: Message; ok: boolean } | null>(null);
  const set = (v: string) => {
    number.value = formatTyped(v);
    note.value = null;
  };
  async function call() {
    if (busy.value || !number.value) return;
    busy.value = true;
    const r = await placeMaskedCall(number.value);
    note.value = r.ok ? { ok: true, message: { key: 'outbound.started' } } : { ok: false, message: r.message };
    busy.value = false;
  }
  return { number, busy, note, set, call };
}

export function DialScreen() {
  const m = useMemo(() => createDialModel(initialNumber(location.search)), []);
  return (
    <Screen title="outbound.title">
      <form
        class="card dial-pad"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void m.call();
        }}
      >
        <label for="outbound-to">{t('outbound.number')}</label>
        <input
          id="outbound-to"
          name="to"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={m.number.value}
          aria-invalid={m.note.value?.ok === false || undefined}
          aria-describedby="outbound-hint"
          onInput={(e) => m.set(e.currentTarget.value)}
        />
        <p id="outbound-hint" class="small muted">
          {t('outbound.hint')}
        </p>
        <div class="keypad" role="group" aria-label={t('outbound.keys')}>
          {KEYS.filter((k) => k !== '*' && k !== '#').map((k) => (
            <button key={k} type="button" class="key" onClick={() => m.set(m.number.value + k)}>
              {k}
            </button>
          ))}
        </div>
        <div class="form-actions">
          <button type="button" aria-label={t('outbound.erase')} onClick={() => m.set(m.number.value.replace(/\d\D*$/, ''))}>
            ⌫
          </button>
          <button type="submit" class="primary dial-call" disabled={m.busy.value || !m.number.value} aria-busy={m.busy.value || undefined}>
            {m.busy.value ? t('common.working') : t('outbound.call')}
          </button>
        </div>
        {m.note.value && (
          <p class={m.note.value.ok ? 'alert alert-ok' : 'alert alert-error'} role="status">
            {tm(m.note.value.message)}
          </p>
        )}
      </form>
    </Screen>
  );
}
