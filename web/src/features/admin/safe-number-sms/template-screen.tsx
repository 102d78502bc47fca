// 안심번호 문자 문구 (S12): the org admin edits the text staff send with "send my safe number": the
// template with a character counter, the placeholders explained (a tap puts one in), a live preview
// with its Korean byte count and kind, save, and back to the default.
import { useModel } from '@preact/signals';
import { SMS_MAX_BYTES, LMS_MAX_BYTES } from '../../../../../contract/message-bytes';
import { TEMPLATE_MAX_CHARS, TEMPLATE_PLACEHOLDERS } from '../../../../../contract/safe-number-sms';
import { t, type MessageKey } from '../../../i18n';
import { FormStatus, SubmitButton, TextAreaField } from '../../../ui/fields';
import { Loaded, Screen } from '../../../ui/status';
import { KIND_LABELS } from '../../messaging/compose-screen';
import { SafeNumberSmsModel, SAMPLE_SAFE_NUMBER } from './model';

const PLACEHOLDER_LABELS: Record<(typeof TEMPLATE_PLACEHOLDERS)[number], MessageKey> = {
  name: 'safeNumberSms.placeholder.name',
  safeNumber: 'safeNumberSms.placeholder.safeNumber',
  org: 'safeNumberSms.placeholder.org',
};

function Placeholders({ m }: { m: SafeNumberSmsModel }) {
  return (
    <div class="placeholders">
      <p class="small">{t('safeNumberSms.placeholdersIntro')}</p>
      <ul class="list">
        {TEMPLATE_PLACEHOLDERS.map((p) => (
          <li key={p} class="row">
            <span class="row-main">
              <code>{`{${p}}`}</code> <span class="small">{t(PLACEHOLDER_LABELS[p], { sample: SAMPLE_SAFE_NUMBER })}</span>
            </span>
            <button
              type="button"
              class="link"
              name={`insert-${p}`}
              onClick={() => m.form.set('template', `${m.form.values.value.template}{${p}}`)}
              aria-label={t('safeNumberSms.insertLabel', { label: t(PLACEHOLDER_LABELS[p], { sample: SAMPLE_SAFE_NUMBER }) })}
            >
              {t('safeNumberSms.insert')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Preview({ m }: { m: SafeNumberSmsModel }) {
  const p = m.preview.value;
  const max = p.kind === 'sms' ? SMS_MAX_BYTES : LMS_MAX_BYTES;
  return (
    <section class="card preview" aria-labelledby="sms-preview-title">
      <h2 id="sms-preview-title">{t('safeNumberSms.preview')}</h2>
      <p class="message-text" data-testid="template-preview">
        {p.text}
      </p>
      <p class={p.unsupported.length ? 'counter over' : 'counter'} data-testid="template-bytes" aria-live="polite">
        {t('messaging.bytes', { bytes: p.bytes.toLocaleString(), max: max.toLocaleString() })} · <strong>{t(KIND_LABELS[p.kind])}</strong>
        {p.unsupported.length > 0 && <span class="field-error"> {t('messaging.unsupported', { chars: p.unsupported.join(' ') })}</span>}
      </p>
      <p class="muted small">{t('safeNumberSms.previewNote', { number: SAMPLE_SAFE_NUMBER })}</p>
      {p.withoutNumber && (
        <p class="alert alert-error" role="status">
          {t('safeNumberSms.noNumberWarning')}
        </p>
      )}
    </section>
  );
}

export function SafeNumberSmsScreen() {
  const m = useModel(SafeNumberSmsModel);
  const isDefault = m.form.values.value.template.trim() === m.defaultTemplate.value;
  return (
    <Screen title="safeNumberSms.title">
      <p class="muted">{t('safeNumberSms.intro')}</p>
      <Loaded res={m.saved}>
        {() => (
          <>
            <form
              class="card"
              data-form="safe-number-sms"
              onSubmit={(e) => {
                e.preventDefault();
                void m.save();
              }}
              noValidate
            >
              <TextAreaField form={m.form} name="template" label="safeNumberSms.template" rows={4} maxLength={TEMPLATE_MAX_CHARS} />
              <Placeholders m={m} />
              <FormStatus form={m.form} />
              <SubmitButton form={m.form} label="common.save" />
              <button
                type="button"
                name="resetTemplate"
                disabled={isDefault && m.saved.data.value?.template === null}
                onClick={() => {
                  if (confirm(t('safeNumberSms.confirmReset'))) void m.resetToDefault();
                }}
              >
                {t('safeNumberSms.reset')}
              </button>
            </form>
            <Preview m={m} />
          </>
        )}
      </Loaded>
    </Screen>
  );
}
