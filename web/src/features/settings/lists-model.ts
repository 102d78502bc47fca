// My spam (S9) or free-pass (S10) list: search by number or memo, pages newest first, add a number
// in any Korean format with a memo (spam also for a while: a temporary block, B3), remove.
import { signal } from '@preact/signals';
import { api } from '../../api/client';
import type { ListEntry, ListKind, ListPage } from '../../../../contract/safe-number';
import type { Message, MessageKey } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { phoneProblem } from '../../ui/checks';
import { FormModel } from '../../ui/form';

export const MEMO_MAX = 100;
/** How long a number stays on the list: for good, or a temporary block (minutes). */
export const DURATIONS: readonly { value: string; minutes: number | null; label: MessageKey }[] = [
  { value: 'forever', minutes: null, label: 'lists.forever' },
  { value: 'hour', minutes: 60, label: 'history.block.hour' },
  { value: 'day', minutes: 24 * 60, label: 'history.block.day' },
  { value: 'week', minutes: 7 * 24 * 60, label: 'history.block.week' },
  { value: 'month', minutes: 30 * 24 * 60, label: 'history.block.month' },
];

export function createListModel(kind: ListKind) {
  const search = new FormModel({ q: '' });
  const entries = signal<ListEntry[] | undefined>(undefined);
  const total = signal(0);
  const next = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<Message | null>(null);
  const addForm = new FormModel({ number: '', memo: '', duration: 'forever' });
  let seq = 0;

  async function fetchPage(before?: string): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const page = await api.get<ListPage>('/me/list-entries', { kind, q: search.values.value.q.trim(), before });
      if (mine !== seq) return;
      entries.value = before ? [...(entries.value ?? []), ...page.entries] : page.entries;
      total.value = page.total;
      next.value = page.nextBefore;
      error.value = null;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  async function add(): Promise<boolean> {
    return addForm.submit(
      (v) => ({
        number: phoneProblem(v.number, true),
        memo: v.memo.trim().length > MEMO_MAX ? 'lists.memoTooLong' : undefined,
      }),
      async (v) => {
        const minutes = DURATIONS.find((d) => d.value === v.duration)?.minutes ?? null;
        const { entry } = await api.post<{ entry: ListEntry }>('/me/list-entries', {
          kind,
          number: v.number.trim(),
          memo: v.memo.trim() || null,
          expiresInMinutes: kind === 'spam' ? minutes : null,
        });
        addForm.reset();
        await fetchPage();
        return { key: 'lists.added', params: { number: entry.number.national } };
      },
    );
  }

  async function remove(entry: ListEntry): Promise<void> {
    error.value = null;
    try {
      await api.delete(`/me/list-entries/${entry.id}`);
      await fetchPage();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  return {
    kind,
    search,
    entries,
    total,
    next,
    loading,
    error,
    addForm,
    add,
    remove,
    load: () => fetchPage(),
    more: () => (next.value ? fetchPage(next.value) : Promise.resolve()),
  };
}
