// 대기열 관리 (C3, C11): the org's queues with their numbers and agents, and adding one (then its
// settings screen opens).
import { createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { CcQueue, ContactCenterSettings } from '../../../../../contract/contact-center';
import { FormModel, required } from '../../../ui/form';
import { resource } from '../../../ui/resource';

export const QueuesModel = createModel(() => {
  const queues = resource(() => api.get<{ queues: CcQueue[]; defaults: ContactCenterSettings }>('/cc/queues'));
  const addForm = new FormModel({ name: '' });

  /** Creates the queue and answers its id, for the screen to open it. */
  async function add(): Promise<string | null> {
    let id: string | null = null;
    await addForm.submit(
      required('name'),
      async (v) => {
        const { queue } = await api.post<{ queue: CcQueue }>('/cc/queues', { name: v.name.trim() });
        id = queue.id;
        addForm.reset();
        await queues.reload();
      },
      { conflict: { field: 'name', key: 'cc.queues.exists' } },
    );
    return id;
  }

  void queues.reload();
  return { queues, addForm, add, load: queues.reload };
});
