// 자료실: files to download; admins upload and delete.
import { useModel } from '@preact/signals';
import { formatBytes, formatDateTime, t } from '../../i18n';
import { isAdmin, me } from '../../session/model';
import { CardForm, DeleteButton } from '../../ui/actions';
import { FileField, FormStatus, SubmitButton, TextField } from '../../ui/fields';
import { Empty, Loaded } from '../../ui/status';
import { FilesModel, downloadUrl } from './files-model';

export function FilesTab() {
  const model = useModel(FilesModel);
  return (
    <>
      <Loaded res={model.files}>
        {(list) =>
          list.length === 0 ? (
            <Empty text="files.empty" />
          ) : (
            <ul class="list">
              {list.map((f) => (
                <li key={f.id} class="row">
                  <div class="row-main">
                    <strong>{f.title}</strong>
                    <span class="muted small">
                      {f.fileName} · {formatBytes(f.sizeBytes)} · {formatDateTime(f.createdAt, me.value?.org.timezone)}
                    </span>
                  </div>
                  <div class="row-actions">
                    <a class="button" href={downloadUrl(f)} download={f.fileName}>
                      {t('files.download')}
                    </a>
                    {isAdmin.value && <DeleteButton question={t('files.confirmDelete', { name: f.title })} onConfirm={() => model.remove(f)} />}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <FormStatus form={model.rowForm} />
      {isAdmin.value && (
        <CardForm id="file-new" title="files.upload" onSubmit={model.upload}>
          <TextField form={model.uploadForm} name="title" label="files.titleField" maxLength={200} />
          <FileField form={model.uploadForm} name="file" label="files.file" hint={t('files.limit')} onChoose={model.choose} />
          <FormStatus form={model.uploadForm} />
          <SubmitButton form={model.uploadForm} label="files.uploadSubmit" />
        </CardForm>
      )}
    </>
  );
}
