// Holidays of a year (P2): Korean public holidays built in (marked, not deletable) and the
// organisation's own days off, which admins add and delete.
import { createModel, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { Holiday } from '../../../../../contract/admin';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const HolidaysModel = createModel((now: Date = new Date()) => {
  const year = signal(now.getFullYear());
  const holidays = resource(async () => {
    const list = (await api.get<{ holidays: Holiday[] }>('/admin/holidays', { year: year.value })).holidays;
    return [...list].sort((a, b) => a.date.localeCompare(b.date));
  });
  const addForm = new FormModel({ date: '', name: '' });
  const rowForm = new FormModel({});

  async function showYear(next: number) {
    year.value = next;
    await holidays.reload();
  }

  async function add(): Promise<boolean> {
    return addForm.submit(
      (v) => ({
        date: DATE.test(v.date) ? undefined : 'field.date',
        name: v.name.trim() === '' ? 'field.required' : undefined,
      }),
      async (v) => {
        await api.post('/admin/holidays', { date: v.date, name: v.name.trim() });
        addForm.reset();
        if (v.date.startsWith(String(year.value))) await holidays.reload();
        else await showYear(Number(v.date.slice(0, 4)));
        return { key: 'common.created' };
      },
      { conflict: { field: 'date', key: 'holidays.exists' } },
    );
  }

  async function remove(h: Holiday): Promise<boolean> {
    return rowForm.submit(
      () => ({}),
      async () => {
        await api.delete(`/admin/holidays/${encodeURIComponent(h.id)}`);
        await holidays.reload();
      },
    );
  }

  void holidays.reload();
  return { year, holidays, addForm, rowForm, showYear, add, remove, load: holidays.reload };
});
