// The contact-center policy as a form card, shown on its own screen (supervisors) and on the org
// settings screen (org admins).
import { useModel } from '@preact/signals';
import { t } from '../../../i18n';
import { FormStatus, SelectField, SubmitButton, TextField } from '../../../ui/fields';
import { Loaded, Screen } from '../../../ui/status';
import { CcSettingsModel } from './settings-model';

/** `heading`: the card names itself (on the org settings screen); on its own screen the page title does. */
export function CcSettingsForm({ heading = true }: { heading?: boolean }) {
  const model = useModel(CcSettingsModel);
  const { form } = model;
  return (
    <Loaded res={model.settings}>
      {() => (
        <form
          class="card"
          aria-labelledby={heading ? 'cc-settings-title' : 'screen-title'}
          data-form="cc-settings"
          onSubmit={(e) => {
            e.preventDefault();
            void model.save();
          }}
          noValidate
        >
          {heading && <h2 id="cc-settings-title">{t('cc.settings.title')}</h2>}
          <p class="muted small">{t('cc.settings.intro')}</p>
          <div class="pair">
            <SelectField
              form={form}
              name="agentStateAfterLogin"
              label="cc.settings.afterLogin"
              choices={(['ready', 'break'] as const).map((s) => ({ value: s, label: t(`cc.state.${s}`) }))}
            />
            <SelectField
              form={form}
              name="agentStateAfterCall"
              label="cc.settings.afterCall"
              choices={(['ready', 'break', 'acw'] as const).map((s) => ({ value: s, label: t(`cc.state.${s}`) }))}
            />
          </div>
          <TextField form={form} name="acwLimitSeconds" label="cc.settings.acwLimit" type="number" inputMode="numeric" hint={t('cc.settings.acwLimitHint')} />
          <div class="pair">
            <TextField form={form} name="serviceLevelSeconds" label="cc.settings.sl" type="number" inputMode="numeric" hint={t('cc.settings.slHint')} />
            <TextField
              form={form}
              name="serviceLevelTargetPercent"
              label="cc.settings.slTarget"
              type="number"
              inputMode="numeric"
              hint={t('cc.settings.slTargetHint')}
            />
          </div>
          <TextField
            form={form}
            name="shortAbandonSeconds"
            label="cc.settings.shortAbandon"
            type="number"
            inputMode="numeric"
            hint={t('cc.settings.shortAbandonHint')}
          />
          <FormStatus form={form} />
          <SubmitButton form={form} label="common.save" />
        </form>
      )}
    </Loaded>
  );
}

export function CcSettingsScreen() {
  return (
    <Screen title="cc.settings.title">
      <CcSettingsForm heading={false} />
    </Screen>
  );
}
