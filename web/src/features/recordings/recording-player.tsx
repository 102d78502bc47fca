// A call's recording or voicemail (S13, S20): played in place, streamed with range requests (the
// server answers 206, so a phone can seek), downloadable; a voicemail not yet heard is marked.
// Only the owner gets a `recording` on their rows; the server refuses everyone else anyway.
import { t } from '../../i18n';

export type RecordingRef = { id: string; durationMs: number | null };

function duration(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function RecordingPlayer({ recording, kind = 'call', unheard = false }: { recording: RecordingRef; kind?: 'call' | 'voicemail'; unheard?: boolean }) {
  const src = `/api/recordings/${encodeURIComponent(recording.id)}`;
  return (
    <div class="recording-player">
      {unheard ? <span class="badge-new">{t('recording.unheard')}</span> : null}
      {/* preload="none": nothing is fetched (or audited) until the owner presses play. */}
      <audio controls preload="none" src={src} aria-label={t(kind === 'voicemail' ? 'recording.voicemail' : 'recording.call')} />
      <span class="muted small">{duration(recording.durationMs)}</span>
      <a class="small" href={`${src}?download=1`} download>
        {t('recording.download')}
      </a>
    </div>
  );
}
