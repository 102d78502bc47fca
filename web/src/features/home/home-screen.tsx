// The first screen after login: who is logged in, and the screens their role can open.
import { t } from '../../i18n';
import { roleLabel } from '../../layout/role-label';
import { navFor } from '../../routes';
import { me } from '../../session/model';

export function HomeScreen() {
  const current = me.value;
  if (!current) return null;
  const links = (['mine', 'contact', 'ccManage', 'admin'] as const).flatMap((section) => navFor(current.user.role, section)).filter((l) => l.href !== '/');
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('home.greeting', { name: current.user.name })}</h1>
      <p class="muted">
        {current.org.name} · {roleLabel(current.user.role)}
      </p>
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
