// Record retention (issue 20 §3), no DOM: the org's months of call records and audit entries kept in
// D1 (1–120; the server's field errors shown at the field, translated), saved through the org
// settings API with everything else left as it is, and the archived months with their part files.
import { createModel } from '@preact/signals';
import type { ArchivedMonths, OrgSettings } from '../../../../../contract/admin';
import { api } from '../../../api/client';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';

export type ArchiveMonth = ArchivedMonths['months'][number];

/** The server's default when an older server sends no value. */
const DEFAULT_MONTHS = 13;

/** The first month kept (YYYY-MM) in the org's zone when `months` are kept, the current one counting. */
export function firstKeptMonth(now: number, timeZone: string, months: number): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date(now)).split('-').map(Number) as [
    number,
    number,
  ];
  const i = y * 12 + (m - 1) - (months - 1);
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The download of one part, as the archive API names it. */
export const partHref = (m: ArchiveMonth, part: number) => `/api/admin/archive/download?dataset=${m.dataset}&month=${m.month}&part=${part}`;

export const ArchiveModel = createModel(() => {
  const form = new FormModel({ callRetentionMonths: '' });
  const settings = resource(async () => {
    const s = await api.get<OrgSettings>('/admin/org');
    form.reset({ callRetentionMonths: String(s.org.callRetentionMonths ?? DEFAULT_MONTHS) });
    return s;
  });
  const months = resource(async () => (await api.get<ArchivedMonths>('/admin/archive/months')).months);

  async function save(): Promise<boolean> {
    return form.submit(
      (v) => ({ callRetentionMonths: v.callRetentionMonths.trim() === '' ? 'field.required' : undefined }),
      async (v) => {
        const current = settings.data.value;
        if (!current) return;
        // The range is the server's to check (1–120, `out_of_range`), so its message is the one shown.
        const saved = await api.put<OrgSettings>('/admin/org', {
          org: { ...current.org, callRetentionMonths: Number(v.callRetentionMonths.trim()) },
          schedule: current.schedule,
        });
        settings.data.value = { ...current, org: { ...current.org, callRetentionMonths: saved.org.callRetentionMonths } };
        form.reset({ callRetentionMonths: String(saved.org.callRetentionMonths ?? DEFAULT_MONTHS) });
        return { key: 'archive.saved' };
      },
    );
  }

  const load = () => Promise.all([settings.reload(), months.reload()]);
  void load();
  return { form, settings, months, save, load };
});

export type ArchiveModel = InstanceType<typeof ArchiveModel>;
