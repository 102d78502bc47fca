// 상담 업무 관리 (C7, C11): the consult categories in display order; add, rename, switch off or on,
// move up and down (the whole order is saved at once).
import { createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { ConsultCategory } from '../../../../../contract/contact-center';
import { FormModel, required } from '../../../ui/form';
import { resource } from '../../../ui/resource';

export const CategoriesModel = createModel(() => {
  const categories = resource(async () => (await api.get<{ categories: ConsultCategory[] }>('/cc/categories')).categories);
  const addForm = new FormModel({ name: '' });
  /** Errors and notes of row actions (order, on/off). */
  const listForm = new FormModel({});

  async function add(): Promise<boolean> {
    return addForm.submit(
      required('name'),
      async (v) => {
        await api.post('/cc/categories', { name: v.name.trim() });
        addForm.reset();
        await categories.reload();
        return { key: 'common.created' };
      },
      { conflict: { field: 'name', key: 'cc.categories.exists' } },
    );
  }

  function renameForm(c: ConsultCategory) {
    const form = new FormModel({ name: c.name });
    const submit = () =>
      form.submit(
        required('name'),
        async (v) => {
          await api.patch(`/cc/categories/${encodeURIComponent(c.id)}`, { name: v.name.trim() });
          await categories.reload();
        },
        { conflict: { field: 'name', key: 'cc.categories.exists' } },
      );
    return { form, submit };
  }

  async function setDisabled(c: ConsultCategory, disabled: boolean) {
    await listForm.submit(
      () => ({}),
      async () => {
        await api.patch(`/cc/categories/${encodeURIComponent(c.id)}`, { disabled });
        await categories.reload();
      },
    );
  }

  async function move(c: ConsultCategory, by: -1 | 1) {
    const list = categories.data.value ?? [];
    const i = list.findIndex((x) => x.id === c.id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) return;
    const ids = list.map((x) => x.id);
    [ids[i], ids[j]] = [ids[j] ?? c.id, ids[i] ?? c.id];
    await listForm.submit(
      () => ({}),
      async () => {
        const answer = await api.put<{ categories: ConsultCategory[] }>('/cc/categories/order', { ids });
        categories.data.value = answer.categories;
      },
    );
  }

  void categories.reload();
  return { categories, addForm, listForm, add, renameForm, setDisabled, move, load: categories.reload };
});

export type CategoriesModel = InstanceType<typeof CategoriesModel>;
