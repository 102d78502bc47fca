// 수신내역 (S13, B1): my calls newest first with filters by date and outcome; a row opens the
// reason in words and the whole trace, and blocks the caller in one tap.
import { useModel } from '@preact/signals';
import { useLocation } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { t, tm, zoneLabel, type MessageKey } from '../../i18n';
import { FormStatus, SelectField, TextField } from '../../ui/fields';
import { Empty, Screen } from '../../ui/status';
import { RecordingPlayer } from '../recordings/recording-player';
import { CallRowItem } from './call-row';
import { createMaskedCall } from '../outbound/place-call';
import { HistoryModel, OUTCOME_FILTERS, type OutcomeFilter } from './model';

const FILTER_KEYS: Record<OutcomeFilter, MessageKey> = {
  all: 'history.filter.all',
  connected: 'history.filter.connected',
  missed: 'history.filter.missed',
  after_hours: 'history.filter.afterHours',
  lunch: 'history.filter.lunch',
  blocked: 'history.filter.blocked',
  spam: 'history.filter.spam',
};

export function HistoryScreen() {
  const { query } = useLocation();
  const m = useModel(() => new HistoryModel({ outcome: query.outcome }));
  const dialer = useMemo(createMaskedCall, []);
  const calls = m.calls.value;
  return (
    <Screen title="history.title">
      <form
        class="card filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void m.load();
        }}
        noValidate
      >
        <div class="pair">
          <TextField form={m.filters} name="from" label="history.from" type="date" />
          <TextField form={m.filters} name="to" label="history.to" type="date" />
        </div>
        <SelectField
          form={m.filters}
          name="outcome"
          label="history.outcome"
          choices={(Object.keys(OUTCOME_FILTERS) as OutcomeFilter[]).map((k) => ({ value: k, label: t(FILTER_KEYS[k]) }))}
        />
        <FormStatus form={m.filters} />
        <button type="submit" class="primary">
          {t('common.search')}
        </button>
      </form>
      {m.error.value && (
        <div class="alert alert-error" role="alert">
          {tm(m.error.value)}{' '}
          <button type="button" class="link" onClick={() => void m.load()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {calls === undefined && !m.error.value && (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {calls && calls.length === 0 && <Empty text="history.empty" />}
      {calls && calls.length > 0 && (
        <ul class="list calls" aria-label={t('history.title')}>
          {calls.map((row) => (
            <CallRowItem
              key={row.id}
              row={row}
              timeZone={m.timezone.value}
              open={m.open.value === row.id}
              note={m.notes.value[row.id]}
              onToggle={() => m.toggle(row.id)}
              onBlock={(minutes) => void m.block(row, minutes)}
              calls={dialer}
            >
              {row.recording && <RecordingPlayer recording={row.recording} />}
              {row.voicemail && <RecordingPlayer recording={row.voicemail} kind="voicemail" unheard={!row.voicemail.heard} />}
            </CallRowItem>
          ))}
        </ul>
      )}
      {m.next.value && (
        <button type="button" class="more" disabled={m.loading.value} onClick={() => void m.more()}>
          {m.loading.value ? t('common.loading') : t('history.more')}
        </button>
      )}
      <p class="muted small">{t('history.timeZoneNote', { zone: zoneLabel(m.timezone.value) })}</p>
    </Screen>
  );
}
