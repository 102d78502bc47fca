// 업무시간 설정 (S2): start, end, working days and lunch, each my own or the org's (shown where I
// set none). What applies now is summed up on top with where each part comes from.
import { useModel } from '@preact/signals';
import type { MySchedule, ScheduleSource } from '../../../../contract/safe-number';
import { t, type MessageKey } from '../../i18n';
import { CheckField, FormStatus, SubmitButton, TextField } from '../../ui/fields';
import { Loaded, Screen } from '../../ui/status';
import { weekdayList } from '../history/trace-text';
import { HoursModel } from './hours-model';
import { BackToSettings } from './settings-screen';
import { WeekdayPicker } from './weekdays';

const SOURCE_KEYS: Record<ScheduleSource, MessageKey> = { personal: 'hours.source.personal', org: 'hours.source.org', default: 'hours.source.default' };

function Effective({ s }: { s: MySchedule }) {
  const e = s.effective;
  return (
    <dl class="card facts" aria-label={t('hours.effective')}>
      <dt>{t('hours.workHours')}</dt>
      <dd>
        {e.hours.start}–{e.hours.end}{' '}
        <span class="badge">{t(SOURCE_KEYS[e.from.start === 'personal' || e.from.end === 'personal' ? 'personal' : e.from.start])}</span>
      </dd>
      <dt>{t('hours.days')}</dt>
      <dd>
        {weekdayList(t, e.hours.weekdays)} <span class="badge">{t(SOURCE_KEYS[e.from.weekdays])}</span>
      </dd>
      <dt>{t('hours.lunch')}</dt>
      <dd>
        {e.lunch ? `${e.lunch.start}–${e.lunch.end}` : t('hours.noLunch')} <span class="badge">{t(SOURCE_KEYS[e.from.lunch])}</span>
      </dd>
    </dl>
  );
}

export function HoursScreen() {
  const m = useModel(HoursModel);
  const { form } = m;
  const v = form.values.value;
  return (
    <Screen title="hours.title">
      <BackToSettings />
      <p class="muted small">{t('hours.intro')}</p>
      <Loaded res={m.loaded}>
        {(s) => (
          <>
            <Effective s={m.schedule.value ?? s} />
            <form
              class="card"
              onSubmit={(e) => {
                e.preventDefault();
                void m.save();
              }}
              noValidate
            >
              <div class="own-field">
                <CheckField form={form} name="ownStart" label="hours.ownStart" />
                {v.ownStart ? (
                  <TextField form={form} name="workStartTime" label="org.workStart" type="time" />
                ) : (
                  <p class="inherited">{t('hours.orgValue', { value: s.org.workStartTime ?? '' })}</p>
                )}
              </div>
              <div class="own-field">
                <CheckField form={form} name="ownEnd" label="hours.ownEnd" />
                {v.ownEnd ? (
                  <TextField form={form} name="workEndTime" label="org.workEnd" type="time" />
                ) : (
                  <p class="inherited">{t('hours.orgValue', { value: s.org.workEndTime ?? '' })}</p>
                )}
              </div>
              <div class="own-field">
                <CheckField form={form} name="ownDays" label="hours.ownDays" />
                {v.ownDays ? (
                  <WeekdayPicker form={form} legend="org.weekdays" />
                ) : (
                  <p class="inherited">{t('hours.orgValue', { value: weekdayList(t, s.org.weekdays ?? 0) })}</p>
                )}
              </div>
              <div class="own-field">
                <CheckField form={form} name="ownLunch" label="hours.ownLunch" />
                {v.ownLunch ? (
                  <div class="pair">
                    <TextField form={form} name="lunchStartTime" label="org.lunchStart" type="time" />
                    <TextField form={form} name="lunchEndTime" label="org.lunchEnd" type="time" />
                  </div>
                ) : (
                  <p class="inherited">
                    {t('hours.orgValue', { value: s.org.lunchStartTime ? `${s.org.lunchStartTime}–${s.org.lunchEndTime ?? ''}` : t('hours.noLunch') })}
                  </p>
                )}
              </div>
              <FormStatus form={form} />
              <SubmitButton form={form} label="hours.save" />
            </form>
          </>
        )}
      </Loaded>
    </Screen>
  );
}
