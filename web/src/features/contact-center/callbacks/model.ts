// Callback lists (콜백, C4): unprocessed or processed requests, newest first, by queue; call back,
// mark done, delete. A page at a time.
import { createModel, signal } from '@preact/signals';
import { ApiError, api } from '../../../api/client';
import type { CallbackRow, CcOptions } from '../../../../../contract/contact-center';
import { errorMessage } from '../../../i18n/errors';
import type { Message } from '../../../i18n';
import { resource } from '../../../ui/resource';
import { createCallBack } from '../outbound';

export type CallbackList = 'pending' | 'done';
const PAGE_SIZE = 30;

export const CallbacksModel = createModel((status: CallbackList) => {
  const options = resource(() => api.get<CcOptions>('/cc/options'));
  const rows = signal<CallbackRow[]>([]);
  const nextBefore = signal<string | null>(null);
  const loading = signal(false);
  const loaded = signal(false);
  const error = signal<Message | null>(null);
  /** A note about one row after an action (done, deleted, refused). */
  const rowNote = signal<{ id: string; message: Message; ok: boolean } | null>(null);
  const queueId = signal('');
  const callBack = createCallBack();

  async function fetchPage(before: string | null) {
    loading.value = true;
    error.value = null;
    try {
      const page = await api.get<{ callbacks: CallbackRow[]; nextBefore: string | null }>('/cc/callbacks', {
        status,
        queueId: queueId.value || undefined,
        before: before ?? undefined,
        limit: PAGE_SIZE,
      });
      rows.value = before === null ? page.callbacks : [...rows.value, ...page.callbacks];
      nextBefore.value = page.nextBefore;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  const refresh = () => fetchPage(null);
  const more = () => fetchPage(nextBefore.value);

  async function filter(next: string) {
    queueId.value = next;
    rows.value = [];
    await refresh();
  }

  async function act(row: CallbackRow, send: () => Promise<unknown>, done: Message) {
    rowNote.value = null;
    try {
      await send();
      rows.value = rows.value.filter((r) => r.id !== row.id);
      rowNote.value = { id: row.id, message: done, ok: true };
    } catch (err) {
      const message = err instanceof ApiError && err.status === 409 ? { key: 'cc.callbacks.alreadyDone' as const } : errorMessage(err);
      rowNote.value = { id: row.id, message, ok: false };
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) await refresh();
    }
  }

  const markDone = (row: CallbackRow) => act(row, () => api.post(`/cc/callbacks/${encodeURIComponent(row.id)}/done`), { key: 'cc.callbacks.marked' });
  const remove = (row: CallbackRow) => act(row, () => api.delete(`/cc/callbacks/${encodeURIComponent(row.id)}`), { key: 'cc.deleted' });

  async function load() {
    await Promise.all([options.reload(), refresh()]);
  }

  void load();
  return { options, rows, nextBefore, loading, loaded, error, rowNote, queueId, callBack, filter, more, markDone, remove, load };
});

export type CallbacksModel = InstanceType<typeof CallbacksModel>;
