// The incoming-call popup (S14): the caller's phonebook group and name with the number in national
// format, or the service logo and the number when unknown; ringing, on the call, or missed — a
// missed call to my safe number offers "send my safe number" right there (S12).
import { useEffect } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { me } from '../../session/model';
import { SendSafeNumberButton } from '../messaging/send-safe-number-button';
import { dismiss, liveCalls, startLive, stopLive, type LiveCall } from './live-model';

const STATE_TEXT: Record<LiveCall['state'], MessageKey> = {
  ringing: 'live.ringing',
  answered: 'live.answered',
  missed: 'live.missed',
  ended: 'live.missed',
};

function CallCard({ call }: { call: LiveCall }) {
  const { caller } = call;
  const number = caller.national ?? (caller.number || t('live.noCallerId'));
  const known = caller.name !== null;
  return (
    <li class={`call-popup call-${call.state}`} data-session={call.sessionId}>
      {known ? (
        <span class="call-avatar" aria-hidden="true">
          {caller.name?.slice(0, 1)}
        </span>
      ) : (
        <img class="call-logo" src="/logo.svg" alt={t('app.name')} width={40} height={40} />
      )}
      <div class="call-body">
        <p class="call-state">{t(STATE_TEXT[call.state])}</p>
        {known ? (
          <p class="call-who">
            {caller.group ? <span class="call-group">{caller.group}</span> : null}
            <strong>{caller.name}</strong>
          </p>
        ) : null}
        <p class="call-number">{number}</p>
        {call.state === 'missed' && me.value?.safeNumber && caller.number.startsWith('+') && (
          <SendSafeNumberButton to={caller.number} label="messaging.safeNumber.sendMine" />
        )}
      </div>
      {call.state === 'missed' ? (
        <button type="button" class="call-dismiss" aria-label={t('live.dismiss')} onClick={() => dismiss(call.sessionId)}>
          ×
        </button>
      ) : null}
    </li>
  );
}

/** Mounted once in the shell: opens the live socket while someone is signed in and shows its calls. */
export function CallPopup() {
  const signedIn = me.value !== null;
  useEffect(() => {
    if (!signedIn) return;
    startLive();
    return () => stopLive();
  }, [signedIn]);
  const calls = liveCalls.value;
  return (
    <section class="call-popups" aria-live="polite" aria-label={t('live.region')}>
      {calls.length ? (
        <ul>
          {calls.map((c) => (
            <CallCard key={c.sessionId} call={c} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
