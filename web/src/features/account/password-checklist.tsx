// The live checklist under a new-password field: each rule ticks as the typed password meets it,
// and the new-password field that carries it (profile, forced change, admin issue and reset).
import { t, type MessageKey } from '../../i18n';
import { TextField, type StringKeys } from '../../ui/fields';
import type { FormModel, FormValues } from '../../ui/form';
import { PASSWORD_RULES } from './password-policy';

export function PasswordChecklist({ password }: { password: string }) {
  return (
    <ul class="checklist" aria-label={t('password.rules')}>
      {PASSWORD_RULES.map((rule) => {
        const ok = rule.ok(password);
        return (
          <li key={rule.key} class={ok ? 'ok' : 'todo'}>
            <span aria-hidden="true">{ok ? '✓' : '○'}</span> {t(rule.key)}
            <span class="sr-only">{ok ? t('password.met') : t('password.notMet')}</span>
          </li>
        );
      })}
    </ul>
  );
}

export function NewPasswordField<T extends FormValues, K extends StringKeys<T>>(props: { form: FormModel<T>; name: K; label: MessageKey }) {
  return (
    <TextField
      form={props.form}
      name={props.name}
      label={props.label}
      type="password"
      autoComplete="new-password"
      maxLength={20}
      hint={<PasswordChecklist password={props.form.values.value[props.name] as string} />}
    />
  );
}
