// "Call back" from a history row, a call's details or a callback request (C4, C6, C9): asks the
// server to dial (POST /api/cc/outbound): the agent's phone rings first, then the customer's, who
// sees the service number. Why it cannot dial now (not logged in, on a call, no phone) shows on the row.
import { signal } from '@preact/signals';
import { ApiError, api } from '../../api/client';
import { errorMessage, fieldMessage } from '../../i18n/errors';
import type { Message } from '../../i18n';

export type CallBackNote = { rowId: string; message: Message; tone: 'ok' | 'info' | 'error' };

export function createCallBack() {
  const busy = signal<string | null>(null);
  const note = signal<CallBackNote | null>(null);

  /** `rowId` names the row the note belongs to (a call or a callback id). */
  async function call(rowId: string, to: string, context: { callbackId?: string; callId?: string } = {}): Promise<void> {
    if (busy.value) return;
    busy.value = rowId;
    note.value = null;
    try {
      await api.post('/cc/outbound', { to, ...context });
      note.value = { rowId, message: { key: 'cc.outbound.started' }, tone: 'ok' };
    } catch (err) {
      if (err instanceof ApiError && err.fields[0]) note.value = { rowId, message: fieldMessage(err.fields[0]), tone: 'error' };
      else note.value = { rowId, message: errorMessage(err), tone: 'error' };
    } finally {
      busy.value = null;
    }
  }

  return { busy, note, call };
}

export type CallBack = ReturnType<typeof createCallBack>;
