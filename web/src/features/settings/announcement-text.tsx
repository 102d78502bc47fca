// The text field of an announcement: a live count of its 240 characters that says when the limit
// is reached (never cutting), a warning naming characters the voice cannot read, and a button to
// listen to it before saving; the form that adds or edits one, a situation's choice and a row of a
// list (staff and org admins alike).
import type { Signal } from '@preact/signals';
import type { Announcement, ResolvedSituation } from '../../../../contract/safe-number';
import { SITUATIONS, type Situation } from '../../../../contract/vocabularies';
import { DeleteButton } from '../../ui/actions';
import { t, type MessageKey } from '../../i18n';
import { FormStatus, SelectField, SubmitButton, TextAreaField, TextField } from '../../ui/fields';
import type { FormModel } from '../../ui/form';
import { SITUATION_HINT_KEYS, SITUATION_KEYS, SOURCE_KEYS } from './situation-labels';
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

/** Adds an announcement (type, name, text) or edits one (name and text; the type stays). */
export function AnnouncementForm({
  model,
  titleId,
  nameMax,
}: {
  model: {
    form: FormModel<{ type: string; name: string; text: string }>;
    editing: Signal<string | null>;
    save: () => Promise<boolean>;
    edit: (a: null) => void;
  };
  titleId: string;
  nameMax: number;
}) {
  const m = model;
  return (
    <form
      class="card"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        void m.save();
      }}
      noValidate
    >
      <h2 id={titleId}>{m.editing.value ? t('announcements.editTitle') : t('announcements.add')}</h2>
      {!m.editing.value && (
        <SelectField form={m.form} name="type" label="announcements.type" choices={SITUATIONS.map((s) => ({ value: s, label: t(SITUATION_KEYS[s]) }))} />
      )}
      <TextField form={m.form} name="name" label="announcements.name" maxLength={nameMax} />
      <AnnouncementTextField form={m.form} />
      <FormStatus form={m.form} />
      <div class="row-actions">
        <SubmitButton form={m.form} label={m.editing.value ? 'common.save' : 'announcements.create'} />
        {m.editing.value && (
          <button type="button" onClick={() => m.edit(null)}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** One situation: where its text comes from, the announcement chosen for it at this level, and the text to listen to. */
export function SituationChoice({
  s,
  id,
  chosen,
  emptyLabel,
  options,
  choosing,
  onChoose,
}: {
  s: ResolvedSituation;
  id: string;
  chosen: string | null;
  emptyLabel: string;
  options: { id: string; label: string }[];
  choosing: Signal<Situation | null>;
  onChoose: (type: Situation, announcementId: string | null) => void;
}) {
  return (
    <li class="situation">
      <div class="situation-head">
        <label for={id}>
          <strong>{t(SITUATION_KEYS[s.type])}</strong>
        </label>
        <span class="badge">{t(SOURCE_KEYS[s.source])}</span>
      </div>
      <p class="muted small">{t(SITUATION_HINT_KEYS[s.type])}</p>
      <select id={id} name={id} value={chosen ?? ''} disabled={choosing.value === s.type} onChange={(e) => onChoose(s.type, e.currentTarget.value || null)}>
        <option value="">{emptyLabel}</option>
        {options.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </select>
      <blockquote class="spoken prewrap">{s.text}</blockquote>
      <ListenButton text={s.text} />
    </li>
  );
}

/** An announcement in a list: its name, situation and text to listen to; edit and delete when it may be changed. */
export function AnnouncementRow({ a, editable, onEdit, onDelete }: { a: Announcement; editable: boolean; onEdit: () => void; onDelete: () => Promise<void> }) {
  return (
    <li class="row">
      <div class="row-main">
        <strong>
          {a.name} <span class="badge">{t(SITUATION_KEYS[a.type])}</span>
        </strong>
        <span class="prewrap small">{a.text}</span>
      </div>
      <div class="row-actions">
        <ListenButton text={a.text} />
        {editable && (
          <>
            <button type="button" onClick={onEdit}>
              {t('common.edit')}
            </button>
            <DeleteButton question={t('announcements.confirmDelete', { name: a.name })} onConfirm={onDelete} />
          </>
        )}
      </div>
    </li>
  );
}
