// Where a call's recording is played (C9 "녹음청취"): the same ranged, audited player as the safe
// number's history (S13). `canListen` comes from the server's one rule (the agent who took the call,
// supervisors of its queue, org admins where the org allows), the same one the stream enforces.
import type { CallDetail } from '../../../../../contract/contact-center';
import { t } from '../../../i18n';
import { RecordingPlayer } from '../../recordings/recording-player';

export function RecordingSlot({ recording, canListen }: { recording: CallDetail['recording']; canListen: boolean }) {
  return (
    <section class="card recording-slot" aria-labelledby="recording-title" data-recording-id={recording?.id}>
      <h2 id="recording-title">{t('cc.recording.title')}</h2>
      {!recording ? (
        <p class="muted">{t('cc.recording.none')}</p>
      ) : !canListen ? (
        <p class="muted">{t('cc.recording.notAllowed')}</p>
      ) : (
        <RecordingPlayer recording={recording} />
      )}
    </section>
  );
}
