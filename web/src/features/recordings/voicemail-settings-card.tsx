// The staff member's voicemail switches (S20): callers may leave a message outside hours, and when
// the mobile does not answer. A card for the settings screen.
import { createModel, useModel } from '@preact/signals';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { CheckField, FormStatus, SubmitButton } from '../../ui/fields';
import { FormModel } from '../../ui/form';
import type { VoicemailSettings as Voicemail } from '../../../../contract/safe-number';

export const VoicemailSettingsModel = createModel(() => {
  const form = new FormModel<Voicemail>({ afterHours: false, noAnswer: false });
  async function load() {
    const { voicemail } = await api.get<{ voicemail: Voicemail }>('/me/voicemail');
    form.reset(voicemail);
  }
  async function save() {
    await form.submit(
      () => ({}),
      async (values) => {
        const { voicemail } = await api.put<{ voicemail: Voicemail }>('/me/voicemail', values);
        form.reset(voicemail);
        return { key: 'voicemail.saved' };
      },
    );
  }
  void load().catch(() => undefined);
  return { form, load, save };
});

export function VoicemailSettingsCard() {
  const m = useModel(VoicemailSettingsModel);
  return (
    <form
      class="card voicemail-settings"
      aria-labelledby="voicemail-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void m.save();
      }}
    >
      <h2 id="voicemail-title">{t('voicemail.title')}</h2>
      <p class="muted">{t('voicemail.intro')}</p>
      <CheckField form={m.form} name="afterHours" label="voicemail.afterHours" />
      <CheckField form={m.form} name="noAnswer" label="voicemail.noAnswer" />
      <FormStatus form={m.form} />
      <SubmitButton form={m.form} label="common.save" />
    </form>
  );
}
