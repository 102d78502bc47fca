// Every screen of the logged-in app in one table: its path, who may open it and where it sits in
// the navigation. The router and the menu both come from here, so a new screen is one entry.
import type { AnyComponent } from 'preact';
import type { Role } from './api/types';
import { AuditLogScreen } from './features/admin/audit/audit-log-screen';
import { HolidaysScreen } from './features/admin/holidays/holidays-screen';
import { NumbersScreen } from './features/admin/numbers/numbers-screen';
import { OrgSettingsScreen } from './features/admin/org/org-settings-screen';
import { TeamsScreen } from './features/admin/teams/teams-screen';
import { UsersScreen } from './features/admin/users/users-screen';
import { ChangePasswordScreen } from './features/account/change-password-screen';
import { ProfileScreen } from './features/account/profile-screen';
import { CustomerCenterScreen } from './features/help/customer-center-screen';
import { HomeScreen } from './features/home/home-screen';
import type { MessageKey } from './i18n';
import { ADMIN_ROLES } from './session/model';

export type NavSection = 'mine' | 'admin';

export type ScreenRoute = {
  path: string;
  /** Screens read route params with useRoute(), so they take no props. */
  component: AnyComponent;
  /** Omitted: every logged-in role. */
  roles?: readonly Role[];
  nav?: { label: MessageKey; section: NavSection; href?: string };
};

export const SCREENS: readonly ScreenRoute[] = [
  { path: '/', component: HomeScreen, nav: { label: 'nav.home', section: 'mine' } },
  { path: '/profile', component: ProfileScreen, nav: { label: 'nav.profile', section: 'mine' } },
  { path: '/password', component: ChangePasswordScreen },
  { path: '/help/:tab?', component: CustomerCenterScreen, nav: { label: 'nav.help', section: 'mine', href: '/help' } },
  { path: '/admin/users', component: UsersScreen, roles: ADMIN_ROLES, nav: { label: 'nav.users', section: 'admin' } },
  { path: '/admin/teams', component: TeamsScreen, roles: ADMIN_ROLES, nav: { label: 'nav.teams', section: 'admin' } },
  { path: '/admin/numbers', component: NumbersScreen, roles: ADMIN_ROLES, nav: { label: 'nav.numbers', section: 'admin' } },
  { path: '/admin/org', component: OrgSettingsScreen, roles: ADMIN_ROLES, nav: { label: 'nav.orgSettings', section: 'admin' } },
  { path: '/admin/holidays', component: HolidaysScreen, roles: ADMIN_ROLES, nav: { label: 'nav.holidays', section: 'admin' } },
  { path: '/admin/audit', component: AuditLogScreen, roles: ADMIN_ROLES, nav: { label: 'nav.audit', section: 'admin' } },
];

export function screensFor(role: Role): ScreenRoute[] {
  return SCREENS.filter((s) => !s.roles || s.roles.includes(role));
}

export function navFor(role: Role, section: NavSection) {
  return screensFor(role).flatMap((s) => (s.nav?.section === section ? [{ href: s.nav.href ?? s.path, label: s.nav.label }] : []));
}
