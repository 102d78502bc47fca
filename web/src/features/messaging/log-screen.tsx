// 발송목록 (S16) as three tabs with their own addresses (/messages/log/<tab>): by message, by number,
// scheduled (with cancel). Times in the org's zone through the shared formatter.
import { useRoute } from 'preact-iso';
import { useEffect, useMemo } from 'preact/hooks';
import { formatMoment, t, tm, type MessageKey } from '../../i18n';
import { me } from '../../session/model';
import { TextField } from '../../ui/fields';
import { Empty, MorePages, Screen } from '../../ui/status';
import { KIND_LABELS } from './compose-screen';
import { createLogModel, type LogTab } from './log-model';
import type { MessageStatus } from '../../../../contract/messages';

const TABS: { id: LogTab; label: MessageKey }[] = [
  { id: 'messages', label: 'messaging.log.byMessage' },
  { id: 'numbers', label: 'messaging.log.byNumber' },
  { id: 'scheduled', label: 'messaging.log.scheduled' },
];

const STATUS_LABELS: Record<MessageStatus, MessageKey> = {
  scheduled: 'messaging.status.scheduled',
  sending: 'messaging.status.sending',
  sent: 'messaging.status.sent',
  partial: 'messaging.status.partial',
  failed: 'messaging.status.failed',
  cancelled: 'messaging.status.cancelled',
};

/** A recipient's status in words: waiting, handed over, delivered, or failed. */
export function recipientStatusKey(status: string): MessageKey {
  if (status === 'pending' || status === 'claimed') return 'messaging.rstatus.waiting';
  if (status === 'delivered') return 'messaging.rstatus.delivered';
  if (status === 'sending_failed' || status === 'delivery_failed' || status === 'expired') return 'messaging.rstatus.failed';
  return 'messaging.rstatus.sent';
}

function LogTabView({ tab }: { tab: LogTab }) {
  const m = useMemo(() => createLogModel(tab), [tab]);
  useEffect(() => {
    void m.load();
  }, [m]);
  const zone = me.value?.org.timezone;
  const messages = m.messages.value;
  const recipients = m.recipients.value;
  return (
    <>
      {tab !== 'scheduled' && (
        <form
          class="search-bar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void m.load();
          }}
          noValidate
        >
          {tab === 'messages' && (
            <div class="row-fields">
              <TextField form={m.search} name="from" label="messaging.log.from" type="date" />
              <TextField form={m.search} name="to" label="messaging.log.to" type="date" />
            </div>
          )}
          <TextField form={m.search} name="q" label={tab === 'messages' ? 'messaging.log.searchText' : 'messaging.log.searchNumber'} type="search" />
          <button type="submit">{t('common.search')}</button>
        </form>
      )}
      {m.error.value && (
        <p class="alert alert-error" role="alert">
          {tm(m.error.value)}
        </p>
      )}
      {tab !== 'numbers' && messages?.length === 0 && <Empty text="messaging.log.empty" />}
      {tab !== 'numbers' && messages && messages.length > 0 && (
        <ul class="list messages-log">
          {messages.map((msg) => (
            <li key={msg.id} class="row">
              <div class="row-main">
                <span class="small muted">
                  {formatMoment(msg.scheduledAt ?? msg.createdAt, zone)} · {t(KIND_LABELS[msg.kind])} · {t(STATUS_LABELS[msg.status])}
                </span>
                <span class="message-text">{msg.subject ? `[${msg.subject}] ${msg.text}` : msg.text}</span>
                <span class="small">
                  {t('messaging.log.counts', { total: msg.counts.total, sent: msg.counts.sent, delivered: msg.counts.delivered, failed: msg.counts.failed })}
                </span>
              </div>
              {msg.status === 'scheduled' && (
                <div class="row-actions">
                  <button
                    type="button"
                    class="danger"
                    name="cancelScheduled"
                    onClick={() => {
                      if (confirm(t('messaging.log.confirmCancel'))) void m.cancel(msg.id);
                    }}
                  >
                    {t('messaging.log.cancel')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {tab === 'numbers' && recipients?.length === 0 && <Empty text="messaging.log.empty" />}
      {tab === 'numbers' && recipients && recipients.length > 0 && (
        <ul class="list recipients-log">
          {recipients.map((r) => (
            <li key={r.id} class="row">
              <div class="row-main">
                {r.name ? (
                  <span>
                    <strong>{r.name}</strong> <span class="number muted">({r.number.national})</span>
                  </span>
                ) : (
                  <strong class="number">{r.number.national}</strong>
                )}
                <span class="small muted">
                  {r.updatedAt !== null ? formatMoment(r.updatedAt, zone) : ''} · {t(recipientStatusKey(r.status))}
                </span>
                <span class="small message-text">{r.text}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <MorePages pages={{ loading: m.loading, nextBefore: m.nextBefore, more: m.more }} label="history.more" />
    </>
  );
}

export function SendLogScreen() {
  const { params } = useRoute();
  const current = TABS.find((x) => x.id === params.tab) ?? TABS[0];
  if (!current) return null;
  return (
    <Screen title="messaging.logTitle">
      <p>
        <a href="/messages">{t('messaging.composeTitle')}</a>
      </p>
      <nav class="tabs" aria-label={t('messaging.logTitle')}>
        {TABS.map((tab) => (
          <a key={tab.id} href={`/messages/log/${tab.id}`} aria-current={tab.id === current.id ? 'page' : undefined}>
            {t(tab.label)}
          </a>
        ))}
      </nav>
      <LogTabView key={current.id} tab={current.id} />
    </Screen>
  );
}
