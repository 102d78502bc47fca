// The live checklist under a new-password field: each rule ticks as the typed password meets it.
import { t } from '../../i18n';
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
