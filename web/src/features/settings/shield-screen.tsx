// 반복전화 제한 (B3): the org's default (at most N calls from one caller in M minutes, then a
// cool-off) and my own override, field by field; a limit of 0 switches it off for my number.
import { createModel, useModel } from '@preact/signals';
import { api } from '../../api/client';
import type { MyShield } from '../../../../contract/safe-number';
import { t } from '../../i18n';
import { CheckField, FormStatus, SubmitButton, TextField } from '../../ui/fields';
import { FormModel } from '../../ui/form';
import { resource } from '../../ui/resource';
import { Loaded, Screen } from '../../ui/status';
import { BackToSettings } from './settings-screen';

type Values = { own: boolean; limit: string; windowMinutes: string; coolOffMinutes: string };

function toValues(s: MyShield): Values {
  const own = s.personal.limit !== null || s.personal.windowMinutes !== null || s.personal.coolOffMinutes !== null;
  return {
    own,
    limit: String(s.personal.limit ?? s.org.limit),
    windowMinutes: String(s.personal.windowMinutes ?? s.org.windowMinutes),
    coolOffMinutes: String(s.personal.coolOffMinutes ?? s.org.coolOffMinutes),
  };
}

const whole = (s: string, min: number, max: number) => /^\d+$/.test(s.trim()) && Number(s) >= min && Number(s) <= max;

export const ShieldModel = createModel(() => {
  const form = new FormModel<Values>({ own: false, limit: '0', windowMinutes: '10', coolOffMinutes: '30' });
  const shield = resource(async () => {
    const s = await api.get<MyShield>('/me/shield');
    form.reset(toValues(s));
    return s;
  });
  async function save(): Promise<boolean> {
    return form.submit(
      (v) =>
        v.own
          ? {
              limit: whole(v.limit, 0, 1000) ? undefined : { key: 'field.outOfRange', params: { min: 0, max: 1000 } },
              windowMinutes: whole(v.windowMinutes, 1, 1440) ? undefined : { key: 'field.outOfRange', params: { min: 1, max: 1440 } },
              coolOffMinutes: whole(v.coolOffMinutes, 0, 10080) ? undefined : { key: 'field.outOfRange', params: { min: 0, max: 10080 } },
            }
          : {},
      async (v) => {
        const body = v.own
          ? { limit: Number(v.limit), windowMinutes: Number(v.windowMinutes), coolOffMinutes: Number(v.coolOffMinutes) }
          : { limit: null, windowMinutes: null, coolOffMinutes: null };
        const s = await api.put<MyShield>('/me/shield', body);
        shield.data.value = s;
        form.reset(toValues(s));
        return { key: 'common.saved' };
      },
    );
  }
  void shield.reload();
  return { form, shield, save, load: shield.reload };
});

export function policyText(p: { limit: number; windowMinutes: number; coolOffMinutes: number } | null): string {
  return p && p.limit > 0 ? t('shield.policy', { limit: p.limit, window: p.windowMinutes, coolOff: p.coolOffMinutes }) : t('shield.off');
}

export function ShieldScreen() {
  const m = useModel(ShieldModel);
  const own = m.form.values.value.own;
  return (
    <Screen title="shield.title">
      <BackToSettings />
      <p class="muted small">{t('shield.intro')}</p>
      <Loaded res={m.shield}>
        {(s) => (
          <>
            <dl class="card facts">
              <dt>{t('shield.orgDefault')}</dt>
              <dd>{policyText(s.org)}</dd>
              <dt>{t('shield.effective')}</dt>
              <dd>
                <strong>{policyText(s.effective)}</strong>
              </dd>
            </dl>
            <form
              class="card"
              onSubmit={(e) => {
                e.preventDefault();
                void m.save();
              }}
              noValidate
            >
              <CheckField form={m.form} name="own" label="shield.own" />
              {own && (
                <>
                  <TextField form={m.form} name="limit" label="shield.limit" type="number" inputMode="numeric" hint={t('shield.limitHint')} />
                  <TextField form={m.form} name="windowMinutes" label="shield.window" type="number" inputMode="numeric" />
                  <TextField form={m.form} name="coolOffMinutes" label="shield.coolOff" type="number" inputMode="numeric" />
                </>
              )}
              <FormStatus form={m.form} />
              <SubmitButton form={m.form} label="common.save" />
            </form>
          </>
        )}
      </Loaded>
    </Screen>
  );
}
