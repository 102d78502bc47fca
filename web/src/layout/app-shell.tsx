// The frame around every logged-in screen: a top bar with the menu button on phones, the menu
// (a drawer on phones, a sidebar on wide screens) built from the route table for the user's role.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { navFor, tabsFor, type NavSection } from '../routes';
import { logout, me } from '../session/model';
import { CallPopup } from '../features/live/call-popup';
import { appNameKey } from './app-identity';
import { ConsultBanner } from '../features/contact-center/live/consult-banner';
import { LanguageSwitch } from './language-switch';
import { roleLabel } from './role-label';

const SECTION_TITLES: Record<NavSection, MessageKey> = {
  mine: 'nav.section.mine',
  contact: 'nav.section.contact',
  ccManage: 'nav.section.ccManage',
  admin: 'nav.section.admin',
};
const SECTIONS: readonly NavSection[] = ['mine', 'contact', 'ccManage', 'admin'];

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

export function AppShell({ children }: { children: ComponentChildren }) {
  const { path, route } = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const current = me.value;
  if (!current) return null;
  const tabs = tabsFor(current.user.role, current.safeNumber);
  const sections = SECTIONS.map((section) => ({ section, items: navFor(current.user.role, section, current.safeNumber) })).filter((s) => s.items.length > 0);

  async function signOut() {
    await logout();
    route('/login', true);
  }

  return (
    <div class={[open ? 'shell menu-open' : 'shell', tabs.length > 1 ? 'with-tabs' : ''].join(' ').trim()}>
      <header class="topbar">
        <button
          type="button"
          class="menu-button"
          aria-expanded={open}
          aria-controls="main-menu"
          aria-label={open ? t('nav.close') : t('nav.open')}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">☰</span>
        </button>
        <a href="/" class="brand">
          {t(appNameKey(current.user.role))}
        </a>
        <span class="topbar-org">{current.org.name}</span>
        <LanguageSwitch />
      </header>
      <nav id="main-menu" class="menu" aria-label={t('nav.label')}>
        <div class="menu-user">
          <strong>{current.user.name}</strong>
          <span>
            {roleLabel(current.user.role)} · {current.user.loginId}
          </span>
        </div>
        {sections.map(({ section, items }) => (
          <div class="menu-section" key={section}>
            <h2>{t(SECTION_TITLES[section])}</h2>
            <ul>
              {items.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={isCurrent(path, item.href) ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <button type="button" class="logout" onClick={() => void signOut()}>
          {t('nav.logout')}
        </button>
      </nav>
      {open && <div class="scrim" aria-hidden="true" onClick={() => setOpen(false)} />}
      <ConsultBanner />
      <main id="main">{children}</main>
      <CallPopup />
      {tabs.length > 1 && (
        <nav class="tabbar" aria-label={t('nav.tabs')}>
          {tabs.map((tab) => (
            <a key={tab.href} href={tab.href} aria-current={isCurrent(path, tab.href) ? 'page' : undefined}>
              <span class="tab-icon" aria-hidden="true">
                {tab.icon}
              </span>
              <span>{t(tab.label)}</span>
            </a>
          ))}
        </nav>
      )}
    </div>
  );
}
