// One call's details (C9) and its wrap-up (C7): the wrap-up form (category and notes ≤ 1024
// characters with a live counter) for the agent who took the call or a supervisor, "call back".
import { computed, createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { CallDetailAnswer, CcOptions } from '../../../../../contract/contact-center';
import type { Message } from '../../../i18n';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';
import { createCallBack } from '../outbound';

/** C7: notes of at most 1024 characters, counted as the server counts them. */
export const NOTES_MAX = 1024;

/** `at`: the call's start from the history row, so a call of an archived month is found too (issue 20 §3). */
export const CallModel = createModel((callId: string, at?: string) => {
  const form = new FormModel({ categoryId: '', notes: '' });
  const detail = resource(async () => {
    const answer = await api.get<CallDetailAnswer>(`/cc/calls/${encodeURIComponent(callId)}`, at && /^\d+$/.test(at) ? { at } : undefined);
    form.reset({ categoryId: answer.call.wrapUp?.categoryId ?? '', notes: answer.call.wrapUp?.notes ?? '' });
    return answer;
  });
  const options = resource(() => api.get<CcOptions>('/cc/options'));
  const callBack = createCallBack();
  const notesLength = computed(() => form.values.value.notes.length);

  async function saveWrapUp(): Promise<boolean> {
    return form.submit(
      (v) => (v.notes.length > NOTES_MAX ? { notes: { key: 'field.tooLong', params: { max: NOTES_MAX } } satisfies Message } : {}),
      async (v) => {
        const answer = await api.put<CallDetailAnswer>(`/cc/calls/${encodeURIComponent(callId)}/wrap-up`, { categoryId: v.categoryId || null, notes: v.notes });
        detail.data.value = answer;
        form.reset({ categoryId: answer.call.wrapUp?.categoryId ?? '', notes: answer.call.wrapUp?.notes ?? '' });
        return { key: 'cc.wrapUp.saved' };
      },
    );
  }

  async function load() {
    await Promise.all([detail.reload(), options.reload()]);
  }

  void load();
  return { detail, options, form, notesLength, callBack, saveWrapUp, load };
});

export type CallModel = InstanceType<typeof CallModel>;
