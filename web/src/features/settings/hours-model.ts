// My hours and lunch (S2): each field my own or the org's. A field I do not set shows the org's
// value and follows it; switching "my own" on starts from that value.
import { createModel, signal } from '@preact/signals';
import { api } from '../../api/client';
import type { MySchedule, ScheduleFields } from '../../../../contract/safe-number';
import type { MessageKey } from '../../i18n';
import { FormModel } from '../../ui/form';
import { resource } from '../../ui/resource';
import { weekdayFields, weekdayMask, WEEKDAY_FIELDS, type WeekdayFields } from './weekdays';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

type Values = {
  ownStart: boolean;
  workStartTime: string;
  ownEnd: boolean;
  workEndTime: string;
  ownDays: boolean;
  ownLunch: boolean;
  lunchStartTime: string;
  lunchEndTime: string;
} & WeekdayFields;

function toValues(s: MySchedule): Values {
  const p = s.personal;
  return {
    ownStart: p.workStartTime !== null,
    workStartTime: p.workStartTime ?? s.org.workStartTime ?? '09:00',
    ownEnd: p.workEndTime !== null,
    workEndTime: p.workEndTime ?? s.org.workEndTime ?? '18:00',
    ownDays: p.weekdays !== null,
    ...weekdayFields(p.weekdays ?? s.org.weekdays ?? 31),
    ownLunch: p.lunchStartTime !== null,
    lunchStartTime: p.lunchStartTime ?? s.org.lunchStartTime ?? '12:00',
    lunchEndTime: p.lunchEndTime ?? s.org.lunchEndTime ?? '13:00',
  };
}

function toFields(v: Values): ScheduleFields {
  return {
    workStartTime: v.ownStart ? v.workStartTime : null,
    workEndTime: v.ownEnd ? v.workEndTime : null,
    weekdays: v.ownDays ? weekdayMask(v) : null,
    lunchStartTime: v.ownLunch ? v.lunchStartTime : null,
    lunchEndTime: v.ownLunch ? v.lunchEndTime : null,
  };
}

function check(v: Values): Partial<Record<keyof Values, MessageKey>> {
  const out: Partial<Record<keyof Values, MessageKey>> = {};
  const times = [
    ['ownStart', 'workStartTime'],
    ['ownEnd', 'workEndTime'],
    ['ownLunch', 'lunchStartTime'],
    ['ownLunch', 'lunchEndTime'],
  ] as const;
  for (const [own, k] of times) if (v[own] && !TIME.test(v[k])) out[k] = v[k] === '' ? 'field.required' : 'field.time';
  if (v.ownDays && weekdayMask(v) === 0) out.wd0 = 'org.pickWeekday';
  if (v.ownLunch && !out.lunchEndTime && v.lunchEndTime <= v.lunchStartTime) out.lunchEndTime = 'org.endAfterStart';
  return out;
}

export const HoursModel = createModel(() => {
  const form = new FormModel<Values>(toValues({ timezone: '', personal: emptyFields(), org: emptyFields(), effective: emptyEffective() }));
  const schedule = signal<MySchedule | undefined>(undefined);
  const loaded = resource(async () => {
    const s = await api.get<MySchedule>('/me/schedule');
    schedule.value = s;
    form.reset(toValues(s));
    return s;
  });

  async function save(): Promise<boolean> {
    return form.submit(check, async (v) => {
      const s = await api.put<MySchedule>('/me/schedule', toFields(v));
      schedule.value = s;
      loaded.data.value = s;
      form.reset(toValues(s));
      return { key: 'hours.saved' };
    });
  }

  void loaded.reload();
  return { form, schedule, loaded, save, load: loaded.reload };
});

function emptyFields(): ScheduleFields {
  return { workStartTime: null, workEndTime: null, weekdays: null, lunchStartTime: null, lunchEndTime: null };
}
function emptyEffective(): MySchedule['effective'] {
  return { hours: { start: '09:00', end: '18:00', weekdays: 31 }, lunch: null, from: { start: 'org', end: 'org', weekdays: 'org', lunch: 'org' } };
}

export { WEEKDAY_FIELDS };
