// 후처리 (C7): after a call, the consult category and the inquiry/action notes (up to 1024 characters,
// counted live), saved when the agent picks 대기 or 휴식 — as the manual says. It may also be left for
// later: the call's details in the history keep a wrap-up editable.
import type { CategoryChoice } from '../../../../../contract/cc-live';
import { t } from '../../../i18n';
import { FormStatus, SelectField, TextAreaField } from '../../../ui/fields';
import { formatTime } from '../../../i18n';
import { me } from '../../../session/model';
import { NOTES_MAX, type ConsoleModel } from './console-model';

export function WrapUpCard({ model }: { model: ConsoleModel }) {
  const a = model.agent.value;
  if (!a?.lastCall || !model.wrapUpOpen.value) return null;
  const categories: CategoryChoice[] = model.categories.data.value ?? [];
  const queue = a.queues.find((q) => q.queueId === a.lastCall?.queueId)?.name;
  const busy = model.busy.value;
  const choices = [{ value: '', label: t('ccLive.wrapUp.noCategory') }, ...categories.map((c) => ({ value: c.id, label: c.name }))];
  return (
    <form
      class="card wrap-up"
      aria-labelledby="wrap-up-title"
      data-call={a.lastCall.callSessionId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void model.setState('ready');
      }}
    >
      <h2 id="wrap-up-title">{t('ccLive.wrapUp.title')}</h2>
      <p class="small muted">
        {t('ccLive.wrapUp.callEnded', { time: formatTime(a.lastCall.endedAt, me.value?.org.timezone) })}
        {queue ? ` · ${queue}` : ''}
      </p>
      <SelectField form={model.wrapUp} name="categoryId" label="ccLive.wrapUp.category" choices={choices} />
      <TextAreaField form={model.wrapUp} name="notes" label="ccLive.wrapUp.notes" rows={5} maxLength={NOTES_MAX} />
      <p class="small muted">{t('ccLive.wrapUp.savedOn')}</p>
      <FormStatus form={model.wrapUp} />
      <div class="form-actions">
        <button type="submit" class="primary" data-state="ready" disabled={busy !== null}>
          {t('ccLive.wrapUp.saveReady')}
        </button>
        <button type="button" data-state="break" disabled={busy !== null} onClick={() => void model.setState('break')}>
          {t('ccLive.wrapUp.saveBreak')}
        </button>
      </div>
    </form>
  );
}
