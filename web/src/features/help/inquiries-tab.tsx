// 문의하기: the user's inquiries with their answers, the ask form, and (admins) the answer form.
import { useModel } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { Inquiry } from '../../../../contract/help';
import { formatDateTime, t } from '../../i18n';
import { isAdmin, me } from '../../session/model';
import { FormStatus, SubmitButton, TextAreaField, TextField } from '../../ui/fields';
import { Empty, Loaded } from '../../ui/status';
import { InquiriesModel } from './inquiries-model';

type Model = InstanceType<typeof InquiriesModel>;

function AnswerForm({ model, inquiry }: { model: Model; inquiry: Inquiry }) {
  const a = useMemo(() => model.answerer(inquiry), [inquiry.id]);
  return (
    <form
      class="editor"
      onSubmit={(e) => {
        e.preventDefault();
        void a.submit();
      }}
      noValidate
    >
      <TextAreaField form={a.form} name="answer" label="inquiries.answerField" rows={4} />
      <FormStatus form={a.form} />
      <SubmitButton form={a.form} label="inquiries.answerSubmit" />
    </form>
  );
}

function InquiryItem({ model, q }: { model: Model; q: Inquiry }) {
  return (
    <li class="notice">
      <details>
        <summary>
          <span class={q.answer ? 'badge badge-ok' : 'badge badge-warn'}>{q.answer ? t('inquiries.answered') : t('inquiries.waiting')}</span>
          <span class="notice-title">{q.title}</span>
          <span class="muted small">{formatDateTime(q.createdAt, me.value?.org.timezone)}</span>
        </summary>
        <p class="muted small">
          {q.orgName} · {q.department} · {q.safeNumber}
        </p>
        <p class="prewrap">{q.body}</p>
        {q.answer && (
          <div class="answer">
            <strong>{t('inquiries.answer')}</strong>
            <p class="prewrap">{q.answer}</p>
          </div>
        )}
        {isAdmin.value && <AnswerForm model={model} inquiry={q} />}
      </details>
    </li>
  );
}

export function InquiriesTab() {
  const model = useModel(InquiriesModel);
  const f = model.askForm;
  return (
    <>
      <form
        class="card"
        aria-labelledby="ask-title"
        onSubmit={(e) => {
          e.preventDefault();
          void model.ask();
        }}
        noValidate
      >
        <h2 id="ask-title">{t('inquiries.ask')}</h2>
        <p class="muted small">{t('inquiries.askIntro')}</p>
        <TextField form={f} name="orgName" label="inquiries.orgName" maxLength={100} />
        <TextField form={f} name="department" label="inquiries.department" maxLength={100} />
        <TextField form={f} name="safeNumber" label="inquiries.safeNumber" type="tel" inputMode="tel" maxLength={20} />
        <TextField form={f} name="title" label="inquiries.titleField" maxLength={200} />
        <TextAreaField form={f} name="body" label="inquiries.body" rows={5} />
        <FormStatus form={f} />
        <SubmitButton form={f} label="inquiries.send" />
      </form>
      <h2>{isAdmin.value ? t('inquiries.orgList') : t('inquiries.myList')}</h2>
      <Loaded res={model.inquiries}>
        {(list) =>
          list.length === 0 ? (
            <Empty text="inquiries.empty" />
          ) : (
            <ul class="list notices">
              {list.map((q) => (
                <InquiryItem key={q.id} model={model} q={q} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
