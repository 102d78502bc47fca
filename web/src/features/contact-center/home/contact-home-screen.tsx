// 모바일 콘택트 home for agents and supervisors: today's figures and the contact-center menu. The live
// console (state buttons, incoming calls, waiting customers, graphs) takes this place when it lands.
import { t } from '../../../i18n';
import { roleLabel } from '../../../layout/role-label';
import { navFor } from '../../../routes';
import { me } from '../../../session/model';
import { Loaded } from '../../../ui/status';
import { useModel } from '../../../ui/use-model';
import { formatCount, formatRatio } from '../format';
import { createContactHomeModel } from './model';

export function ContactHomeScreen() {
  const current = me.value;
  const model = useModel(() => createContactHomeModel(current?.user.id ?? ''));
  if (!current) return null;
  const links = [...navFor(current.user.role, 'contact'), ...navFor(current.user.role, 'ccManage')];
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('home.greeting', { name: current.user.name })}</h1>
      <p class="muted">
        {t('app.contactName')} · {current.org.name} · {roleLabel(current.user.role)}
      </p>
      <section class="card" aria-labelledby="today-title">
        <h2 id="today-title">{t('cc.home.today')}</h2>
        <Loaded res={model.today}>
          {(s) => (
            <dl class="figures">
              <div>
                <dt>{t('cc.home.inbound')}</dt>
                <dd>{formatCount(s.inbound)}</dd>
              </div>
              <div>
                <dt>{t('cc.home.answered')}</dt>
                <dd>{formatCount(s.answered)}</dd>
              </div>
              <div>
                <dt>{t('cc.home.answerRate')}</dt>
                <dd>{formatRatio(s.answerRate)}</dd>
              </div>
              <div>
                <dt>{t('cc.home.mine')}</dt>
                <dd>{formatCount(s.mine)}</dd>
              </div>
              <div>
                <dt>{t('cc.home.pendingCallbacks')}</dt>
                <dd>
                  <a href="/cc/callbacks">
                    {formatCount(s.pendingCallbacks)}
                    {s.moreCallbacks ? '+' : ''}
                  </a>
                </dd>
              </div>
            </dl>
          )}
        </Loaded>
      </section>
      <h2>{t('cc.home.menu')}</h2>
      <ul class="tiles">
        {links.map((l) => (
          <li key={l.href}>
            <a class="tile" href={l.href}>
              {t(l.label)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
