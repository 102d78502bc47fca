// 반복전화 제한 기본값 (B3, org admin): at most N calls from one caller to one safe number in M
// minutes, then the caller is refused for a cool-off; 0 = off. Staff may override it per number.
import { createModel, useModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { ShieldPolicy } from '../../../../../contract/safe-number';
import { t } from '../../../i18n';
import { FormStatus, SubmitButton, TextField } from '../../../ui/fields';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';
import { Loaded, Screen } from '../../../ui/status';
import { policyText } from '../../settings/shield-screen';

const whole = (s: string, min: number, max: number) => /^\d+$/.test(s.trim()) && Number(s) >= min && Number(s) <= max;
const toValues = (s: ShieldPolicy) => ({ limit: String(s.limit), windowMinutes: String(s.windowMinutes), coolOffMinutes: String(s.coolOffMinutes) });

export const OrgShieldModel = createModel(() => {
  const form = new FormModel({ limit: '0', windowMinutes: '10', coolOffMinutes: '30' });
  const shield = resource(async () => {
    const { shield: s } = await api.get<{ shield: ShieldPolicy }>('/admin/shield');
    form.reset(toValues(s));
    return s;
  });
  async function save(): Promise<boolean> {
    return form.submit(
      (v) => ({
        limit: whole(v.limit, 0, 1000) ? undefined : { key: 'field.outOfRange', params: { min: 0, max: 1000 } },
        windowMinutes: whole(v.windowMinutes, 1, 1440) ? undefined : { key: 'field.outOfRange', params: { min: 1, max: 1440 } },
        coolOffMinutes: whole(v.coolOffMinutes, 0, 10080) ? undefined : { key: 'field.outOfRange', params: { min: 0, max: 10080 } },
      }),
      async (v) => {
        const { shield: s } = await api.put<{ shield: ShieldPolicy }>('/admin/shield', {
          limit: Number(v.limit),
          windowMinutes: Number(v.windowMinutes),
          coolOffMinutes: Number(v.coolOffMinutes),
        });
        shield.data.value = s;
        form.reset(toValues(s));
        return { key: 'common.saved' };
      },
    );
  }
  void shield.reload();
  return { form, shield, save, load: shield.reload };
});

export function OrgShieldScreen() {
  const m = useModel(OrgShieldModel);
  return (
    <Screen title="orgShield.title">
      <p class="muted small">{t('orgShield.intro')}</p>
      <Loaded res={m.shield}>
        {(s) => (
          <>
            <p class="card">{policyText(s)}</p>
            <form
              class="card"
              onSubmit={(e) => {
                e.preventDefault();
                void m.save();
              }}
              noValidate
            >
              <TextField form={m.form} name="limit" label="shield.limit" type="number" inputMode="numeric" hint={t('shield.limitHint')} />
              <TextField form={m.form} name="windowMinutes" label="shield.window" type="number" inputMode="numeric" />
              <TextField form={m.form} name="coolOffMinutes" label="shield.coolOff" type="number" inputMode="numeric" />
              <FormStatus form={m.form} />
              <SubmitButton form={m.form} label="common.save" />
            </form>
          </>
        )}
      </Loaded>
    </Screen>
  );
}
