// The phonebook's lists as screens page them (S17): the groups, and the contacts of one group (or
// all) matching a search, 50 at a time, "more" appending; the latest search wins. The phonebook
// screen and the compose screen's recipient picker both read them through here. No DOM.
import { signal, type Signal } from '@preact/signals';
import { api } from '../../api/client';
import type { Contact, ContactGroup } from '../../../../contract/phonebook';
import type { Message } from '../../i18n';
import { errorMessage } from '../../i18n/errors';

const PAGE = 50;

/** Loads the groups into `groups`; a failure goes to `error`. */
export async function loadGroupsInto(groups: Signal<ContactGroup[] | undefined>, error: Signal<Message | null>): Promise<void> {
  try {
    groups.value = (await api.get<{ groups: ContactGroup[] }>('/phonebook/groups')).groups;
  } catch (err) {
    error.value = errorMessage(err);
  }
}

/** `query()`: the group filter (a group's id, `none`, or '' for all) and the search, read at each load. */
export function createContactPages(query: () => { group: string; q: string }, error: Signal<Message | null>) {
  const contacts = signal<Contact[] | undefined>(undefined);
  const total = signal(0);
  const loading = signal(false);
  let seq = 0;

  async function load(more = false): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const { group, q } = query();
      const offset = more ? (contacts.value?.length ?? 0) : 0;
      const page = await api.get<{ contacts: Contact[]; total: number }>('/phonebook/contacts', {
        group: group || undefined,
        q: q.trim(),
        offset,
        limit: PAGE,
      });
      if (mine !== seq) return;
      contacts.value = more ? [...(contacts.value ?? []), ...page.contacts] : page.contacts;
      total.value = page.total;
      error.value = null;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return { contacts, total, loading, load };
}
