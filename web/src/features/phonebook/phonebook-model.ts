// My phonebook (S17): groups, the contact list of one group (or all) with a search, pages of 50,
// add / edit / delete a contact, make / rename / delete a group, and export to a file.
import { createModel, signal } from '@preact/signals';
import { api } from '../../api/client';
import type { Contact, ContactGroup, ExportedContact } from '../../../../contract/phonebook';
import { t, type Message } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { phoneProblem } from '../../ui/checks';
import { FormModel } from '../../ui/form';
import { createContactPages, loadGroupsInto } from './contact-pages';
import { GROUP_NAME_MAX, MEMO_MAX, NAME_MAX } from './limits';

/** The group filter: a group's id, `none` for contacts in no group, '' for all. */
export type GroupFilter = string;

export const PhonebookModel = createModel(() => {
  const groups = signal<ContactGroup[] | undefined>(undefined);
  const filter = signal<GroupFilter>('');
  const search = new FormModel({ q: '' });
  const error = signal<Message | null>(null);
  /** The contact being edited, or null while the form adds a new one. */
  const editing = signal<Contact | null>(null);
  const contactForm = new FormModel({ name: '', number: '', memo: '', groupId: '' });
  const groupForm = new FormModel({ name: '' });
  const exportForm = new FormModel({ groupId: '', format: 'xls', hyphens: true });

  const loadGroups = () => loadGroupsInto(groups, error);
  const { contacts, total, loading, load: loadContacts } = createContactPages(() => ({ group: filter.value, q: search.values.value.q }), error);

  function choose(next: GroupFilter): void {
    filter.value = next;
    if (!editing.value) contactForm.set('groupId', next === 'none' ? '' : next);
    void loadContacts();
  }

  function edit(contact: Contact | null): void {
    editing.value = contact;
    contactForm.reset(
      contact
        ? { name: contact.name, number: contact.number.national, memo: contact.memo ?? '', groupId: contact.groupId ?? '' }
        : { name: '', number: '', memo: '', groupId: filter.value === 'none' ? '' : filter.value },
    );
  }

  async function saveContact(): Promise<boolean> {
    return contactForm.submit(
      (v) => ({
        name: !v.name.trim() ? 'phonebook.nameRequired' : v.name.trim().length > NAME_MAX ? 'phonebook.nameTooLong' : undefined,
        number: phoneProblem(v.number, true),
        memo: v.memo.trim().length > MEMO_MAX ? 'phonebook.memoTooLong' : undefined,
      }),
      async (v) => {
        const body = { name: v.name.trim(), number: v.number.trim(), memo: v.memo.trim() || null, groupId: v.groupId || null };
        const current = editing.value;
        if (current) await api.patch(`/phonebook/contacts/${current.id}`, body);
        else await api.post('/phonebook/contacts', body);
        edit(null);
        await Promise.all([loadContacts(), loadGroups()]);
        return current ? { key: 'phonebook.saved' } : { key: 'phonebook.added', params: { name: body.name } };
      },
      { conflict: { key: 'phonebook.inGroup', field: 'number' } },
    );
  }

  async function removeContact(contact: Contact): Promise<void> {
    try {
      await api.delete(`/phonebook/contacts/${contact.id}`);
      if (editing.value?.id === contact.id) edit(null);
      await Promise.all([loadContacts(), loadGroups()]);
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function addGroup(): Promise<boolean> {
    return groupForm.submit(
      (v) => ({
        name: !v.name.trim() ? 'field.required' : v.name.trim().length > GROUP_NAME_MAX ? 'phonebook.groupTooLong' : undefined,
      }),
      async (v) => {
        const { group } = await api.post<{ group: ContactGroup }>('/phonebook/groups', { name: v.name.trim() });
        groupForm.reset();
        await loadGroups();
        choose(group.id);
        return { key: 'phonebook.groupAdded', params: { name: group.name } };
      },
      { conflict: { key: 'phonebook.groupTaken', field: 'name' } },
    );
  }

  async function renameGroup(group: ContactGroup, name: string): Promise<void> {
    try {
      await api.patch(`/phonebook/groups/${group.id}`, { name: name.trim() });
      await loadGroups();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function deleteGroup(group: ContactGroup): Promise<void> {
    try {
      await api.delete(`/phonebook/groups/${group.id}`);
      filter.value = '';
      await Promise.all([loadGroups(), loadContacts()]);
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** Fetches the rows, writes the file in the chosen format (the writer loads on demand) and hands it to the browser. */
  async function exportNow(): Promise<boolean> {
    return exportForm.submit(
      () => ({}),
      async (v) => {
        const { contacts: rows } = await api.get<{ contacts: ExportedContact[] }>('/phonebook/export', { group: v.groupId || undefined });
        if (rows.length === 0) return { key: 'export.empty' };
        const { exportFile, exportTable } = await import('./export-file');
        const format = v.format === 'csv' ? 'csv' : 'xls';
        const headers = { name: t('export.col.name'), number: t('export.col.number'), group: t('export.col.group'), memo: t('export.col.memo') };
        const file = exportFile(exportTable(rows, headers, v.hyphens), format);
        const groupName = groups.value?.find((g) => g.id === v.groupId)?.name;
        download(new Blob([file.bytes], { type: file.type }), `${t('export.fileName')}${groupName ? `-${groupName}` : ''}.${format}`);
        return { key: 'export.done', params: { count: rows.length } };
      },
    );
  }

  void Promise.all([loadGroups(), loadContacts()]);
  return {
    groups,
    filter,
    search,
    contacts,
    total,
    loading,
    error,
    editing,
    contactForm,
    groupForm,
    exportForm,
    load: () => Promise.all([loadGroups(), loadContacts()]).then(() => undefined),
    loadContacts,
    more: () => loadContacts(true),
    choose,
    edit,
    saveContact,
    removeContact,
    addGroup,
    renameGroup,
    deleteGroup,
    exportNow,
  };
});

export type PhonebookModel = InstanceType<typeof PhonebookModel>;

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
