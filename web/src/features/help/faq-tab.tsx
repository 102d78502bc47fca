// 자주하는 질문: questions that open to their answers; admins add and delete.
import { useModel } from '@preact/signals';
import { t } from '../../i18n';
import { isAdmin } from '../../session/model';
import { CardForm, DeleteButton } from '../../ui/actions';
import { FormStatus, SubmitButton, TextAreaField, TextField } from '../../ui/fields';
import { Empty, Loaded } from '../../ui/status';
import { FaqModel } from './faq-model';

export function FaqTab() {
  const model = useModel(FaqModel);
  return (
    <>
      <Loaded res={model.faqs}>
        {(list) =>
          list.length === 0 ? (
            <Empty text="faq.empty" />
          ) : (
            <ul class="list notices">
              {list.map((f) => (
                <li key={f.id} class="notice">
                  <details>
                    <summary>
                      <span class="notice-title">{f.question}</span>
                    </summary>
                    <p class="prewrap">{f.answer}</p>
                    {isAdmin.value && <DeleteButton question={t('faq.confirmDelete')} onConfirm={() => model.remove(f)} />}
                  </details>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <FormStatus form={model.rowForm} />
      {isAdmin.value && (
        <CardForm id="faq-new" title="faq.add" onSubmit={model.add}>
          <TextField form={model.addForm} name="question" label="faq.question" maxLength={300} />
          <TextAreaField form={model.addForm} name="answer" label="faq.answer" rows={4} />
          <FormStatus form={model.addForm} />
          <SubmitButton form={model.addForm} label="common.add" />
        </CardForm>
      )}
    </>
  );
}
