// "안심번호 문자 보내기" (S12): one tap on a history row, on home's latest call or on a missed-call
// popup sends my safe number to the caller by SMS, with the org's template; the server decides who
// may send and to which number; the answer (sent, or why not) shows beside the button.
import { signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import { t, tm, type Message, type MessageKey } from '../../i18n';
import { errorMessage, fieldMessage } from '../../i18n/errors';

export function SendSafeNumberButton({ to, label = 'messaging.safeNumber.send' }: { to: string; label?: MessageKey }) {
  const state = useMemo(() => ({ busy: signal(false), note: signal<{ ok: boolean; message: Message } | null>(null) }), []);
  const send = async () => {
    state.busy.value = true;
    state.note.value = null;
    try {
      await api.post('/me/safe-number-sms', { to });
      state.note.value = { ok: true, message: { key: 'messaging.safeNumber.sent' } };
    } catch (err) {
      const field = err instanceof ApiError ? err.fields[0] : undefined;
      state.note.value = { ok: false, message: field ? fieldMessage(field) : errorMessage(err) };
    } finally {
      state.busy.value = false;
    }
  };
  return (
    <div class="safe-number-sms">
      <button type="button" name="sendSafeNumber" disabled={state.busy.value} onClick={() => void send()}>
        {t(label)}
      </button>
      {state.note.value && (
        <p class={state.note.value.ok ? 'alert alert-ok' : 'alert alert-error'} role="status">
          {tm(state.note.value.message)}
        </p>
      )}
    </div>
  );
}
