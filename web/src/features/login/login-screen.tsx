// The login screen: organisation, login ID, password, remember ID. Once the session is loaded the
// app's gate moves on (to `next`, or to the password change an admin-issued password requires).
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n';
import { LanguageSwitch } from '../../layout/language-switch';
import { CheckField, FormStatus, SubmitButton, TextField } from '../../ui/fields';
import { createLoginModel } from './model';

export function LoginScreen() {
  const model = useMemo(createLoginModel, []);

  function onSubmit(e: Event) {
    e.preventDefault();
    void model.submit();
  }

  return (
    <div class="login-page">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <form class="card login-card" onSubmit={onSubmit} noValidate>
        <h1>{t('app.name')}</h1>
        <p class="muted">{t('login.intro')}</p>
        <TextField form={model.form} name="org" label="login.org" autoComplete="organization" />
        <TextField form={model.form} name="loginId" label="login.loginId" autoComplete="username" hint={t('login.loginIdHint')} />
        <TextField form={model.form} name="password" label="login.password" type="password" autoComplete="current-password" />
        <CheckField form={model.form} name="remember" label="login.remember" />
        <FormStatus form={model.form} />
        <SubmitButton form={model.form} label="login.submit" />
        <p class="muted small">{t('login.help')}</p>
      </form>
    </div>
  );
}
