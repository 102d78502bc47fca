// Weekday pickers for a FormModel: seven checkboxes named wd0 (Monday) … wd6 (Sunday) and the bit
// mask (bit 0 = Monday) the API speaks.
import type { MessageKey } from '../../i18n';
import { t } from '../../i18n';
import { CheckField } from '../../ui/fields';
import type { FormModel } from '../../ui/form';

export const WEEKDAY_FIELDS = ['wd0', 'wd1', 'wd2', 'wd3', 'wd4', 'wd5', 'wd6'] as const;
export type WeekdayFields = Record<(typeof WEEKDAY_FIELDS)[number], boolean>;
const LABELS: MessageKey[] = ['weekday.mon', 'weekday.tue', 'weekday.wed', 'weekday.thu', 'weekday.fri', 'weekday.sat', 'weekday.sun'];

export function weekdayFields(mask: number): WeekdayFields {
  return Object.fromEntries(WEEKDAY_FIELDS.map((k, i) => [k, ((mask >> i) & 1) === 1])) as WeekdayFields;
}

export function weekdayMask(v: WeekdayFields): number {
  return WEEKDAY_FIELDS.reduce((bits, k, i) => (v[k] ? bits | (1 << i) : bits), 0);
}

export function WeekdayPicker<T extends WeekdayFields & Record<string, string | boolean>>({ form, legend }: { form: FormModel<T>; legend: MessageKey }) {
  return (
    <fieldset class="weekdays">
      <legend>{t(legend)}</legend>
      {WEEKDAY_FIELDS.map((k, i) => (
        <CheckField key={k} form={form} name={k as never} label={LABELS[i] ?? 'weekday.mon'} />
      ))}
    </fieldset>
  );
}
