// Home = my safe number (issue 9 §2): the number with a copy button, the linked mobile (masked),
// what a caller gets right now and until when, the pause and immediate-block switches, and today's
// calls (counts and the latest few, a tap away from the history, the latest with "send my safe number").
import { VoicemailCount } from '../recordings/voicemail-count';
import { useEffect, useState } from 'preact/hooks';
import type { Home } from '../../../../contract/safe-number';
import { t, tm } from '../../i18n';
import { BigSwitch } from '../../ui/switch';
import { CallSummary } from '../history/call-row';
import { RecentCallSend } from '../messaging/recent-call-send';
import { statusLabel, statusUntil } from './status-text';
import type { HomeModel } from './model';

type Model = InstanceType<typeof HomeModel>;

/** Copies the number people are given; the button says when it worked. */
function CopyButton({ text }: { text: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), 2500);
    return () => clearTimeout(timer);
  }, [done]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setDone('copied');
    } catch {
      setDone('failed');
    }
  }
  return (
    <>
      <button type="button" class="copy" name="copy" onClick={() => void copy()} aria-label={t('home.copyNumber', { number: text })}>
        {t('home.copy')}
      </button>
      <span class="copy-note small" role="status">
        {done === 'copied' ? t('home.copied') : done === 'failed' ? t('home.copyFailed') : ''}
      </span>
    </>
  );
}

function StatusPanel({ home }: { home: Home }) {
  const s = home.status;
  if (!s) return null;
  const until = statusUntil(s, t);
  return (
    <div class={`status-panel status-${s.status}`} role="status" aria-live="polite">
      <span class="status-dot" aria-hidden="true" />
      <span>
        <strong class="status-label">{statusLabel(s, t)}</strong>
        {until && <span class="status-until"> · {until}</span>}
      </span>
    </div>
  );
}

export function MyNumberCard({ model, home }: { model: Model; home: Home }) {
  // Reload when the status is due to change (the next window edge), if that is within a day.
  const until = home.status?.until ?? null;
  useEffect(() => {
    if (until === null) return;
    const wait = until - Date.now() + 1000;
    if (wait <= 0 || wait > 86_400_000) return;
    const timer = setTimeout(() => void model.load(), wait);
    return () => clearTimeout(timer);
  }, [until]);

  if (!home.number) {
    return (
      <div class="card">
        <h2>{t('home.noNumberTitle')}</h2>
        <p class="muted">{t('home.noNumber')}</p>
      </div>
    );
  }
  return (
    <>
      <section class="number-card" aria-labelledby="my-number-title">
        <h2 id="my-number-title" class="small">
          {t('home.myNumber')}
        </h2>
        <p class="safe-number">
          <span class="number" data-e164={home.number.e164}>
            {home.number.national}
          </span>
          <CopyButton text={home.number.national} />
        </p>
        <p class="linked-mobile small">
          {home.mobile ? t('home.mobile', { mobile: home.mobile.masked }) : t('home.noMobile')} <a href="/settings/mobile">{t('home.changeMobile')}</a>
        </p>
        <StatusPanel home={home} />
      </section>
      {model.problem.value && (
        <p class="alert alert-error" role="alert">
          {tm(model.problem.value)}
        </p>
      )}
      <div class="switches">
        <BigSwitch
          name="paused"
          label="home.pause"
          hint="home.pauseHint"
          checked={home.switches.paused}
          busy={model.switching.value === 'paused'}
          onChange={(v) => void model.toggle('paused', v)}
        />
        <BigSwitch
          name="immediateBlock"
          label="home.block"
          hint="home.blockHint"
          checked={home.switches.immediateBlock}
          busy={model.switching.value === 'immediateBlock'}
          onChange={(v) => void model.toggle('immediateBlock', v)}
        />
      </div>
      <section class="card today" aria-labelledby="today-title">
        <h2 id="today-title">{t('home.today')}</h2>
        <div class="counts">
          <a href="/history" class="count">
            <span class="count-number">{home.today.calls}</span>
            <span class="small">{t('home.callsToday')}</span>
          </a>
          <a href="/history?outcome=missed" class={home.today.missed > 0 ? 'count missed' : 'count'}>
            <span class="count-number">{home.today.missed}</span>
            <span class="small">{t('home.missedToday')}</span>
          </a>
        </div>
        <VoicemailCount />
        {home.today.latest.length > 0 ? (
          <ul class="latest">
            {home.today.latest.map((row) => (
              <li key={row.id}>
                <a href="/history">
                  <CallSummary row={row} timeZone={home.timezone} />
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted small">{t('home.noCallsToday')}</p>
        )}
        <RecentCallSend latest={home.today.latest} />
      </section>
      <nav class="quick-links" aria-label={t('home.more')}>
        <a href="/check" class="tile">
          {t('nav.check')}
        </a>
        <a href="/what-if" class="tile">
          {t('nav.whatIf')}
        </a>
        <a href="/settings" class="tile">
          {t('nav.settings')}
        </a>
      </nav>
    </>
  );
}
