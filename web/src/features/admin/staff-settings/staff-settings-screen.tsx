// A staff member's effective safe-number settings, read-only for the org admin: what a caller gets
// now, switches, hours with where each value comes from, block windows, the announcement of each
// situation and its source, and the abuse shield. Lists and calls stay the staff member's own.
import { useRoute } from 'preact-iso';
import { useMemo, useEffect } from 'preact/hooks';
import { api } from '../../../api/client';
import type { ScheduleSource, StaffSettings } from '../../../../../contract/safe-number';
import { t, type MessageKey } from '../../../i18n';
import { resource } from '../../../ui/resource';
import { Loaded, Screen } from '../../../ui/status';
import { weekdayList } from '../../history/trace-text';
import { statusLine } from '../../my-number/status-text';
import { policyText } from '../../settings/shield-screen';
import { SITUATION_KEYS, SOURCE_KEYS } from '../../settings/situation-labels';

const FROM_KEYS: Record<ScheduleSource, MessageKey> = { personal: 'hours.source.personal', org: 'hours.source.org', default: 'hours.source.default' };

function View({ s }: { s: StaffSettings }) {
  const e = s.schedule.effective;
  return (
    <>
      <dl class="card facts">
        <dt>{t('users.name')}</dt>
        <dd>
          {s.user.name} ({s.user.loginId})
        </dd>
        <dt>{t('staffSettings.number', { name: s.user.name })}</dt>
        <dd class="number">{s.number?.national ?? t('staffSettings.noNumber')}</dd>
        <dt>{t('mobile.current')}</dt>
        <dd>{s.mobile?.masked ?? t('mobile.none')}</dd>
        <dt>{t('staffSettings.now')}</dt>
        <dd>
          <strong>{s.status ? statusLine(s.status, t) : '—'}</strong>
        </dd>
        <dt>{t('home.pause')}</dt>
        <dd>{s.switches.paused ? t('common.on') : t('common.off')}</dd>
        <dt>{t('home.block')}</dt>
        <dd>{s.switches.immediateBlock ? t('common.on') : t('common.off')}</dd>
      </dl>
      <section class="card" aria-labelledby="staff-hours">
        <h2 id="staff-hours">{t('settings.hours')}</h2>
        <dl class="facts">
          <dt>{t('org.workStart')}</dt>
          <dd>
            {e.hours.start} <span class="badge">{t(FROM_KEYS[e.from.start])}</span>
          </dd>
          <dt>{t('org.workEnd')}</dt>
          <dd>
            {e.hours.end} <span class="badge">{t(FROM_KEYS[e.from.end])}</span>
          </dd>
          <dt>{t('hours.days')}</dt>
          <dd>
            {weekdayList(t, e.hours.weekdays)} <span class="badge">{t(FROM_KEYS[e.from.weekdays])}</span>
          </dd>
          <dt>{t('hours.lunch')}</dt>
          <dd>
            {e.lunch ? `${e.lunch.start}–${e.lunch.end}` : t('hours.noLunch')} <span class="badge">{t(FROM_KEYS[e.from.lunch])}</span>
          </dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="staff-windows">
        <h2 id="staff-windows">{t('settings.blockWindows')}</h2>
        {s.blockWindows.length === 0 ? (
          <p class="empty">{t('blockWindows.empty')}</p>
        ) : (
          <ul class="plain">
            {s.blockWindows.map((w) => (
              <li key={w.id} class={w.enabled ? '' : 'muted'}>
                <strong>{w.name}</strong> {weekdayList(t, w.weekdays)} {w.startTime}–{w.endTime} · {w.announcementName ?? t('blockWindows.defaultText')}
                {!w.enabled && ` (${t('common.off')})`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="staff-announcements">
        <h2 id="staff-announcements">{t('announcements.situations')}</h2>
        <ul class="plain">
          {s.situations.map((x) => (
            <li key={x.type}>
              <strong>{t(SITUATION_KEYS[x.type])}</strong> <span class="badge">{t(SOURCE_KEYS[x.source])}</span>
              <blockquote class="spoken prewrap">{x.text}</blockquote>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="staff-shield">
        <h2 id="staff-shield">{t('settings.shield')}</h2>
        <p>{policyText(s.shield.effective)}</p>
        <p class="muted small">
          {t('shield.orgDefault')}: {policyText(s.shield.org)}
        </p>
      </section>
    </>
  );
}

export function StaffSettingsScreen() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const res = useMemo(() => resource(() => api.get<StaffSettings>(`/admin/users/${encodeURIComponent(id)}/settings`)), [id]);
  useEffect(() => {
    void res.reload();
  }, [res]);
  return (
    <Screen title="staffSettings.title">
      <p class="back">
        <a href="/admin/users">← {t('nav.users')}</a>
      </p>
      <Loaded res={res}>{(s) => <View s={s} />}</Loaded>
    </Screen>
  );
}
