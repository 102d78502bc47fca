// Notices (S19): urgent first, then newest; admins post and delete.
import { createModel } from '@preact/signals';
import { api } from '../../api/client';
import type { Notice } from '../../../../contract/help';
import { FormModel, required } from '../../ui/form';
import { resource } from '../../ui/resource';

export function sortNotices(list: Notice[]): Notice[] {
  return [...list].sort((a, b) => Number(b.urgent) - Number(a.urgent) || b.createdAt - a.createdAt);
}

export const NoticesModel = createModel(() => {
  const notices = resource(async () => sortNotices((await api.get<{ notices: Notice[] }>('/notices')).notices));
  const postForm = new FormModel({ title: '', body: '', urgent: false });
  const rowForm = new FormModel({});

  const post = () =>
    postForm.submit(required('title', 'body'), async (v) => {
      await api.post('/notices', { title: v.title.trim(), body: v.body.trim(), urgent: v.urgent });
      postForm.reset();
      await notices.reload();
      return { key: 'common.created' };
    });

  const remove = (n: Notice) =>
    rowForm.submit(
      () => ({}),
      async () => {
        await api.delete(`/notices/${encodeURIComponent(n.id)}`);
        await notices.reload();
      },
    );

  void notices.reload();
  return { notices, postForm, rowForm, post, remove, load: notices.reload };
});
