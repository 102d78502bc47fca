// The "call back" button of a row and the note it leaves (calling, or why nothing rings yet).
import { t, tm } from '../../i18n';
import type { CallBack } from './outbound';

export function CallBackButton(props: { callBack: CallBack; rowId: string; to: string; display: string; callbackId?: string; callId?: string }) {
  const { callBack } = props;
  const busy = callBack.busy.value === props.rowId;
  return (
    <button
      type="button"
      class="call-back"
      aria-label={t('cc.callBackTo', { number: props.display })}
      disabled={busy}
      aria-busy={busy || undefined}
      onClick={() => void callBack.call(props.rowId, props.to, { callbackId: props.callbackId, callId: props.callId })}
    >
      <span aria-hidden="true">☎</span> {busy ? t('common.working') : t('cc.callBack')}
    </button>
  );
}

export function CallBackNoteView({ callBack, rowId }: { callBack: CallBack; rowId: string }) {
  const note = callBack.note.value;
  if (!note || note.rowId !== rowId) return null;
  const cls = note.tone === 'ok' ? 'alert alert-ok' : note.tone === 'info' ? 'alert alert-info' : 'alert alert-error';
  return (
    <p class={cls} role={note.tone === 'error' ? 'alert' : 'status'}>
      {tm(note.message)}
    </p>
  );
}
