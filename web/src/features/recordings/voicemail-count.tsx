// The unheard-voicemail count for the home card (S20): a link to the messages when there are any.
import { createModel, useModel } from '@preact/signals';
import { api } from '../../api/client';
import { t } from '../../i18n';
import type { Voicemails } from '../../../../contract/safe-number';
import { resource } from '../../ui/resource';

export type VoicemailRow = Voicemails['voicemails'][number];

export const VoicemailModel = createModel(() => {
  const list = resource(() => api.get<Voicemails>('/voicemails'));
  void list.reload();
  return { list, load: list.reload };
});

export function VoicemailCount({ href = '/history' }: { href?: string }) {
  const m = useModel(VoicemailModel);
  const unheard = m.list.data.value?.unheard ?? 0;
  if (!unheard) return null;
  return (
    <a class="voicemail-count" href={href}>
      {t('voicemail.unheard', { count: unheard })}
    </a>
  );
}
