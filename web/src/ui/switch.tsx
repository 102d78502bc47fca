// A big on/off switch (role="switch") with its label and what it does, for the home card's pause
// and immediate block: one thumb-sized target, state in words as well as colour.
import { t, type MessageKey } from '../i18n';

export function BigSwitch(props: { name: string; label: MessageKey; hint: MessageKey; checked: boolean; busy?: boolean; onChange: (next: boolean) => void }) {
  const id = `switch-${props.name}`;
  return (
    <div class={props.checked ? 'big-switch on' : 'big-switch'}>
      <button
        type="button"
        role="switch"
        id={id}
        name={props.name}
        aria-checked={props.checked}
        aria-describedby={`${id}-hint`}
        aria-busy={props.busy || undefined}
        disabled={props.busy}
        onClick={() => props.onChange(!props.checked)}
      >
        <span class="switch-text">
          <strong>{t(props.label)}</strong>
          <span id={`${id}-hint`} class="small">
            {t(props.hint)}
          </span>
        </span>
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="switch-state">{props.checked ? t('common.on') : t('common.off')}</span>
      </button>
    </div>
  );
}
