// The text field of an announcement: a live count of its 240 characters that says when the limit
// is reached (never cutting), a warning naming characters the voice cannot read, and a button to
// listen to it before saving.
import { t, type MessageKey } from '../../i18n';
import { TextAreaField } from '../../ui/fields';
import type { FormModel } from '../../ui/form';
import { canSpeak, speak } from './speech';
import { unreadableCharacters } from './tts';

export const ANNOUNCEMENT_TEXT_MAX = 240;

export function ListenButton({ text, label = 'announcements.listen' }: { text: string; label?: MessageKey }) {
  if (!canSpeak()) return null;
  return (
    <button type="button" class="listen" name="listen" disabled={text.trim() === ''} onClick={() => speak(text)}>
      ▶ {t(label)}
    </button>
  );
}

export function AnnouncementTextField<T extends { text: string } & Record<string, string | boolean>>({ form }: { form: FormModel<T> }) {
  const text = form.values.value.text;
  const unreadable = unreadableCharacters(text);
  return (
    <>
      <TextAreaField form={form} name={'text' as never} label="announcements.text" rows={4} maxLength={ANNOUNCEMENT_TEXT_MAX} />
      {unreadable.length > 0 && (
        <p class="alert alert-warn small" role="status">
          {t('announcements.unreadable', { chars: unreadable.join(' ') })}
        </p>
      )}
      <div class="row-actions">
        <ListenButton text={text} label="announcements.listenBeforeSaving" />
        {!canSpeak() && <span class="muted small">{t('announcements.noSpeech')}</span>}
      </div>
    </>
  );
}
