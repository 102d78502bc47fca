// The compose screen's phonebook picker (S15): groups with their sizes, a searched page of
// contacts, and what is ticked (kept while the sheet closes and opens, until the message is sent).
// No DOM.
import { computed, signal } from '@preact/signals';
import type { Contact, ContactGroup } from '../../../../contract/phonebook';
import type { Message } from '../../i18n';
import { createContactPages, loadGroupsInto } from '../phonebook/contact-pages';
import type { PickedContact } from './compose-recipients';

export function createRecipientPicker() {
  const groups = signal<ContactGroup[] | undefined>(undefined);
  const query = signal('');
  const error = signal<Message | null>(null);
  const { contacts, total, loading, load: loadContacts } = createContactPages(() => ({ group: '', q: query.value }), error);
  const open = signal(false);
  /** What is ticked: kept while the picker closes and opens again, until the message is sent. */
  const pickedGroups = signal<ContactGroup[]>([]);
  const pickedContacts = signal<PickedContact[]>([]);
  const pickedCount = computed(() => pickedGroups.value.reduce((n, g) => n + g.size, 0) + pickedContacts.value.length);

  function show(): void {
    open.value = true;
    void loadGroupsInto(groups, error);
    void loadContacts();
  }

  function search(q: string): void {
    query.value = q;
    void loadContacts();
  }

  function toggleGroup(group: ContactGroup): void {
    const on = pickedGroups.value.some((g) => g.id === group.id);
    pickedGroups.value = on ? pickedGroups.value.filter((g) => g.id !== group.id) : [...pickedGroups.value, group];
  }

  function toggleContact(c: Contact): void {
    const on = pickedContacts.value.some((x) => x.id === c.id);
    pickedContacts.value = on
      ? pickedContacts.value.filter((x) => x.id !== c.id)
      : [...pickedContacts.value, { id: c.id, name: c.name, e164: c.number.e164, national: c.number.national }];
  }

  function removeGroup(id: string): void {
    pickedGroups.value = pickedGroups.value.filter((g) => g.id !== id);
  }

  function removeContact(id: string): void {
    pickedContacts.value = pickedContacts.value.filter((c) => c.id !== id);
  }

  function clear(): void {
    pickedGroups.value = [];
    pickedContacts.value = [];
  }

  return {
    groups,
    contacts,
    total,
    query,
    loading,
    error,
    open,
    pickedGroups,
    pickedContacts,
    pickedCount,
    show,
    close: () => {
      open.value = false;
    },
    search,
    more: () => loadContacts(true),
    toggleGroup,
    toggleContact,
    removeGroup,
    removeContact,
    clear,
  };
}

export type RecipientPicker = ReturnType<typeof createRecipientPicker>;
