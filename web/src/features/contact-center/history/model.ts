// Consult history (상담이력, C9): one of three views (my calls, not connected, all), filtered by
// period or dates, queue, agent, category and outcome, a page at a time (newest first), with "call
// back" per row. The filters are a form: checked here, then by the server, whose field errors land
// under the fields.
import { createModel, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { CallRow, CcOptions, HistoryPage } from '../../../../../contract/contact-center';
import type { HistoryView } from '../../../../../contract/vocabularies';
import { errorMessage } from '../../../i18n/errors';
import type { Message, MessageKey } from '../../../i18n';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';
import { createCallBack } from '../outbound';

const PAGE_SIZE = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const EMPTY_FILTERS = { period: 'last_30_days', from: '', to: '', queueId: '', agentId: '', categoryId: '', outcome: '' };
export type Filters = typeof EMPTY_FILTERS;

function check(v: Filters): Partial<Record<keyof Filters, MessageKey>> {
  if (v.period !== 'custom') return {};
  const out: Partial<Record<keyof Filters, MessageKey>> = {};
  if (!DATE.test(v.from)) out.from = 'field.date';
  if (!DATE.test(v.to)) out.to = 'field.date';
  if (!out.from && !out.to && v.to < v.from) out.to = 'org.endAfterStart';
  return out;
}

function query(view: HistoryView, v: Filters, before: string | null) {
  const range = v.period === 'custom' ? { from: v.from, to: v.to } : { period: v.period };
  return {
    view,
    ...range,
    queueId: v.queueId || undefined,
    agentId: view === 'all' ? v.agentId || undefined : undefined,
    categoryId: v.categoryId || undefined,
    outcome: v.outcome || undefined,
    before: before ?? undefined,
    limit: PAGE_SIZE,
  };
}

export const HistoryModel = createModel((view: HistoryView) => {
  const filters = new FormModel<Filters>({ ...EMPTY_FILTERS });
  const options = resource(() => api.get<CcOptions>('/cc/options'));
  const rows = signal<CallRow[]>([]);
  const nextBefore = signal<string | null>(null);
  const loading = signal(false);
  const loaded = signal(false);
  const error = signal<Message | null>(null);
  const range = signal<HistoryPage['range'] | null>(null);
  const callBack = createCallBack();
  /** The filters the rows on screen were found with ("more" keeps them). */
  let shown: Filters = { ...EMPTY_FILTERS };

  async function fetchPage(v: Filters, before: string | null): Promise<void> {
    const page = await api.get<HistoryPage>('/cc/calls', query(view, v, before));
    rows.value = before === null ? page.calls : [...rows.value, ...page.calls];
    nextBefore.value = page.nextBefore;
    range.value = page.range;
    loaded.value = true;
  }

  /** Runs the search with the form's filters (checked first); the server's field errors go under the fields. */
  async function search(): Promise<boolean> {
    loading.value = true;
    error.value = null;
    try {
      return await filters.submit(check, async (v) => {
        await fetchPage(v, null);
        shown = { ...v };
      });
    } finally {
      loading.value = false;
    }
  }

  async function more(): Promise<void> {
    if (loading.value || nextBefore.value === null) return;
    loading.value = true;
    error.value = null;
    try {
      await fetchPage(shown, nextBefore.value);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  async function load(): Promise<void> {
    await Promise.all([options.reload(), search()]);
  }

  void load();
  return { filters, options, rows, nextBefore, loading, loaded, error, range, callBack, search, more, load };
});

export type HistoryModel = InstanceType<typeof HistoryModel>;
