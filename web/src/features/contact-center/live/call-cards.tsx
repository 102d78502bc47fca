// A consult call on the agent's phone (상담 전화 받기, C5, C8): the incoming-call screen while it rings —
// its own look, unlike the safe-number popup of personal calls — and the call in hand with its time,
// hold (the caller hears hold audio; the agent's microphone stays on), transfer to a ready agent and
// hang-up.
import type { CallView, CustomerView, OfferView } from '../../../../../contract/cc-live';
import { t, type MessageKey } from '../../../i18n';
import { formatClock } from './clock-format';
import { secondsSince, serverNow } from './clock';
import type { ConsoleModel } from './console-model';
import { OFFER_KIND_KEYS } from './words';

/** What the card calls the call: a callback the system dials out is not an incoming call. */
const CALL_TAG_KEYS = {
  queue: 'ccLive.call.inbound',
  callback: 'ccLive.call.callback',
  agent_outbound: 'ccLive.call.outbound',
  transfer: 'ccLive.call.transferred',
} as const satisfies Record<CallView['kind'], MessageKey>;

/** The customer: "이름 (010-1234-5678)" when the agent's phonebook names the number, else the number. */
function Customer({ who }: { who: CustomerView | null }) {
  if (!who) return <p class="consult-number">{t('ccLive.noCallerId')}</p>;
  const number = who.national ?? who.number;
  return who.name ? (
    <p class="consult-number">
      <strong class="consult-name">{who.name}</strong> <span class="muted">({number})</span>
    </p>
  ) : (
    <p class="consult-number">{number}</p>
  );
}

export function OfferCard({ offer }: { offer: OfferView }) {
  const ringsFor = Math.max(0, Math.ceil((offer.leaseUntil - serverNow()) / 1000));
  return (
    <section class="consult-card consult-offer" role="alert" aria-labelledby="offer-title" data-offer={offer.offerId}>
      <p class="consult-tag">{t('ccLive.offer.tag')}</p>
      <h2 id="offer-title">{t(OFFER_KIND_KEYS[offer.kind])}</h2>
      {offer.queueName && <p class="consult-queue">{offer.queueName}</p>}
      <Customer who={offer.caller} />
      <dl class="consult-facts">
        {offer.waitingSince !== null && (
          <div>
            <dt>{t('ccLive.offer.waited')}</dt>
            <dd class="offer-wait">{formatClock(secondsSince(offer.waitingSince))}</dd>
          </div>
        )}
        <div>
          <dt>{t('ccLive.offer.ringsFor')}</dt>
          <dd>{formatClock(ringsFor)}</dd>
        </div>
      </dl>
      <p class="consult-how">{t('ccLive.offer.answerOnPhone')}</p>
    </section>
  );
}

function TransferPanel({ model }: { model: ConsoleModel }) {
  const targets = model.transferTargets.value;
  const busy = model.busy.value;
  return (
    <div class="transfer-panel" role="group" aria-labelledby="transfer-title">
      <h3 id="transfer-title">{t('ccLive.call.transferTo')}</h3>
      {targets === null ? (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      ) : targets.length === 0 ? (
        <p class="muted">{t('ccLive.call.noReadyAgents')}</p>
      ) : (
        <ul class="list transfer-list">
          {targets.map((a) => (
            <li key={a.userId} class="row">
              <div class="row-main">
                <strong>{a.name}</strong>
                <span class="small muted">
                  {t('ccLive.call.level', { level: a.level })}
                  {a.idleSince !== null ? ` · ${t('ccLive.call.idleFor', { time: formatClock(secondsSince(a.idleSince)) })}` : ''}
                </span>
              </div>
              <div class="row-actions">
                <button type="button" class="primary" disabled={busy !== null} data-transfer-to={a.userId} onClick={() => void model.transfer(a)}>
                  {t('ccLive.call.transfer')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div class="transfer-actions">
        <button type="button" class="link" onClick={() => void model.openTransfer()}>
          {t('ccLive.call.refreshTargets')}
        </button>
        <button type="button" class="link" onClick={model.closeTransfer}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

export function CallCard({ call, model }: { call: CallView; model: ConsoleModel }) {
  const busy = model.busy.value;
  const sent = model.transferSent.value;
  return (
    <section class={call.held ? 'consult-card consult-call held' : 'consult-card consult-call'} aria-labelledby="call-title" data-call={call.callSessionId}>
      <p class="consult-tag">{t(CALL_TAG_KEYS[call.kind])}</p>
      <h2 id="call-title">
        {t('ccLive.state.on_call')} <span class="call-time">{formatClock(secondsSince(call.startedAt))}</span>
      </h2>
      {call.queueName && <p class="consult-queue">{call.queueName}</p>}
      <Customer who={call.caller} />
      {call.held && (
        <p class="alert alert-warn" role="status">
          {t('ccLive.call.heldNote')}
        </p>
      )}
      {sent && <p class="alert alert-info">{t('ccLive.call.transferSent', { name: sent })}</p>}
      <div class="call-controls">
        {call.held ? (
          <button type="button" data-action="unhold" disabled={busy !== null} onClick={() => void model.unhold()}>
            {t('ccLive.call.unhold')}
          </button>
        ) : (
          <button type="button" data-action="hold" disabled={busy !== null} onClick={() => void model.hold()}>
            {t('ccLive.call.hold')}
          </button>
        )}
        {call.direction === 'inbound' && (
          <button
            type="button"
            data-action="transfer"
            aria-expanded={model.transferOpen.value}
            disabled={busy !== null}
            onClick={() => (model.transferOpen.value ? model.closeTransfer() : void model.openTransfer())}
          >
            {t('ccLive.call.transfer')}
          </button>
        )}
        <button type="button" class="danger hangup" data-action="hangup" disabled={busy !== null} onClick={() => void model.hangup()}>
          {t('ccLive.call.hangup')}
        </button>
      </div>
      {model.transferOpen.value && <TransferPanel model={model} />}
    </section>
  );
}
