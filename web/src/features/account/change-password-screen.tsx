// The forced password change after an admin issued or reset the password.
import { useLocation } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n';
import { me } from '../../session/model';
import { Screen } from '../../ui/status';
import { createPasswordModel } from './model';
import { PasswordChangeForm } from './password-change-form';

export function ChangePasswordScreen() {
  const model = useMemo(createPasswordModel, []);
  const { route } = useLocation();
  const forced = me.value?.user.mustChangePassword ?? false;
  return (
    <Screen title="password.title">
      {forced && <p class="alert alert-info">{t('password.mustChange')}</p>}
      <PasswordChangeForm model={model} onChanged={forced ? () => route('/', true) : undefined} />
    </Screen>
  );
}
