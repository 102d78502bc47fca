// My announcements (S5): the common and team ones to read and listen to, my own to write (type,
// name, text ≤ 240), and the choice of which one each situation uses (or the team's / org's).
import { createModel, signal } from '@preact/signals';
import { api } from '../../api/client';
import type { Announcement, MyAnnouncements } from '../../../../contract/safe-number';
import type { Situation } from '../../../../contract/vocabularies';
import type { Message, MessageKey } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { FormModel } from '../../ui/form';
import { resource } from '../../ui/resource';
import { ANNOUNCEMENT_TEXT_MAX } from './announcement-text';
import { textLength } from './tts';

export const ANNOUNCEMENT_NAME_MAX = 40;

type Values = { type: string; name: string; text: string };
const EMPTY: Values = { type: 'waiting', name: '', text: '' };

export function checkAnnouncement(v: { name: string; text: string }): Partial<Record<'name' | 'text', MessageKey>> {
  const out: Partial<Record<'name' | 'text', MessageKey>> = {};
  if (v.name.trim() === '') out.name = 'field.required';
  else if (v.name.trim().length > ANNOUNCEMENT_NAME_MAX) out.name = 'announcements.nameTooLong';
  if (v.text.trim() === '') out.text = 'field.required';
  else if (textLength(v.text) > ANNOUNCEMENT_TEXT_MAX) out.text = 'announcements.textTooLong';
  return out;
}

/**
 * Adding, changing and deleting announcements at one endpoint (`/me/announcements`, or an org
 * admin's `/admin/announcements` with the level's scope on each new one), then reloading the page.
 */
export function announcementEditor(base: string, reload: () => Promise<void>, newFields: () => Record<string, unknown> = () => ({})) {
  const form = new FormModel<Values>({ ...EMPTY });
  const editing = signal<string | null>(null);
  const problem = signal<Message | null>(null);

  function edit(a: Announcement | null): void {
    editing.value = a?.id ?? null;
    form.reset(a ? { type: a.type, name: a.name, text: a.text } : { ...EMPTY });
  }

  async function save(): Promise<boolean> {
    return form.submit(checkAnnouncement, async (v) => {
      const id = editing.value;
      if (id) await api.put(`${base}/${id}`, { name: v.name.trim(), text: v.text.trim() });
      else await api.post(base, { ...newFields(), type: v.type, name: v.name.trim(), text: v.text.trim() });
      edit(null);
      await reload();
      return { key: id ? 'announcements.saved' : 'announcements.created' };
    });
  }

  async function remove(a: Announcement): Promise<void> {
    problem.value = null;
    try {
      await api.delete(`${base}/${a.id}`);
      if (editing.value === a.id) edit(null);
      await reload();
    } catch (err) {
      problem.value = errorMessage(err);
    }
  }

  return { form, editing, problem, edit, save, remove };
}

export const AnnouncementsModel = createModel(() => {
  const data = resource(() => api.get<MyAnnouncements>('/me/announcements'));
  const { form, editing, problem, edit, save, remove } = announcementEditor('/me/announcements', () => data.reload());
  /** Per situation: a choice being saved. */
  const choosing = signal<Situation | null>(null);

  async function choose(type: Situation, announcementId: string | null): Promise<void> {
    choosing.value = type;
    problem.value = null;
    try {
      data.data.value = await api.put<MyAnnouncements>('/me/announcement-choices', { type, announcementId });
    } catch (err) {
      problem.value = errorMessage(err);
    } finally {
      choosing.value = null;
    }
  }

  void data.reload();
  return { data, form, editing, choosing, problem, edit, save, remove, choose, load: data.reload };
});
