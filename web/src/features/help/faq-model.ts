// Frequently asked questions (S19): everyone reads; admins add and delete.
import { createModel } from '@preact/signals';
import { api } from '../../api/client';
import type { Faq } from '../../../../contract/help';
import { FormModel, required } from '../../ui/form';
import { resource } from '../../ui/resource';

export const FaqModel = createModel(() => {
  const faqs = resource(async () => (await api.get<{ faqs: Faq[] }>('/faqs')).faqs);
  const addForm = new FormModel({ question: '', answer: '' });
  const rowForm = new FormModel({});

  const add = () =>
    addForm.submit(required('question', 'answer'), async (v) => {
      await api.post('/faqs', { question: v.question.trim(), answer: v.answer.trim() });
      addForm.reset();
      await faqs.reload();
      return { key: 'common.created' };
    });

  const remove = (f: Faq) =>
    rowForm.submit(
      () => ({}),
      async () => {
        await api.delete(`/faqs/${encodeURIComponent(f.id)}`);
        await faqs.reload();
      },
    );

  void faqs.reload();
  return { faqs, addForm, rowForm, add, remove, load: faqs.reload };
});
