// A consult call while the agent is on another screen (history, statistics…): a bar at the top that
// says so and leads back to the console, where the call is handled. Read from the console socket the
// shell already holds; the console itself shows the full incoming-call screen instead.
import { useLocation } from 'preact-iso';
import { t } from '../../../i18n';
import { liveAgent } from '../../live/live-model';
import { me } from '../../../session/model';
import { consoleHref, onConsole } from './paths';

export function ConsultBanner() {
  const { path } = useLocation();
  const a = liveAgent.value;
  const role = me.value?.user.role;
  if (!a || (!a.offer && !a.call) || onConsole(path, role)) return null;
  const who = a.offer?.caller ?? a.call?.caller ?? null;
  const number = who ? (who.national ?? who.number) : t('ccLive.noCallerId');
  return (
    <div class={a.offer ? 'consult-banner ringing' : 'consult-banner'} role={a.offer ? 'alert' : 'status'}>
      <a href={consoleHref(role)}>
        <strong>{a.offer ? t('ccLive.offer.kind.call') : t('ccLive.state.on_call')}</strong>
        <span>{number}</span>
        <span class="consult-banner-go">{t('ccLive.banner.open')}</span>
      </a>
    </div>
  );
}
