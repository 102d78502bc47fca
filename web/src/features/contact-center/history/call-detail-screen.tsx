// 상담 상세 (C9, C7): the call's facts, its recording, its wrap-up (editable by the agent who took
// it and supervisors, a live counter up to 1024 characters), and "call back".
import { useModel } from '@preact/signals';
import { useRoute } from 'preact-iso';
import type { CallDetail, CcOptions } from '../../../../../contract/contact-center';
import { formatDateTime, t } from '../../../i18n';
import { me } from '../../../session/model';
import { FormStatus, SelectField, SubmitButton, TextAreaField, type Choice } from '../../../ui/fields';
import { Loaded, Screen } from '../../../ui/status';
import { CallBackButton, CallBackNoteView } from '../call-back-button';
import { formatMs, outcomeLabel } from '../format';
import { CallModel, NOTES_MAX } from './call-model';
import { RecordingSlot } from './recording-slot';

function Facts({ call, tz }: { call: CallDetail; tz?: string }) {
  const dash = t('cc.dash');
  return (
    <dl class="facts card">
      <dt>{t('cc.call.time')}</dt>
      <dd>{formatDateTime(call.startedAt, tz)}</dd>
      <dt>{t('cc.call.customer')}</dt>
      <dd class="mono">{call.customerDisplay}</dd>
      <dt>{t('cc.call.service')}</dt>
      <dd class="mono">{call.serviceNumberDisplay}</dd>
      <dt>{t('cc.call.direction')}</dt>
      <dd>{t(call.direction === 'outbound' ? 'cc.direction.outbound' : 'cc.direction.inbound')}</dd>
      <dt>{t('cc.queue')}</dt>
      <dd>{call.queueName ?? dash}</dd>
      <dt>{t('cc.agent')}</dt>
      <dd>{call.agentName ?? t('cc.history.noAgent')}</dd>
      <dt>{t('cc.outcome')}</dt>
      <dd>{outcomeLabel(call.outcome)}</dd>
      <dt>{t('cc.call.wait')}</dt>
      <dd>{formatMs(call.waitMs)}</dd>
      <dt>{t('cc.call.talk')}</dt>
      <dd>{formatMs(call.durationMs)}</dd>
      <dt>{t('cc.call.acw')}</dt>
      <dd>{formatMs(call.acwMs)}</dd>
      {call.callback && (
        <>
          <dt>{t('cc.call.callback')}</dt>
          <dd>{t(`cc.callback.status.${call.callback.status}`)}</dd>
        </>
      )}
    </dl>
  );
}

function categoryChoices(options: CcOptions | undefined, current: string | null): Choice[] {
  // Switched-off categories stay on the calls filed under them, but are not offered anew.
  const usable = (options?.categories ?? []).filter((c) => !c.disabled || c.id === current);
  return [
    { value: '', label: t('cc.wrapUp.noCategory') },
    ...usable.map((c) => ({ value: c.id, label: c.disabled ? t('cc.wrapUp.disabledCategory', { name: c.name }) : c.name })),
  ];
}

function WrapUp({ model, call, canEdit, tz }: { model: CallModel; call: CallDetail; canEdit: boolean; tz?: string }) {
  const w = call.wrapUp;
  const edited = w?.updatedAt ? t('cc.wrapUp.lastEdit', { time: formatDateTime(w.updatedAt, tz), name: w.updatedByName ?? t('cc.wrapUp.byAgent') }) : null;
  if (!canEdit) {
    return (
      <section class="card" aria-labelledby="wrapup-title">
        <h2 id="wrapup-title">{t('cc.wrapUp.title')}</h2>
        {call.agentUserId === null ? (
          <p class="muted">{t('cc.wrapUp.noAgent')}</p>
        ) : !w ? (
          <p class="muted">{t('cc.wrapUp.none')}</p>
        ) : (
          <>
            <p>
              <span class="badge">{w.categoryName ?? t('cc.wrapUp.noCategory')}</span>
            </p>
            <p class="prewrap">{w.notes}</p>
            {edited && <p class="muted small">{edited}</p>}
            <p class="muted small">{t('cc.wrapUp.readonly')}</p>
          </>
        )}
      </section>
    );
  }
  const n = model.notesLength.value;
  const over = n > NOTES_MAX;
  const counter = (
    <span class={over ? 'counter over' : 'counter'} aria-live="polite">
      {t('cc.wrapUp.counter', { n, max: NOTES_MAX })}
      {n >= NOTES_MAX && <> · {t('cc.wrapUp.limitReached', { max: NOTES_MAX })}</>}
    </span>
  );
  return (
    <form
      class="card"
      aria-labelledby="wrapup-title"
      onSubmit={(e) => {
        e.preventDefault();
        void model.saveWrapUp();
      }}
      noValidate
    >
      <h2 id="wrapup-title">{t('cc.wrapUp.title')}</h2>
      <SelectField form={model.form} name="categoryId" label="cc.wrapUp.category" choices={categoryChoices(model.options.data.value, w?.categoryId ?? null)} />
      <TextAreaField form={model.form} name="notes" label="cc.wrapUp.notes" rows={6} hint={counter} />
      {edited && <p class="muted small">{edited}</p>}
      <FormStatus form={model.form} />
      <SubmitButton form={model.form} label="common.save" />
    </form>
  );
}

export function CallDetailScreen() {
  const { params, query } = useRoute();
  const model = useModel(() => new CallModel(params.id ?? '', query.at));
  const tz = me.value?.org.timezone;
  return (
    <Screen title="cc.call.title">
      <p>
        <a href="/cc/history">{t('cc.call.back')}</a>
      </p>
      <Loaded res={model.detail}>
        {({ call, canEditWrapUp, canListen }) => (
          <>
            <Facts call={call} tz={tz} />
            <div class="actions-bar">
              <CallBackButton
                callBack={model.callBack}
                rowId={call.id}
                to={call.customer}
                display={call.customerDisplay}
                callId={call.id}
                callbackId={call.callback?.id}
              />
            </div>
            <CallBackNoteView callBack={model.callBack} rowId={call.id} />
            <WrapUp model={model} call={call} canEdit={canEditWrapUp} tz={tz} />
            <RecordingSlot recording={call.recording} canListen={canListen} />
          </>
        )}
      </Loaded>
    </Screen>
  );
}
