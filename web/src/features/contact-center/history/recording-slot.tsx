// Where a call's recording is played (C9 "녹음청취").
// SLOT(recordings): recordings are stored in R2 and streamed, owner-checked, by the recordings work
// (issue 10), which is not on main yet. Once it is, render here
//   <audio controls preload="none" src={<its stream URL for recording.id>} />
// (the CSP already allows media from this origin). Until then the slot says a recording exists.
import type { CallDetail } from '../../../api/contact-center-types';
import { t } from '../../../i18n';
import { formatMs } from '../format';

export function RecordingSlot({ recording, canListen }: { recording: CallDetail['recording']; canListen: boolean }) {
  return (
    <section class="card recording-slot" aria-labelledby="recording-title" data-recording-id={recording?.id}>
      <h2 id="recording-title">{t('cc.recording.title')}</h2>
      {!recording ? (
        <p class="muted">{t('cc.recording.none')}</p>
      ) : !canListen ? (
        <p class="muted">{t('cc.recording.notAllowed')}</p>
      ) : (
        <p class="muted">{t('cc.recording.pending', { d: formatMs(recording.durationMs) })}</p>
      )}
    </section>
  );
}
