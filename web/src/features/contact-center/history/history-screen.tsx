// 상담이력 (C9): 내 전화 · 미연결 전화 · 전체 as tabs (each its own address), filters folded away on
// a phone, rows that open the details and call the customer back.
import { useModel } from '@preact/signals';
import { useRoute } from 'preact-iso';
import { HISTORY_VIEWS, OUTCOME_FILTERS, PERIODS, type HistoryView } from '../../../../../contract/vocabularies';
import type { CallRow } from '../../../../../contract/contact-center';
import { formatDateTime, t, tm, type MessageKey } from '../../../i18n';
import { NotFoundScreen } from '../../../layout/not-found-screen';
import { me } from '../../../session/model';
import { FormStatus, SelectField, SubmitButton, TextField, type Choice } from '../../../ui/fields';
import { Screen, MorePages } from '../../../ui/status';
import { CallBackButton, CallBackNoteView } from '../call-back-button';
import { formatMs, outcomeLabel, outcomeTone } from '../format';
import { CONTACT_APP_ROLES, isCcManager } from '../roles';
import { HistoryModel } from './model';

const VIEW_LABELS: Record<HistoryView, MessageKey> = { mine: 'cc.history.mine', unanswered: 'cc.history.unanswered', all: 'cc.history.all' };
const OUTCOME_LABELS: Record<(typeof OUTCOME_FILTERS)[number], MessageKey> = {
  answered: 'cc.filter.answered',
  unanswered: 'cc.filter.unanswered',
  abandoned: 'cc.filter.abandoned',
  callback: 'cc.filter.callback',
  overflow: 'cc.filter.overflow',
};

export function periodChoices(custom: boolean): Choice[] {
  const named = PERIODS.map((p) => ({ value: p, label: t(`cc.period.${p}` as MessageKey) }));
  return custom ? [...named, { value: 'custom', label: t('cc.period.custom') }] : named;
}

function Filters({ model, view }: { model: HistoryModel; view: HistoryView }) {
  const { filters } = model;
  const options = model.options.data.value;
  const custom = filters.values.value.period === 'custom';
  const queues: Choice[] = [{ value: '', label: t('cc.anyQueue') }, ...(options?.queues ?? []).map((q) => ({ value: q.id, label: q.name }))];
  const agents: Choice[] = [{ value: '', label: t('cc.anyAgent') }, ...(options?.agents ?? []).map((a) => ({ value: a.id, label: a.name }))];
  const categories: Choice[] = [
    { value: '', label: t('cc.anyCategory') },
    { value: 'none', label: t('cc.noCategory') },
    ...(options?.categories ?? []).map((c) => ({ value: c.id, label: c.disabled ? t('cc.wrapUp.disabledCategory', { name: c.name }) : c.name })),
  ];
  const outcomes: Choice[] = [{ value: '', label: t('cc.anyOutcome') }, ...OUTCOME_FILTERS.map((o) => ({ value: o, label: t(OUTCOME_LABELS[o]) }))];
  return (
    <details class="card filters" open={!window.matchMedia?.('(max-width: 640px)').matches}>
      <summary>{t('cc.filters')}</summary>
      <form
        class="filter-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void model.search();
        }}
        noValidate
      >
        <SelectField form={filters} name="period" label="cc.period" choices={periodChoices(true)} />
        {custom && (
          <div class="pair">
            <TextField form={filters} name="from" label="cc.from" type="date" />
            <TextField form={filters} name="to" label="cc.to" type="date" />
          </div>
        )}
        <SelectField form={filters} name="queueId" label="cc.queue" choices={queues} />
        {view === 'all' && <SelectField form={filters} name="agentId" label="cc.agent" choices={agents} />}
        <SelectField form={filters} name="categoryId" label="cc.category" choices={categories} />
        <SelectField form={filters} name="outcome" label="cc.outcome" choices={outcomes} />
        <FormStatus form={filters} />
        <SubmitButton form={filters} label="cc.show" />
      </form>
    </details>
  );
}

