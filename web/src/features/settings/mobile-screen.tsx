// 휴대폰 번호 변경 (S8): the linked mobile (masked), changed with the password again and not twice
// within 24 hours (the time left shown); the login ID never changes.
import { createModel, signal, useModel } from '@preact/signals';
import { api } from '../../api/client';
import type { MyMobile } from '../../../../contract/safe-number';
import { formatMoment, t } from '../../i18n';
import { me } from '../../session/model';
import { phoneProblem } from '../../ui/checks';
import { FormStatus, SubmitButton, TextField } from '../../ui/fields';
import { FormModel } from '../../ui/form';
import { resource } from '../../ui/resource';
import { Loaded, Screen } from '../../ui/status';
import { BackToSettings } from './settings-screen';

export const MobileModel = createModel(() => {
  const mobile = resource(() => api.get<MyMobile>('/me/mobile'));
  const form = new FormModel({ mobile: '', password: '' });
  const changed = signal(false);
  async function save(): Promise<boolean> {
    return form.submit(
      (v) => ({ mobile: phoneProblem(v.mobile, true), password: v.password === '' ? 'profile.passwordNeeded' : undefined }),
      async (v) => {
        mobile.data.value = await api.put<MyMobile>('/me/mobile', { mobile: v.mobile.trim(), password: v.password });
        form.reset();
        return { key: 'mobile.changed' };
      },
    );
  }
  void mobile.reload();
  return { mobile, form, changed, save, load: mobile.reload };
});

/** "3시간 20분" until an instant. */
function timeLeft(until: number): string {
  const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60_000));
  return t('mobile.left', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

export function MobileScreen() {
  const m = useModel(MobileModel);
  return (
    <Screen title="mobile.title">
      <BackToSettings />
      <Loaded res={m.mobile}>
        {(x) => (
          <>
            <dl class="card facts">
              <dt>{t('profile.loginId')}</dt>
              <dd>
                {me.value?.user.loginId} <span class="muted small">({t('profile.loginIdFixed')})</span>
              </dd>
              <dt>{t('mobile.current')}</dt>
              <dd class="number">{x.mobile?.masked ?? t('mobile.none')}</dd>
              {x.changedAt !== null && (
                <>
                  <dt>{t('mobile.changedAt')}</dt>
                  <dd>{formatMoment(x.changedAt, me.value?.org.timezone)}</dd>
                </>
              )}
            </dl>
            {x.nextChangeAt !== null ? (
              <p class="alert alert-info" role="status">
                {t('mobile.wait', { when: formatMoment(x.nextChangeAt, me.value?.org.timezone), left: timeLeft(x.nextChangeAt) })}
              </p>
            ) : (
              <form
                class="card"
                aria-labelledby="mobile-form-title"
                onSubmit={(e) => {
                  e.preventDefault();
                  void m.save();
                }}
                noValidate
              >
                <h2 id="mobile-form-title">{t('mobile.change')}</h2>
                <p class="muted small">{t('mobile.rule')}</p>
                <TextField form={m.form} name="mobile" label="mobile.new" type="tel" inputMode="tel" autoComplete="tel" hint={t('lists.numberHint')} />
                <TextField form={m.form} name="password" label="profile.passwordAgain" type="password" autoComplete="current-password" />
                <FormStatus form={m.form} />
                <SubmitButton form={m.form} label="mobile.submit" />
              </form>
            )}
          </>
        )}
      </Loaded>
    </Screen>
  );
}
