// 콜백 (C4): 미처리 목록 and 처리 목록 as tabs; each request shows the number, the queue, when it was
// asked and how long the caller had waited; call back, mark done, delete (asks first).
import { useModel } from '@preact/signals';
import { useRoute } from 'preact-iso';
import { useId } from 'preact/hooks';
import type { CallbackRow } from '../../../../../contract/contact-center';
import { formatDateTime, t, tm, type MessageKey } from '../../../i18n';
import { NotFoundScreen } from '../../../layout/not-found-screen';
import { me } from '../../../session/model';
import { Screen, MorePages } from '../../../ui/status';
import { CallBackButton, CallBackNoteView } from '../call-back-button';
import { formatDuration, formatMs } from '../format';
import { CallbacksModel, type CallbackList } from './model';

const TABS: { id: CallbackList; label: MessageKey }[] = [
  { id: 'pending', label: 'cc.callbacks.pending' },
  { id: 'done', label: 'cc.callbacks.done' },
];

function CallbackItem({ model, row, tz }: { model: CallbacksModel; row: CallbackRow; tz?: string }) {
  const pending = row.status === 'pending';
  return (
    <li class="row">
      <div class="row-main">
        <strong class="mono">{row.numberDisplay}</strong>
        <span class="muted small">
          {row.queueName ?? t('cc.dash')} · {t('cc.callbacks.requested', { time: formatDateTime(row.requestedAt, tz) })}
        </span>
        <span class="small">
          {row.waitMs !== null && <span class="badge">{t('cc.callbacks.waited', { d: formatMs(row.waitMs) })}</span>}
          {pending ? (
            <span class="badge badge-warn">{t('cc.callbacks.since', { d: formatDuration((Date.now() - row.requestedAt) / 1000) })}</span>
          ) : (
            row.handledAt !== null && (
              <span>{t('cc.callbacks.handled', { name: row.handledByName ?? t('cc.dash'), time: formatDateTime(row.handledAt, tz) })}</span>
            )
          )}
        </span>
      </div>
      <div class="row-actions">
        <CallBackButton
          callBack={model.callBack}
          rowId={row.id}
          to={row.number}
          display={row.numberDisplay}
          callbackId={row.id}
          callId={row.callId ?? undefined}
        />
        {pending && (
          <button type="button" onClick={() => void model.markDone(row)}>
            {t('cc.callbacks.markDone')}
          </button>
        )}
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (confirm(t('cc.callbacks.confirmDelete', { number: row.numberDisplay }))) void model.remove(row);
          }}
        >
          {t('common.delete')}
        </button>
      </div>
      <CallBackNoteView callBack={model.callBack} rowId={row.id} />
    </li>
  );
}

function CallbackListView({ status }: { status: CallbackList }) {
  const model = useModel(() => new CallbacksModel(status));
  const filterId = useId();
  const tz = me.value?.org.timezone;
  const rows = model.rows.value;
  const note = model.rowNote.value;
  return (
    <>
      <div class="field">
        <label for={filterId}>{t('cc.queue')}</label>
        <select id={filterId} value={model.queueId.value} onChange={(e) => void model.filter(e.currentTarget.value)}>
          <option value="">{t('cc.anyQueue')}</option>
          {(model.options.data.value?.queues ?? []).map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
      </div>
      {note && (
        <p class={note.ok ? 'alert alert-ok' : 'alert alert-error'} role={note.ok ? 'status' : 'alert'}>
          {tm(note.message)}
        </p>
      )}
      {model.error.value && (
        <p class="alert alert-error" role="alert">
          {tm(model.error.value)}
        </p>
      )}
      {model.loaded.value && rows.length === 0 && <p class="empty">{t(status === 'pending' ? 'cc.callbacks.empty' : 'cc.callbacks.emptyDone')}</p>}
      {rows.length > 0 && (
        <ul class="list">
          {rows.map((r) => (
            <CallbackItem key={r.id} model={model} row={r} tz={tz} />
          ))}
        </ul>
      )}
      <MorePages pages={model} label="cc.more" />
    </>
  );
}

export function CallbacksScreen() {
  const { params } = useRoute();
  const current = TABS.find((tab) => tab.id === (params.tab ?? 'pending'));
  if (!current) return <NotFoundScreen />;
  return (
    <Screen title="cc.callbacks.title">
      <nav class="tabs" aria-label={t('cc.callbacks.title')}>
        {TABS.map((tab) => (
          <a key={tab.id} href={`/cc/callbacks/${tab.id}`} aria-current={tab.id === current.id ? 'page' : undefined}>
            {t(tab.label)}
          </a>
        ))}
      </nav>
      <CallbackListView key={current.id} status={current.id} />
    </Screen>
  );
}
