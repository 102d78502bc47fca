// 개인정보 수정 (S18): who I am, password change, and the numbers others see.
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n';
import { roleLabel } from '../../layout/role-label';
import { me } from '../../session/model';
import { FormStatus, SubmitButton, TextField } from '../../ui/fields';
import { Screen } from '../../ui/status';
import { createContactNumbersModel, createPasswordModel } from './model';
import { PushCard } from '../push/push-card';
import { PasswordChangeForm } from './password-change-form';

export function ProfileScreen() {
  const passwordModel = useMemo(createPasswordModel, []);
  const numbers = useMemo(createContactNumbersModel, []);
  const current = me.value;
  if (!current) return null;

  async function onSaveNumbers(e: Event) {
    e.preventDefault();
    await numbers.submit();
  }

  return (
    <Screen title="profile.title">
      <dl class="card facts">
        <dt>{t('profile.loginId')}</dt>
        <dd>
          {current.user.loginId} <span class="muted small">({t('profile.loginIdFixed')})</span>
        </dd>
        <dt>{t('profile.name')}</dt>
        <dd>{current.user.name}</dd>
        <dt>{t('profile.role')}</dt>
        <dd>{roleLabel(current.user.role)}</dd>
        <dt>{t('profile.org')}</dt>
        <dd>{current.org.name}</dd>
      </dl>
      <PasswordChangeForm model={passwordModel} />
      <form class="card" onSubmit={onSaveNumbers} noValidate aria-labelledby="numbers-title">
        <h2 id="numbers-title">{t('profile.numbersTitle')}</h2>
        <p class="muted small">{t('profile.numbersIntro')}</p>
        <TextField form={numbers.form} name="smsSender" label="profile.smsSender" type="tel" inputMode="tel" autoComplete="off" />
        <TextField
          form={numbers.form}
          name="outboundCallerId"
          label="profile.outboundCallerId"
          type="tel"
          inputMode="tel"
          hint={t('profile.outboundCallerIdHint')}
        />
        <TextField form={numbers.form} name="password" label="profile.passwordAgain" type="password" autoComplete="current-password" />
        <FormStatus form={numbers.form} />
        <SubmitButton form={numbers.form} label="common.save" />
      </form>
      <PushCard />
    </Screen>
  );
}
