// The unheard-voicemail count for the home card (S20): a link to the messages when there are any.
import { useEffect, useMemo } from 'preact/hooks';
import { api } from '../../api/client';
import { t } from '../../i18n';
import type { Voicemails } from '../../../../contract/safe-number';
import { resource } from '../../ui/resource';

export type VoicemailRow = Voicemails['voicemails'][number];

export function createVoicemailModel() {
  const list = resource(() => api.get<Voicemails>('/voicemails'));
  return { list, load: list.reload };
}

export function VoicemailCount({ href = '/history' }: { href?: string }) {
  const m = useMemo(createVoicemailModel, []);
  useEffect(() => {
    void m.load();
  }, [m]);
  const unheard = m.list.data.value?.unheard ?? 0;
  if (!unheard) return null;
  return (
    <a class="voicemail-count" href={href}>
      {t('voicemail.unheard', { count: unheard })}
    </a>
  );
}
