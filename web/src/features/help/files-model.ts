// Resource files (S19): admins upload (≤ 20 MB, stored in R2), everyone downloads.
import { createModel, signal } from '@preact/signals';
import { api, apiUrl } from '../../api/client';
import type { ResourceFile } from '../../../../contract/help';
import { FormModel } from '../../ui/form';
import { resource } from '../../ui/resource';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function downloadUrl(f: ResourceFile): string {
  return apiUrl(`/files/${encodeURIComponent(f.id)}/download`);
}

export const FilesModel = createModel(() => {
  const files = resource(async () => (await api.get<{ files: ResourceFile[] }>('/files')).files);
  // The chosen file lives beside the form: FormModel holds text, a File is not text.
  const chosen = signal<File | null>(null);
  const uploadForm = new FormModel({ title: '', file: '' });
  const rowForm = new FormModel({});

  function choose(file: File | null) {
    chosen.value = file;
    uploadForm.set('file', file?.name ?? '');
  }

  const upload = () =>
    uploadForm.submit(
      (v) => ({
        title: v.title.trim() === '' ? 'field.required' : undefined,
        file: !chosen.value ? 'files.chooseFile' : chosen.value.size > MAX_UPLOAD_BYTES ? 'files.tooLarge' : undefined,
      }),
      async (v) => {
        const body = new FormData();
        body.set('title', v.title.trim());
        if (chosen.value) body.set('file', chosen.value, chosen.value.name);
        await api.upload('/files', body);
        uploadForm.reset();
        chosen.value = null;
        await files.reload();
        return { key: 'files.uploaded' };
      },
      { too_large: { field: 'file', key: 'files.tooLarge' } },
    );

  const remove = (f: ResourceFile) =>
    rowForm.submit(
      () => ({}),
      async () => {
        await api.delete(`/files/${encodeURIComponent(f.id)}`);
        await files.reload();
      },
    );

  void files.reload();
  return { files, chosen, uploadForm, rowForm, choose, upload, remove, load: files.reload };
});