function CallItem({ model, call, tz }: { model: HistoryModel; call: CallRow; tz?: string }) {
  const tone = outcomeTone(call);
  const where = call.direction === 'outbound' ? t('cc.direction.outbound') : (call.queueName ?? t('cc.direction.inbound'));
  return (
    <li class="row call-row">
      <div class="row-main">
        <a class="call-link" href={`/cc/calls/${encodeURIComponent(call.id)}?at=${call.startedAt}`}>
          <strong class="mono">{call.customerDisplay}</strong>
          <span class="sr-only"> · {t('cc.history.open')}</span>
        </a>
        <span class="muted small">
          {formatDateTime(call.startedAt, tz)} · {where} · {call.agentName ?? t('cc.history.noAgent')}
        </span>
        <span class="small">
          <span class={`badge${tone === 'ok' ? ' badge-ok' : tone === 'warn' ? ' badge-warn' : ''}`}>{outcomeLabel(call.outcome)}</span>
          {call.waitMs !== null && <span>{t('cc.history.wait', { d: formatMs(call.waitMs) })} </span>}
          {call.durationMs !== null && <span>· {t('cc.history.talk', { d: formatMs(call.durationMs) })} </span>}
          {call.wrapUp?.categoryName && <span class="badge">{call.wrapUp.categoryName}</span>}
          {call.wrapUp?.hasNotes && <span class="badge">{t('cc.history.hasNotes')}</span>}
          {call.recording && <span class="badge">{t('cc.history.hasRecording')}</span>}
        </span>
      </div>
      <div class="row-actions">
        <CallBackButton callBack={model.callBack} rowId={call.id} to={call.customer} display={call.customerDisplay} callId={call.id} />
      </div>
      <CallBackNoteView callBack={model.callBack} rowId={call.id} />
    </li>
  );
}

function HistoryList({ view }: { view: HistoryView }) {
  const model = useModel(() => new HistoryModel(view));
  const tz = me.value?.org.timezone;
  const rows = model.rows.value;
  const range = model.range.value;
  return (
    <>
      <Filters model={model} view={view} />
      {range && (
        <p class="muted small" role="status">
          {t('cc.range', { first: range.firstDate, last: range.lastDate })}
        </p>
      )}
      {model.error.value && (
        <p class="alert alert-error" role="alert">
          {tm(model.error.value)}
        </p>
      )}
      {model.loaded.value && rows.length === 0 && <p class="empty">{t('cc.history.empty')}</p>}
      {rows.length > 0 && (
        <ul class="list">
          {rows.map((c) => (
            <CallItem key={c.id} model={model} call={c} tz={tz} />
          ))}
        </ul>
      )}
      <MorePages pages={model} label="cc.more" />
    </>
  );
}

export function HistoryScreen() {
  const { params } = useRoute();
  const role = me.value?.user.role;
  const manager = isCcManager(role);
  // Agents and supervisors take calls ("my calls" first, as in the manual); org admins only review them.
  const takesCalls = role !== undefined && CONTACT_APP_ROLES.includes(role);
  const views = HISTORY_VIEWS.filter((v) => (v !== 'all' || manager) && (v !== 'mine' || takesCalls));
  // A supervisor opens on every call of their queues (what they oversee); an agent on their own.
  const first = manager && views.includes('all') ? 'all' : views[0];
  const view = views.find((v) => v === (params.tab ?? first));
  if (!view) return <NotFoundScreen />;
  return (
    <Screen title="cc.history.title">
      <nav class="tabs" aria-label={t('cc.history.title')}>
        {views.map((v) => (
          <a key={v} href={`/cc/history/${v}`} aria-current={v === view ? 'page' : undefined}>
            {t(VIEW_LABELS[v])}
          </a>
        ))}
      </nav>
      <HistoryList key={view} view={view} />
    </Screen>
  );
}
