// Every screen of the logged-in app in one table: its path, who may open it and where it sits in
// the navigation. The router and the menu both come from here, so a new screen is one entry.
import type { AnyComponent } from 'preact';
import { ROLES, type Role } from '../../contract/vocabularies';
import { ArchiveScreen } from './features/admin/archive/archive-screen';
import { AuditLogScreen } from './features/admin/audit/audit-log-screen';
import { HolidaysScreen } from './features/admin/holidays/holidays-screen';
import { NumbersScreen } from './features/admin/numbers/numbers-screen';
import { OrgSettingsScreen } from './features/admin/org/org-settings-screen';
import { TeamsScreen } from './features/admin/teams/teams-screen';
import { UsersScreen } from './features/admin/users/users-screen';
import { ChangePasswordScreen } from './features/account/change-password-screen';
import { ProfileScreen } from './features/account/profile-screen';
import { CallbacksScreen } from './features/contact-center/callbacks/callbacks-screen';
import { CallDetailScreen } from './features/contact-center/history/call-detail-screen';
import { HistoryScreen as CcHistoryScreen } from './features/contact-center/history/history-screen';
import { CategoriesScreen } from './features/contact-center/manage/categories-screen';
import { QueueScreen } from './features/contact-center/manage/queue-screen';
import { QueuesScreen } from './features/contact-center/manage/queues-screen';
import { CcSettingsScreen } from './features/contact-center/manage/settings-form';
import { CC_MANAGER_ROLES, CC_USER_ROLES, CONTACT_APP_ROLES } from './features/contact-center/roles';
import { StatsScreen } from './features/contact-center/stats/stats-screen';
import { CustomerCenterScreen } from './features/help/customer-center-screen';
import { OrgAnnouncementsScreen } from './features/admin/announcements/announcements-screen';
import { OrgShieldScreen } from './features/admin/shield/shield-screen';
import { SafeNumberSmsScreen } from './features/admin/safe-number-sms/template-screen';
import { StaffSettingsScreen } from './features/admin/staff-settings/staff-settings-screen';
import { HistoryScreen } from './features/history/history-screen';
import { DialScreen } from './features/outbound/dial-screen';
import { ComposeScreen } from './features/messaging/compose-screen';
import { SendLogScreen } from './features/messaging/log-screen';
import { HomeScreen } from './features/home/home-screen';
import { ImportScreen } from './features/phonebook/import-screen';
import { PhonebookScreen } from './features/phonebook/phonebook-screen';
import { NumberCheckScreen } from './features/number-check/number-check-screen';
import { AnnouncementsScreen } from './features/settings/announcements-screen';
import { BlockWindowsScreen } from './features/settings/block-windows-screen';
import { HoursScreen } from './features/settings/hours-screen';
import { FreePassListScreen, SpamListScreen } from './features/settings/lists-screen';
import { MobileScreen } from './features/settings/mobile-screen';
import { NotificationsScreen, SettingsScreen, VoicemailSettingsScreen } from './features/settings/settings-screen';
import { ShieldScreen } from './features/settings/shield-screen';
import { WhatIfScreen } from './features/what-if/what-if-screen';
import { OperatorHomeScreen } from './features/operator/operator-home-screen';
import { ConsoleScreen } from './features/contact-center/live/console-screen';
import { DashboardScreen } from './features/contact-center/live/dashboard-screen';
import { CONSOLE_PATH, DASHBOARD_PATH } from './features/contact-center/live/paths';
import type { MessageKey } from './i18n';
import { ADMIN_ROLES } from './session/model';

export type NavSection = 'mine' | 'contact' | 'ccManage' | 'admin';

/** Everyone but agents and supervisors, whose home is the contact center's, and operators, whose home is the platform's. */
const SAFE_APP_ROLES = ROLES.filter((r) => !CONTACT_APP_ROLES.includes(r) && r !== 'operator');
/**
 * An organisation's own set-up (teams, numbers, defaults, announcements, shield): its admins. A
 * platform operator belongs to the platform organisation, which has none of these; operators keep
 * users (issuing other operators) and the audit log.
 */
const ORG_SETUP_ROLES: readonly Role[] = ['org_admin'];

export type ScreenRoute = {
  path: string;
  /** Screens read route params with useRoute(), so they take no props. */
  component: AnyComponent;
  /** Omitted: every logged-in role. */
  roles?: readonly Role[];
  nav?: { label: MessageKey; section: NavSection; href?: string };
  /** On the bottom tab bar of phones (the few screens used most); `roles` narrows who gets the tab. */
  tab?: { label: MessageKey; icon: string; roles?: readonly Role[] };
  /** In the menu and tab bar only for a user who owns a safe number (the screen itself still opens). */
  needsNumber?: true;
};

