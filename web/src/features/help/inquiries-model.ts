// Inquiries (S19): users ask (organisation, department and safe number required) and see their
// own; admins see the organisation's and answer.
import { createModel } from '@preact/signals';
import { api } from '../../api/client';
import type { Inquiry } from '../../../../contract/help';
import { me } from '../../session/model';
import { phoneProblem } from '../../ui/checks';
import { FormModel, required } from '../../ui/form';
import { resource } from '../../ui/resource';

export const InquiriesModel = createModel(() => {
  const inquiries = resource(async () => (await api.get<{ inquiries: Inquiry[] }>('/inquiries')).inquiries);
  const askForm = new FormModel({
    orgName: me.value?.org.name ?? '',
    department: '',
    // Staff log in with their safe number (P2); anyone else types it.
    safeNumber: me.value && !phoneProblem(me.value.user.loginId, true) ? me.value.user.loginId : '',
    title: '',
    body: '',
  });

  const ask = () =>
    askForm.submit(
      (v) => ({ ...required<typeof v>('orgName', 'department', 'title', 'body')(v), safeNumber: phoneProblem(v.safeNumber, true) }),
      async (v) => {
        await api.post('/inquiries', {
          orgName: v.orgName.trim(),
          department: v.department.trim(),
          safeNumber: v.safeNumber.trim(),
          title: v.title.trim(),
          body: v.body.trim(),
        });
        askForm.reset({ ...askForm.values.value, title: '', body: '' });
        await inquiries.reload();
        return { key: 'inquiries.sent' };
      },
    );

  function answerer(q: Inquiry) {
    const form = new FormModel({ answer: q.answer ?? '' });
    const submit = () =>
      form.submit(required('answer'), async (v) => {
        await api.post(`/inquiries/${encodeURIComponent(q.id)}/answer`, { answer: v.answer.trim() });
        await inquiries.reload();
        return { key: 'common.saved' };
      });
    return { form, submit };
  }

  void inquiries.reload();
  return { inquiries, askForm, ask, answerer, load: inquiries.reload };
});
