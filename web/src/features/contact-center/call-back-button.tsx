// The "call back" button of a row and the note it leaves (calling, or why nothing rings yet).
import { t, tm } from '../../i18n';
import { callBackBlocked } from './call-back-blocked';
import { liveAgent } from '../live/live-model';
import type { CallBack } from './outbound';

export function CallBackButton(props: { callBack: CallBack; rowId: string; to: string; display: string; callbackId?: string; callId?: string }) {
  const { callBack } = props;
  const busy = callBack.busy.value === props.rowId;
  const blocked = callBackBlocked(liveAgent.value, props.callbackId);
  const reasonId = `call-back-why-${props.rowId}`;
  return (
    <>
      <button
        type="button"
        class="call-back"
        aria-label={t('cc.callBackTo', { number: props.display })}
        aria-describedby={blocked ? reasonId : undefined}
        disabled={busy || blocked !== null}
        aria-busy={busy || undefined}
        onClick={() => void callBack.call(props.rowId, props.to, { callbackId: props.callbackId, callId: props.callId })}
      >
        <span aria-hidden="true">☎</span> {busy ? t('common.working') : t('cc.callBack')}
      </button>
      {blocked && (
        <span class="small muted call-back-why" id={reasonId} data-blocked={blocked}>
          {t(blocked)}
        </span>
      )}
    </>
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
