// 기관 기본 설정: hours, lunch, weekdays, time zone and recording, for everyone who set nothing of their own.
import { useModel } from '@preact/signals';
import { t, type MessageKey } from '../../../i18n';
import { CheckField, FormStatus, SubmitButton, TextAreaField, TextField } from '../../../ui/fields';
import { Loaded, Screen } from '../../../ui/status';
import { CcSettingsForm } from '../../contact-center/manage/settings-form';
import { OrgSettingsModel, timeZones, WEEKDAYS } from './model';

const WEEKDAY_KEYS: Record<(typeof WEEKDAYS)[number], MessageKey> = {
  wd0: 'weekday.mon',
  wd1: 'weekday.tue',
  wd2: 'weekday.wed',
  wd3: 'weekday.thu',
  wd4: 'weekday.fri',
  wd5: 'weekday.sat',
  wd6: 'weekday.sun',
};

export function OrgSettingsScreen() {
  const model = useModel(OrgSettingsModel);
  const { form } = model;
  return (
    <Screen title="org.title">
      <Loaded res={model.settings}>
        {() => (
          <form
            data-form="org-defaults"
            onSubmit={(e) => {
              e.preventDefault();
              void model.save();
            }}
            noValidate
          >
            <fieldset class="card">
              <legend>{t('org.hours')}</legend>
              <p class="muted small">{t('org.hoursIntro')}</p>
              <TextField form={form} name="timezone" label="org.timezone" list="time-zones" />
              <datalist id="time-zones">
                {timeZones().map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
              <div class="pair">
                <TextField form={form} name="workStartTime" label="org.workStart" type="time" />
                <TextField form={form} name="workEndTime" label="org.workEnd" type="time" />
              </div>
              <div class="pair">
                <TextField form={form} name="lunchStartTime" label="org.lunchStart" type="time" />
                <TextField form={form} name="lunchEndTime" label="org.lunchEnd" type="time" />
              </div>
              <fieldset class="weekdays">
                <legend>{t('org.weekdays')}</legend>
                {WEEKDAYS.map((k) => (
                  <CheckField key={k} form={form} name={k} label={WEEKDAY_KEYS[k]} />
                ))}
              </fieldset>
            </fieldset>
            <fieldset class="card">
              <legend>{t('org.recording')}</legend>
              <CheckField form={form} name="recordingEnabled" label="org.recordingEnabled" />
              <TextField form={form} name="recordingRetentionDays" label="org.retentionDays" type="number" inputMode="numeric" />
              <TextAreaField form={form} name="recordingNoticeText" label="org.noticeText" rows={3} maxLength={240} hint={t('org.noticeTextHint')} />
              <CheckField form={form} name="recordingAdminAccess" label="org.recordingAdminAccess" />
            </fieldset>
            <FormStatus form={form} />
            <SubmitButton form={form} label="common.save" />
          </form>
        )}
      </Loaded>
      {/* The contact-center policy has its own API (supervisors edit it too), so its own form. */}
      <CcSettingsForm />
    </Screen>
  );
}
