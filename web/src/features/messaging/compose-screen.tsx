// 문자 보내기 (S15), phone first: sender, recipients typed (one per line) or picked from the
// phonebook (groups and contacts, compose-picker.tsx) and listed with a count, the text with a live
// Korean byte counter that names the kind (단문 ≤ 90 bytes, 장문 ≤ 2,000, 사진 문자 with an image) and
// flags characters that cannot be sent, favourites, an image, now or at a date and time; then the
// skipped numbers with their reasons and a progress bar until every recipient is handed over.
import { useEffect, useMemo } from 'preact/hooks';
import { LMS_MAX_BYTES, SMS_MAX_BYTES, SUBJECT_MAX_BYTES } from '../../../../contract/message-bytes';
import { t, tm, type MessageKey } from '../../i18n';
import { CheckField, FileField, FormStatus, SelectField, SubmitButton, TextAreaField, TextField } from '../../ui/fields';
import { Screen } from '../../ui/status';
import { createComposeModel, type ComposeModel } from './compose-model';
import { RecipientList } from './compose-picker';
import type { MessageKind, SkipReason } from '../../../../contract/messages';

export const KIND_LABELS: Record<MessageKind, MessageKey> = { sms: 'messaging.kind.sms', lms: 'messaging.kind.lms', mms: 'messaging.kind.mms' };
const SKIP_LABELS: Record<SkipReason, MessageKey> = {
  phone: 'messaging.skip.phone',
  not_mobile: 'messaging.skip.notMobile',
  not_dialable: 'messaging.skip.notDialable',
  duplicate: 'messaging.skip.duplicate',
};

/** "45 / 90바이트 · 단문": the limit is the kind's (90 for 단문, 2,000 above). */
function ByteCounter({ m }: { m: ComposeModel }) {
  const { bytes, unsupported, kind } = m.size.value;
  const max = kind === 'sms' ? SMS_MAX_BYTES : LMS_MAX_BYTES;
  const over = bytes > LMS_MAX_BYTES;
  return (
    <span class={over || unsupported.length ? 'counter over' : 'counter'} data-testid="byte-counter">
      {t('messaging.bytes', { bytes: bytes.toLocaleString(), max: max.toLocaleString() })} · <strong>{t(KIND_LABELS[kind])}</strong>
      {unsupported.length > 0 && (
        <span role="status" class="field-error">
          {' '}
          {t('messaging.unsupported', { chars: unsupported.join(' ') })}
        </span>
      )}
    </span>
  );
}

function Progress({ m }: { m: ComposeModel }) {
  const p = m.progress.value;
  if (!p || p.status === 'scheduled') return null;
  const done = p.counts.total - p.counts.waiting;
  return (
    <div class="card" aria-live="polite">
      <label>
        {t('messaging.progress', { done, total: p.counts.total })}
        <progress max={p.counts.total} value={done} />
      </label>
    </div>
  );
}

export function ComposeScreen() {
  const m = useMemo(() => createComposeModel(new URLSearchParams(location.search).getAll('to').join('\n')), []);
  useEffect(() => {
    void m.loadFavourites();
  }, [m]);
  const kind = m.size.value.kind;
  const schedule = m.form.values.value.schedule;
  const skipped = m.sent.value?.skipped ?? [];
  return (
    <Screen title="messaging.composeTitle">
      <p>
        <a href="/messages/log">{t('messaging.toLog')}</a>
      </p>
      <form
        class="card compose"
        onSubmit={(e) => {
          e.preventDefault();
          void m.send();
        }}
        noValidate
      >
        <SelectField
          form={m.form}
          name="sender"
          label="messaging.sender"
          choices={[
            { value: 'safe_number', label: t('messaging.sender.safeNumber') },
            { value: 'department', label: t('messaging.sender.department') },
          ]}
        />
        <TextAreaField form={m.form} name="numbers" label="messaging.numbers" rows={3} hint={t('messaging.numbersHint')} />
        <RecipientList m={m} />
        {m.favourites.value.length > 0 && (
          <label class="inline-select">
            <span>{t('messaging.favourites')}</span>
            <select
              name="favourite"
              value=""
              onChange={(e) => {
                m.useFavourite(e.currentTarget.value);
                e.currentTarget.value = '';
              }}
            >
              <option value="">{t('messaging.chooseFavourite')}</option>
              {m.favourites.value.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind !== 'sms' && <TextField form={m.form} name="subject" label="messaging.subject" hint={t('messaging.subjectHint', { max: SUBJECT_MAX_BYTES })} />}
        <TextAreaField form={m.form} name="text" label="messaging.text" rows={6} hint={<ByteCounter m={m} />} />
        <button type="button" class="link" name="saveFavourite" disabled={!m.form.values.value.text.trim()} onClick={() => void m.saveFavourite()}>
          {t('messaging.saveFavourite')}
        </button>
        <FileField form={m.form} name="image" label="messaging.image" hint={t('messaging.imageHint')} onChoose={(f) => void m.chooseImage(f)} />
        {m.imageBusy.value && <p class="muted small">{t('common.loading')}</p>}
        {m.image.value && <p class="small">{t('messaging.imageChosen', { name: m.image.value.name })}</p>}
        {m.imageError.value && (
          <p class="alert alert-error" role="alert">
            {tm(m.imageError.value)}
          </p>
        )}
        <CheckField form={m.form} name="schedule" label="messaging.schedule" />
        {schedule && (
          <div class="row-fields">
            <TextField form={m.form} name="date" label="messaging.date" type="date" />
            <TextField form={m.form} name="time" label="messaging.time" type="time" />
          </div>
        )}
        <FormStatus form={m.form} />
        <SubmitButton form={m.form} label={schedule ? 'messaging.scheduleSubmit' : 'messaging.send'} />
      </form>
      <Progress m={m} />
      {skipped.length > 0 && (
        <div class="card">
          <h2>{t('messaging.skipped', { count: skipped.length })}</h2>
          <ul class="list">
            {skipped.map((s, i) => (
              <li key={`${s.input}-${i}`} class="row">
                <span class="number">{s.name ? `${s.name} ${s.input}` : s.input}</span>
                <span class="muted small">{t(SKIP_LABELS[s.reason])}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Screen>
  );
}
