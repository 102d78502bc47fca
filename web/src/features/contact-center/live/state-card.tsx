// The agent's own state (상담사 상태, C2): what it is, for how long (ticking), why it began, the
// 대기/휴식/후처리 buttons (not while a call rings or is up) and logging in and out of the contact center.
import { MANUAL_STATES, type ManualState } from '../../../../../contract/vocabularies';
import { t, tm, type MessageKey } from '../../../i18n';
import { formatClock } from './clock-format';
import { secondsSince, serverNow } from './clock';
import type { ConsoleModel } from './console-model';
import { reasonKey, STATE_KEYS, stateTone } from './words';

const BUTTON_KEYS: Record<ManualState, MessageKey> = { ready: 'ccLive.state.ready', break: 'ccLive.state.break', acw: 'ccLive.state.acw' };

export function StateCard({ model }: { model: ConsoleModel }) {
  const a = model.agent.value;
  if (!a) return null;
  const busy = model.busy.value;
  const working = a.state !== 'offline';
  const locked = a.state === 'ringing' || a.state === 'on_call';
  const reason = reasonKey(a.reason);
  const problem = model.problem.value;
  return (
    <section class={`card state-card ${stateTone(a.state)}`} aria-labelledby="state-title">
      <h2 id="state-title" class="sr-only">
        {t('ccLive.state.title')}
      </h2>
      <p class="state-now">
        <span class="state-dot" aria-hidden="true" />
        <strong class="state-name" data-state={a.state}>
          {t(STATE_KEYS[a.state])}
        </strong>
        {working && (
          <span class="state-time" aria-label={t('ccLive.state.timeIn')}>
            {formatClock(secondsSince(a.since))}
          </span>
        )}
      </p>
      {reason && <p class="small muted state-reason">{t(reason)}</p>}
      {a.state === 'acw' && a.acwUntil !== null && <p class="small">{t('ccLive.state.acwEnds', { time: formatClock((a.acwUntil - serverNow()) / 1000) })}</p>}
      {working ? (
        <>
          <div class="state-buttons" role="group" aria-label={t('ccLive.state.choose')}>
            {MANUAL_STATES.map((s) => (
              <button
                key={s}
                type="button"
                class={`state-button ${stateTone(s)}`}
                data-state={s}
                aria-pressed={a.state === s}
                disabled={locked || busy !== null}
                aria-busy={busy === s || undefined}
                onClick={() => void model.setState(s)}
              >
                {t(BUTTON_KEYS[s])}
              </button>
            ))}
          </div>
          {locked && <p class="small muted">{t('ccLive.state.lockedNote')}</p>}
          <button type="button" class="link state-logout" disabled={locked || busy !== null} onClick={() => void model.logout()}>
            {t('ccLive.logout')}
          </button>
        </>
      ) : (
        <>
          <p class="muted">{t('ccLive.offlineNote')}</p>
          <button
            type="button"
            class="primary state-login"
            disabled={busy !== null}
            aria-busy={busy === 'login' || undefined}
            onClick={() => void model.login()}
          >
            {t('ccLive.login')}
          </button>
        </>
      )}
      {problem && (
        <p class="alert alert-error" role="alert">
          {tm(problem)}
        </p>
      )}
    </section>
  );
}
