// 안심번호 설정: every setting of my safe number, one tap each, as the 050 portals list them.
import { t, type MessageKey } from '../../i18n';
import { Screen } from '../../ui/status';
import { PushCard } from '../push/push-card';
import { VoicemailSettingsCard } from '../recordings/voicemail-settings-card';

const ITEMS: readonly { href: string; label: MessageKey; hint: MessageKey }[] = [
  { href: '/settings/hours', label: 'settings.hours', hint: 'settings.hoursHint' },
  { href: '/settings/block-windows', label: 'settings.blockWindows', hint: 'settings.blockWindowsHint' },
  { href: '/settings/announcements', label: 'settings.announcements', hint: 'settings.announcementsHint' },
  { href: '/settings/spam', label: 'settings.spam', hint: 'settings.spamHint' },
  { href: '/settings/free-pass', label: 'settings.freePass', hint: 'settings.freePassHint' },
  { href: '/settings/shield', label: 'settings.shield', hint: 'settings.shieldHint' },
  { href: '/settings/mobile', label: 'settings.mobile', hint: 'settings.mobileHint' },
  { href: '/settings/voicemail', label: 'settings.voicemail', hint: 'settings.voicemailHint' },
  { href: '/settings/notifications', label: 'settings.notifications', hint: 'settings.notificationsHint' },
];

export function SettingsScreen() {
  return (
    <Screen title="settings.title">
      <ul class="menu-list">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <a href={item.href}>
              <strong>{t(item.label)}</strong>
              <span class="muted small">{t(item.hint)}</span>
            </a>
          </li>
        ))}
      </ul>
    </Screen>
  );
}

/** The way back to the settings list, above each settings screen. */
export function BackToSettings() {
  return (
    <p class="back">
      <a href="/settings">← {t('settings.title')}</a>
    </p>
  );
}

/** S20: the voicemail switches, one settings item of their own. */
export function VoicemailSettingsScreen() {
  return (
    <Screen title="settings.voicemail">
      <BackToSettings />
      <VoicemailSettingsCard />
    </Screen>
  );
}

/** S14: missed-call notifications on this device (the browser asks only when the button is pressed). */
export function NotificationsScreen() {
  return (
    <Screen title="settings.notifications">
      <BackToSettings />
      <PushCard />
    </Screen>
  );
}
