// My call history (S13, B1): pages of calls filtered by local dates and outcome, one row open at
// a time with its trace, and one tap to put the caller on the spam list or block them for a while.
import { createModel, signal } from '@preact/signals';
import { ApiError, api } from '../../api/client';
import type { CallPage, CallRow, ListEntry } from '../../../../contract/safe-number';
import type { Message, MessageKey } from '../../i18n';
import { errorMessage, fieldMessage } from '../../i18n/errors';
import { FormModel } from '../../ui/form';

/** What the outcome filter offers, and the outcomes each stands for. */
export const OUTCOME_FILTERS = {
  all: '',
  connected: 'connected',
  missed: 'missed,abandoned,after_hours,lunch,blocked,paused,limited,unavailable,failed,voicemail',
  after_hours: 'after_hours',
  lunch: 'lunch',
  blocked: 'blocked',
  spam: 'spam',
} as const;
export type OutcomeFilter = keyof typeof OUTCOME_FILTERS;

/** How long a one-tap temporary block lasts (minutes) and what the choice says. */
export const BLOCK_CHOICES: readonly { minutes: number; label: MessageKey }[] = [
  { minutes: 60, label: 'history.block.hour' },
  { minutes: 24 * 60, label: 'history.block.day' },
  { minutes: 7 * 24 * 60, label: 'history.block.week' },
  { minutes: 30 * 24 * 60, label: 'history.block.month' },
];

/** A row's last action: its message, and for a temporary block when it ends (shown in the org's zone). */
export type RowNote = { ok: boolean; message: Message; until?: number };

export const HistoryModel = createModel((initial: { outcome?: string } = {}) => {
  const outcome: OutcomeFilter = initial.outcome && initial.outcome in OUTCOME_FILTERS ? (initial.outcome as OutcomeFilter) : 'all';
  const filters = new FormModel({ from: '', to: '', outcome: outcome as string });
  const calls = signal<CallRow[] | undefined>(undefined);
  const timezone = signal('Asia/Seoul');
  const next = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<Message | null>(null);
  const open = signal<string | null>(null);
  /** The result of a row's last action ("added to the spam list", a problem). */
  const notes = signal<Record<string, RowNote>>({});
  let seq = 0;

  function query(before?: string) {
    const v = filters.values.value;
    return { from: v.from, to: v.to, outcome: OUTCOME_FILTERS[v.outcome as OutcomeFilter] ?? '', before };
  }

  async function fetchPage(before?: string): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const page = await api.get<CallPage>('/me/calls', query(before));
      if (mine !== seq) return;
      timezone.value = page.timezone;
      calls.value = before ? [...(calls.value ?? []), ...page.calls] : page.calls;
      next.value = page.nextBefore;
      error.value = null;
      filters.errors.value = {};
    } catch (err) {
      if (mine !== seq) return;
      // A bad date range lands on its field; anything else above the list.
      if (err instanceof ApiError && err.fields.length) filters.fail(err);
      else error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  const load = () => fetchPage();
  const more = () => (next.value ? fetchPage(next.value) : Promise.resolve());

  function toggle(id: string): void {
    open.value = open.value === id ? null : id;
  }

  async function block(row: CallRow, minutes: number | null): Promise<void> {
    if (!row.caller.e164) return;
    const note = (ok: boolean, message: Message, until?: number) => (notes.value = { ...notes.value, [row.id]: { ok, message, until } });
    try {
      const { entry } = await api.post<{ entry: ListEntry }>('/me/list-entries', {
        kind: 'spam',
        number: row.caller.e164,
        memo: null,
        expiresInMinutes: minutes,
      });
      if (entry.expiresAt === null) note(true, { key: 'history.addedSpam' });
      else note(true, { key: 'history.blockedUntil' }, entry.expiresAt);
    } catch (err) {
      const field = err instanceof ApiError ? err.fields[0] : undefined;
      if (field?.code === 'taken') note(false, { key: 'history.alreadySpam' });
      else note(false, field ? fieldMessage(field) : errorMessage(err));
    }
  }

  void load();
  return { filters, calls, timezone, next, loading, error, open, notes, load, more, toggle, block };
});
