// My block windows (S4): the list, one form to add or change one (name, days, start, end, the
// announcement it speaks, on/off), and delete. Announcements come from my announcements' block type.
import { createModel, signal } from '@preact/signals';
import { api } from '../../api/client';
import type { Announcement, BlockWindow, MyAnnouncements } from '../../../../contract/safe-number';
import type { Message, MessageKey } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { FormModel } from '../../ui/form';
import { resource } from '../../ui/resource';
import { weekdayFields, weekdayMask, type WeekdayFields } from './weekdays';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
export const WINDOW_NAME_MAX = 40;

type Values = { name: string; startTime: string; endTime: string; announcementId: string; enabled: boolean } & WeekdayFields;

const EMPTY: Values = { name: '', startTime: '12:00', endTime: '13:00', announcementId: '', enabled: true, ...weekdayFields(0b0011111) };

function toValues(w: BlockWindow): Values {
  return { name: w.name, startTime: w.startTime, endTime: w.endTime, announcementId: w.announcementId ?? '', enabled: w.enabled, ...weekdayFields(w.weekdays) };
}

function check(v: Values): Partial<Record<keyof Values, MessageKey>> {
  const out: Partial<Record<keyof Values, MessageKey>> = {};
  if (v.name.trim() === '') out.name = 'field.required';
  else if (v.name.trim().length > WINDOW_NAME_MAX) out.name = 'blockWindows.nameTooLong';
  if (!TIME.test(v.startTime)) out.startTime = v.startTime ? 'field.time' : 'field.required';
  if (!TIME.test(v.endTime)) out.endTime = v.endTime ? 'field.time' : 'field.required';
  if (weekdayMask(v) === 0) out.wd0 = 'org.pickWeekday';
  return out;
}

export const BlockWindowsModel = createModel(() => {
  const windows = resource(() => api.get<{ blockWindows: BlockWindow[] }>('/me/block-windows').then((a) => a.blockWindows));
  /** Block announcements I may choose (the org's, my team's, mine). */
  const announcements = signal<Announcement[]>([]);
  const form = new FormModel<Values>({ ...EMPTY });
  /** The window being changed; null = the form adds a new one. */
  const editing = signal<string | null>(null);
  const problem = signal<Message | null>(null);

  async function load(): Promise<void> {
    await Promise.all([
      windows.reload(),
      api
        .get<MyAnnouncements>('/me/announcements')
        .then((a) => (announcements.value = a.announcements.filter((x) => x.type === 'block')))
        .catch(() => undefined),
    ]);
  }

  function edit(w: BlockWindow | null): void {
    editing.value = w?.id ?? null;
    form.reset(w ? toValues(w) : { ...EMPTY });
  }

  async function save(): Promise<boolean> {
    return form.submit(check, async (v) => {
      const body = {
        name: v.name.trim(),
        startTime: v.startTime,
        endTime: v.endTime,
        weekdays: weekdayMask(v),
        announcementId: v.announcementId || null,
        enabled: v.enabled,
      };
      const id = editing.value;
      if (id) await api.put(`/me/block-windows/${id}`, body);
      else await api.post('/me/block-windows', body);
      edit(null);
      await windows.reload();
      return { key: id ? 'blockWindows.saved' : 'blockWindows.added' };
    });
  }

  async function toggle(w: BlockWindow): Promise<void> {
    problem.value = null;
    try {
      await api.put(`/me/block-windows/${w.id}`, { ...w, enabled: !w.enabled });
      await windows.reload();
    } catch (err) {
      problem.value = errorMessage(err);
    }
  }

  async function remove(w: BlockWindow): Promise<void> {
    problem.value = null;
    try {
      await api.delete(`/me/block-windows/${w.id}`);
      if (editing.value === w.id) edit(null);
      await windows.reload();
    } catch (err) {
      problem.value = errorMessage(err);
    }
  }

  void load();
  return { windows, announcements, form, editing, problem, load, edit, save, toggle, remove };
});
