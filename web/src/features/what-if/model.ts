// What-if (B2): a caller number and a date and time in the org's zone (now, to start with) → the
// engine's decision and trace on my current settings.
import { signal } from '@preact/signals';
import { api } from '../../api/client';
import type { WhatIf } from '../../../../contract/safe-number';
import { zonedParts } from '../../i18n';
import { phoneProblem } from '../../ui/checks';
import { FormModel } from '../../ui/form';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createWhatIfModel(timeZone: string, now = Date.now()) {
  const start = zonedParts(now, timeZone);
  const form = new FormModel({ caller: '', date: start.date, time: start.time });
  const answer = signal<WhatIf | null>(null);

  async function ask(): Promise<boolean> {
    return form.submit(
      (v) => ({
        caller: phoneProblem(v.caller, true),
        date: DATE.test(v.date) ? undefined : 'field.date',
        time: TIME.test(v.time) ? undefined : 'field.time',
      }),
      async (v) => {
        answer.value = await api.post<WhatIf>('/me/what-if', { caller: v.caller.trim(), at: `${v.date}T${v.time}` });
      },
      { not_found: { key: 'whatIf.noNumber' } },
    );
  }

  return { form, answer, ask };
}
