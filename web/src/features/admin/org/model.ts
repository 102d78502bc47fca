// Organisation defaults (P2, S21): time zone, working hours, lunch, weekdays, and recording
// (on/off, retention, the notice callers hear). Loaded once, saved as a whole (PUT).
import { createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { OrgSettings } from '../../../../../contract/admin';
import type { MessageKey } from '../../../i18n';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';

export const WEEKDAYS = ['wd0', 'wd1', 'wd2', 'wd3', 'wd4', 'wd5', 'wd6'] as const;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const EMPTY = {
  name: '',
  timezone: 'Asia/Seoul',
  workStartTime: '',
  workEndTime: '',
  lunchStartTime: '',
  lunchEndTime: '',
  wd0: false,
  wd1: false,
  wd2: false,
  wd3: false,
  wd4: false,
  wd5: false,
  wd6: false,
  recordingEnabled: false,
  recordingRetentionDays: '90',
  recordingNoticeText: '',
  recordingAdminAccess: false,
};
type Values = typeof EMPTY;

function toValues(s: OrgSettings): Values {
  const bits = s.schedule.weekdays ?? 0;
  const days = Object.fromEntries(WEEKDAYS.map((k, i) => [k, (bits & (1 << i)) !== 0])) as Record<(typeof WEEKDAYS)[number], boolean>;
  return {
    name: s.org.name,
    timezone: s.org.timezone,
    workStartTime: s.schedule.workStartTime ?? '',
    workEndTime: s.schedule.workEndTime ?? '',
    lunchStartTime: s.schedule.lunchStartTime ?? '',
    lunchEndTime: s.schedule.lunchEndTime ?? '',
    ...days,
    recordingEnabled: s.org.recordingEnabled,
    recordingRetentionDays: String(s.org.recordingRetentionDays),
    recordingNoticeText: s.org.recordingNoticeText ?? '',
    recordingAdminAccess: s.org.recordingAdminAccess ?? false,
  };
}

/** The service level is left out: the contact-center policy form below owns it (PUT keeps it). */
function toSettings(v: Values): { org: Omit<OrgSettings['org'], 'serviceLevelSeconds'>; schedule: OrgSettings['schedule'] } {
  const weekdays = WEEKDAYS.reduce((bits, k, i) => (v[k] ? bits | (1 << i) : bits), 0);
  return {
    org: {
      name: v.name,
      timezone: v.timezone.trim(),
      recordingEnabled: v.recordingEnabled,
      recordingRetentionDays: Number(v.recordingRetentionDays),
      recordingNoticeText: v.recordingNoticeText.trim() || null,
      recordingAdminAccess: v.recordingAdminAccess,
    },
    schedule: {
      workStartTime: v.workStartTime || null,
      workEndTime: v.workEndTime || null,
      weekdays,
      lunchStartTime: v.lunchStartTime || null,
      lunchEndTime: v.lunchEndTime || null,
    },
  };
}

export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Seoul', 'UTC'];
  }
}

function check(v: Values): Partial<Record<keyof Values, MessageKey>> {
  const out: Partial<Record<keyof Values, MessageKey>> = {};
  if (!timeZones().includes(v.timezone.trim()) && v.timezone.trim() !== 'UTC') out.timezone = 'org.timezoneUnknown';
  for (const k of ['workStartTime', 'workEndTime'] as const) if (v[k] === '') out[k] = 'field.required';
  for (const k of ['workStartTime', 'workEndTime', 'lunchStartTime', 'lunchEndTime'] as const) {
    if (v[k] !== '' && !TIME.test(v[k])) out[k] = 'field.time';
  }
  if (!out.workEndTime && v.workStartTime && v.workEndTime && v.workEndTime <= v.workStartTime) out.workEndTime = 'org.endAfterStart';
  if (!out.lunchEndTime && v.lunchStartTime && v.lunchEndTime && v.lunchEndTime <= v.lunchStartTime) out.lunchEndTime = 'org.endAfterStart';
  if (Boolean(v.lunchStartTime) !== Boolean(v.lunchEndTime)) out.lunchEndTime = 'org.lunchBoth';
  if (!out.lunchStartTime && v.lunchStartTime && v.workStartTime && (v.lunchStartTime < v.workStartTime || v.lunchEndTime > v.workEndTime)) {
    out.lunchStartTime = 'org.lunchInside';
  }
  if (!WEEKDAYS.some((k) => v[k])) out.wd0 = 'org.pickWeekday';
  const days = Number(v.recordingRetentionDays);
  if (!Number.isInteger(days) || days < 1 || days > 3650) out.recordingRetentionDays = 'org.retentionRange';
  return out;
}

export const OrgSettingsModel = createModel(() => {
  const form = new FormModel<Values>({ ...EMPTY });
  const settings = resource(async () => {
    const s = await api.get<OrgSettings>('/admin/org');
    form.reset(toValues(s));
    return s;
  });

  async function save(): Promise<boolean> {
    return form.submit(check, async (v) => {
      const saved = await api.put<OrgSettings>('/admin/org', toSettings(v));
      form.reset(toValues(saved));
      return { key: 'common.saved' };
    });
  }

  void settings.reload();
  return { form, settings, save, load: settings.reload };
});
