// The password change form with the policy checklist; used on the profile and the forced-change screen.
import { t } from '../../i18n';
import { FormStatus, SubmitButton, TextField } from '../../ui/fields';
import type { createPasswordModel } from './model';
import { NewPasswordField } from './password-checklist';

export function PasswordChangeForm({ model, onChanged }: { model: ReturnType<typeof createPasswordModel>; onChanged?: () => void }) {
  const { form } = model;
  async function onSubmit(e: Event) {
    e.preventDefault();
    if ((await model.submit()) && onChanged) onChanged();
  }
  return (
    <form class="card" onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <TextField form={form} name="currentPassword" label="password.current" type="password" autoComplete="current-password" />
      <NewPasswordField form={form} name="newPassword" label="password.new" />
      <TextField form={form} name="confirmPassword" label="password.confirm" type="password" autoComplete="new-password" maxLength={20} />
      <FormStatus form={form} />
      <SubmitButton form={form} label="password.submit" />
      <p class="muted small">{t('password.othersLoggedOut')}</p>
    </form>
  );
}
