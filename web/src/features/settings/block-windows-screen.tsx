// 전화차단시간 설정 (S4): named windows (days, start, end, the announcement callers hear) in which
// calls are not connected, on top of working hours; each can be switched off without deleting it.
import { useModel } from '@preact/signals';
import type { BlockWindow } from '../../../../contract/safe-number';
import { t, tm } from '../../i18n';
import { DeleteButton } from '../../ui/actions';
import { CheckField, FormStatus, SelectField, SubmitButton, TextField } from '../../ui/fields';
import { Empty, Loaded, Screen } from '../../ui/status';
import { weekdayList } from '../history/trace-text';
import { BlockWindowsModel, WINDOW_NAME_MAX } from './block-windows-model';
import { BackToSettings } from './settings-screen';
import { WeekdayPicker } from './weekdays';

function span(w: Pick<BlockWindow, 'startTime' | 'endTime'>): string {
  if (w.startTime === w.endTime) return t('blockWindows.allDay');
  return w.endTime < w.startTime ? t('blockWindows.overnight', { start: w.startTime, end: w.endTime }) : `${w.startTime}–${w.endTime}`;
}

export function BlockWindowsScreen() {
  const m = useModel(BlockWindowsModel);
  const names = new Map(m.announcements.value.map((a) => [a.id, a.name]));
  return (
    <Screen title="blockWindows.title">
      <BackToSettings />
      <p class="muted small">{t('blockWindows.intro')}</p>
      {m.problem.value && (
        <p class="alert alert-error" role="alert">
          {tm(m.problem.value)}
        </p>
      )}
      <Loaded res={m.windows}>
        {(windows) =>
          windows.length === 0 ? (
            <Empty text="blockWindows.empty" />
          ) : (
            <ul class="list">
              {windows.map((w) => (
                <li key={w.id} class={w.enabled ? 'row' : 'row disabled'}>
                  <div class="row-main">
                    <strong>{w.name}</strong>
                    <span class="small">
                      {weekdayList(t, w.weekdays)} · {span(w)}
                    </span>
                    <span class="muted small">
                      {w.announcementId ? (names.get(w.announcementId) ?? t('blockWindows.ownText')) : t('blockWindows.defaultText')}
                    </span>
                  </div>
                  <div class="row-actions">
                    <button type="button" role="switch" aria-checked={w.enabled} onClick={() => void m.toggle(w)}>
                      {w.enabled ? t('common.on') : t('common.off')}
                    </button>
                    <button type="button" onClick={() => m.edit(w)}>
                      {t('common.edit')}
                    </button>
                    <DeleteButton question={t('blockWindows.confirmDelete', { name: w.name })} onConfirm={() => m.remove(w)} />
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <form
        class="card"
        aria-labelledby="window-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void m.save();
        }}
        noValidate
      >
        <h2 id="window-form-title">{m.editing.value ? t('blockWindows.editTitle') : t('blockWindows.add')}</h2>
        <TextField form={m.form} name="name" label="blockWindows.name" maxLength={WINDOW_NAME_MAX} hint={t('blockWindows.nameHint')} />
        <WeekdayPicker form={m.form} legend="blockWindows.days" />
        <div class="pair">
          <TextField form={m.form} name="startTime" label="blockWindows.start" type="time" />
          <TextField form={m.form} name="endTime" label="blockWindows.end" type="time" />
        </div>
        <p class="muted small">{t('blockWindows.timesHint')}</p>
        <SelectField
          form={m.form}
          name="announcementId"
          label="blockWindows.announcement"
          choices={[{ value: '', label: t('blockWindows.defaultText') }, ...m.announcements.value.map((a) => ({ value: a.id, label: a.name }))]}
          hint={<a href="/settings/announcements">{t('blockWindows.manageAnnouncements')}</a>}
        />
        <CheckField form={m.form} name="enabled" label="blockWindows.enabled" />
        <FormStatus form={m.form} />
        <div class="row-actions">
          <SubmitButton form={m.form} label={m.editing.value ? 'common.save' : 'blockWindows.addSubmit'} />
          {m.editing.value && (
            <button type="button" onClick={() => m.edit(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </Screen>
  );
}