/** Who runs a safe number of their own (issue 9): staff, and admins who are public servants too. */
export const SAFE_NUMBER_ROLES: readonly Role[] = ['staff', 'org_admin'];

export const SCREENS: readonly ScreenRoute[] = [
  {
    path: '/',
    component: HomeScreen,
    roles: SAFE_APP_ROLES,
    nav: { label: 'nav.home', section: 'mine' },
    tab: { label: 'nav.home', icon: '⌂' },
  },
  { path: '/', component: OperatorHomeScreen, roles: ['operator'], nav: { label: 'nav.home', section: 'mine' } },
  // An agent's home is the console, a supervisor's the live dashboard: each named once in the menu.
  { path: '/', component: ConsoleScreen, roles: ['agent'], nav: { label: 'nav.cc.console', section: 'mine' }, tab: { label: 'nav.cc.console', icon: '⌂' } },
  {
    path: '/',
    component: DashboardScreen,
    roles: ['supervisor'],
    nav: { label: 'nav.cc.dashboard', section: 'mine' },
    tab: { label: 'nav.cc.dashboard', icon: '⌂' },
  },
  {
    path: CONSOLE_PATH,
    component: ConsoleScreen,
    roles: CC_USER_ROLES.filter((r) => r !== 'agent'),
    nav: { label: 'nav.cc.console', section: 'mine' },
    tab: { label: 'nav.cc.consoleShort', icon: '☎', roles: ['supervisor'] },
  },
  // The supervisor's home already is the dashboard: the address stays (links use it), the menu entry does not.
  { path: DASHBOARD_PATH, component: DashboardScreen, roles: ['supervisor'] },
  { path: DASHBOARD_PATH, component: DashboardScreen, roles: ['org_admin'], nav: { label: 'nav.cc.dashboard', section: 'mine' } },
  {
    path: '/history',
    component: HistoryScreen,
    roles: SAFE_NUMBER_ROLES,
    needsNumber: true,
    nav: { label: 'nav.history', section: 'mine' },
    tab: { label: 'nav.historyShort', icon: '☎' },
  },
  // 전화 걸기 (S11): masked outbound calls from the dial pad.
  { path: '/call', component: DialScreen, roles: SAFE_NUMBER_ROLES, nav: { label: 'outbound.title', section: 'mine' } },
  {
    path: '/settings',
    component: SettingsScreen,
    roles: SAFE_NUMBER_ROLES,
    needsNumber: true,
    nav: { label: 'nav.settings', section: 'mine' },
    tab: { label: 'nav.settingsShort', icon: '⚙' },
  },
  { path: '/settings/hours', component: HoursScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/block-windows', component: BlockWindowsScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/announcements', component: AnnouncementsScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/spam', component: SpamListScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/free-pass', component: FreePassListScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/shield', component: ShieldScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/mobile', component: MobileScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/voicemail', component: VoicemailSettingsScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/settings/notifications', component: NotificationsScreen },
  {
    path: '/check',
    component: NumberCheckScreen,
    roles: SAFE_NUMBER_ROLES,
    needsNumber: true,
    nav: { label: 'nav.check', section: 'mine' },
    tab: { label: 'nav.check', icon: '✓' },
  },
  // Text messages (issue 17: S15, S16).
  { path: '/messages', component: ComposeScreen, roles: SAFE_NUMBER_ROLES, nav: { label: 'nav.messages', section: 'mine' } },
  { path: '/messages/log/:tab?', component: SendLogScreen, roles: SAFE_NUMBER_ROLES, nav: { label: 'nav.messageLog', section: 'mine', href: '/messages/log' } },
  { path: '/what-if', component: WhatIfScreen, roles: SAFE_NUMBER_ROLES, needsNumber: true, nav: { label: 'nav.whatIf', section: 'mine' } },
  // The phonebook (S17): everyone with a safe number keeps their own.
  { path: '/phonebook', component: PhonebookScreen, roles: SAFE_NUMBER_ROLES, nav: { label: 'nav.phonebook', section: 'mine' } },
  { path: '/phonebook/import', component: ImportScreen, roles: SAFE_NUMBER_ROLES },
  { path: '/profile', component: ProfileScreen, nav: { label: 'nav.profile', section: 'mine' } },
  { path: '/password', component: ChangePasswordScreen },
  { path: '/help/:tab?', component: CustomerCenterScreen, nav: { label: 'nav.help', section: 'mine', href: '/help' } },
  // The contact center (모바일 콘택트): history, callbacks, statistics; its setup for supervisors and admins.
  {
    path: '/cc/history/:tab?',
    component: CcHistoryScreen,
    roles: CC_USER_ROLES,
    nav: { label: 'nav.cc.history', section: 'contact', href: '/cc/history' },
    tab: { label: 'nav.cc.history', icon: '☰', roles: CONTACT_APP_ROLES },
  },
  { path: '/cc/calls/:id', component: CallDetailScreen, roles: CC_USER_ROLES },
  {
    path: '/cc/callbacks/:tab?',
    component: CallbacksScreen,
    roles: CC_USER_ROLES,
    nav: { label: 'nav.cc.callbacks', section: 'contact', href: '/cc/callbacks' },
    tab: { label: 'nav.cc.callbacks', icon: '↺', roles: CONTACT_APP_ROLES },
  },
  {
    path: '/cc/stats',
    component: StatsScreen,
    roles: CC_USER_ROLES,
    nav: { label: 'nav.cc.stats', section: 'contact' },
    tab: { label: 'nav.cc.statsShort', icon: '▤', roles: ['agent'] },
  },
  { path: '/cc/queues', component: QueuesScreen, roles: CC_MANAGER_ROLES, nav: { label: 'nav.cc.queues', section: 'ccManage' } },
  { path: '/cc/queues/:id', component: QueueScreen, roles: CC_MANAGER_ROLES },
  { path: '/cc/categories', component: CategoriesScreen, roles: CC_MANAGER_ROLES, nav: { label: 'nav.cc.categories', section: 'ccManage' } },
  { path: '/cc/settings', component: CcSettingsScreen, roles: CC_MANAGER_ROLES, nav: { label: 'nav.cc.settings', section: 'ccManage' } },
  { path: '/admin/users', component: UsersScreen, roles: ADMIN_ROLES, nav: { label: 'nav.users', section: 'admin' } },
  { path: '/admin/teams', component: TeamsScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.teams', section: 'admin' } },
  { path: '/admin/numbers', component: NumbersScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.numbers', section: 'admin' } },
  { path: '/admin/org', component: OrgSettingsScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.orgSettings', section: 'admin' } },
  { path: '/admin/holidays', component: HolidaysScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.holidays', section: 'admin' } },
  { path: '/admin/users/:id/settings', component: StaffSettingsScreen, roles: ORG_SETUP_ROLES },
  { path: '/admin/announcements', component: OrgAnnouncementsScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.orgAnnouncements', section: 'admin' } },
  { path: '/admin/shield', component: OrgShieldScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.orgShield', section: 'admin' } },
  // The "send my safe number" text (S12).
  { path: '/admin/safe-number-sms', component: SafeNumberSmsScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.safeNumberSms', section: 'admin' } },
  { path: '/admin/audit', component: AuditLogScreen, roles: ADMIN_ROLES, nav: { label: 'nav.audit', section: 'admin' } },
  // Months of call records and audit entries kept, and the archived months' files (issue 20 §3).
  { path: '/admin/archive', component: ArchiveScreen, roles: ORG_SETUP_ROLES, nav: { label: 'nav.archive', section: 'admin' } },
];

export function screensFor(role: Role): ScreenRoute[] {
  return SCREENS.filter((s) => !s.roles || s.roles.includes(role));
}

/** Screens offered in the menu and tab bar: a user without a safe number is not offered its screens. */
function offeredTo(role: Role, safeNumber: boolean): ScreenRoute[] {
  return screensFor(role).filter((s) => safeNumber || !s.needsNumber);
}

export function tabsFor(role: Role, safeNumber: boolean) {
  return offeredTo(role, safeNumber).flatMap((s) =>
    s.tab && (!s.tab.roles || s.tab.roles.includes(role)) ? [{ href: s.nav?.href ?? s.path, label: s.tab.label, icon: s.tab.icon }] : [],
  );
}

export function navFor(role: Role, section: NavSection, safeNumber: boolean) {
  return offeredTo(role, safeNumber).flatMap((s) => (s.nav?.section === section ? [{ href: s.nav.href ?? s.path, label: s.nav.label }] : []));
}
