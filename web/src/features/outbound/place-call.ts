// Masked outbound calls from the web app (S11 a): one function any screen calls to "call this
// number" (the dial pad, a history row, a phonebook contact): POST /api/me/outbound-calls, whose
// answer is the staff member's own mobile ringing first. `createMaskedCall` keeps a busy flag and
// the last note per row for lists; `placeMaskedCall` is the bare call.
import { signal } from '@preact/signals';
import { ApiError, api } from '../../api/client';
import type { Message } from '../../i18n';
import { errorMessage, fieldMessage } from '../../i18n/errors';

export type MaskedCallResult = { ok: true; callSessionId: string } | { ok: false; message: Message };

/** Asks the server to place the call; a policy refusal (`not_dialable`, `phone`) or a missing setting comes back as a message. */
export async function placeMaskedCall(to: string): Promise<MaskedCallResult> {
  try {
    const { callSessionId } = await api.post<{ callSessionId: string }>('/me/outbound-calls', { to });
    return { ok: true, callSessionId };
  } catch (err) {
    if (err instanceof ApiError && err.fields[0]) return { ok: false, message: fieldMessage(err.fields[0]) };
    return { ok: false, message: errorMessage(err) };
  }
}

export type MaskedCallNote = { rowId: string; message: Message; tone: 'ok' | 'error' };

/** For a list of rows (history, phonebook contacts): one call at a time, its note on the row it came from. */
export function createMaskedCall() {
  const busy = signal<string | null>(null);
  const note = signal<MaskedCallNote | null>(null);
  async function call(rowId: string, to: string): Promise<void> {
    if (busy.value) return;
    busy.value = rowId;
    note.value = null;
    const r = await placeMaskedCall(to);
    note.value = r.ok ? { rowId, message: { key: 'outbound.started' }, tone: 'ok' } : { rowId, message: r.message, tone: 'error' };
    busy.value = null;
  }
  return { busy, note, call };
}
export type MaskedCall = ReturnType<typeof createMaskedCall>;

export { formatTyped } from './format';
