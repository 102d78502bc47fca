// 공지사항: urgent notices first and marked; admins post and delete.
import { useModel } from '@preact/signals';
import { formatDateTime, t } from '../../i18n';
import { isAdmin, me } from '../../session/model';
import { CardForm, DeleteButton } from '../../ui/actions';
import { CheckField, FormStatus, SubmitButton, TextAreaField, TextField } from '../../ui/fields';
import { Empty, Loaded } from '../../ui/status';
import { NoticesModel } from './notices-model';

export function NoticesTab() {
  const model = useModel(NoticesModel);
  return (
    <>
      <Loaded res={model.notices}>
        {(list) =>
          list.length === 0 ? (
            <Empty text="notices.empty" />
          ) : (
            <ul class="list notices">
              {list.map((n) => (
                <li key={n.id} class={n.urgent ? 'notice urgent' : 'notice'}>
                  <details>
                    <summary>
                      {n.urgent && <span class="badge badge-urgent">{t('notices.urgent')}</span>}
                      <span class="notice-title">{n.title}</span>
                      <span class="muted small">{formatDateTime(n.createdAt, me.value?.org.timezone)}</span>
                    </summary>
                    <p class="prewrap">{n.body}</p>
                    {isAdmin.value && <DeleteButton question={t('notices.confirmDelete')} onConfirm={() => model.remove(n)} />}
                  </details>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <FormStatus form={model.rowForm} />
      {isAdmin.value && (
        <CardForm id="notice-new" title="notices.add" onSubmit={model.post}>
          <TextField form={model.postForm} name="title" label="notices.titleField" maxLength={200} />
          <TextAreaField form={model.postForm} name="body" label="notices.body" rows={5} />
          <CheckField form={model.postForm} name="urgent" label="notices.urgentField" />
          <FormStatus form={model.postForm} />
          <SubmitButton form={model.postForm} label="notices.post" />
        </CardForm>
      )}
    </>
  );
}
