// The first screen after login. A safe-number owner sees their number (home = my safe number,
// issue 9); everyone else the screens their role can open.
import { useModel } from '@preact/signals';
import { t } from '../../i18n';
import { roleLabel } from '../../layout/role-label';
import { navFor } from '../../routes';
import { me } from '../../session/model';
import { Loaded } from '../../ui/status';
import { HomeModel } from '../my-number/model';
import { MyNumberCard } from '../my-number/my-number-card';

function Tiles() {
  const current = me.value;
  if (!current) return null;
  const links = (['mine', 'contact', 'ccManage', 'admin'] as const)
    .flatMap((section) => navFor(current.user.role, section, current.safeNumber))
    .filter((l) => l.href !== '/');
  return (
    <ul class="tiles">
      {links.map((l) => (
        <li key={l.href}>
          <a class="tile" href={l.href}>
            {t(l.label)}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function HomeScreen() {
  const current = me.value;
  const model = useModel(HomeModel);
  if (!current) return null;
  const staff = current.user.role === 'staff';
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('home.greeting', { name: current.user.name })}</h1>
      <p class="muted">
        {current.org.name} · {roleLabel(current.user.role)}
      </p>
      <Loaded res={model.home}>{(home) => (home.number || staff ? <MyNumberCard model={model} home={home} /> : null)}</Loaded>
      {!staff && <Tiles />}
    </section>
  );
}
