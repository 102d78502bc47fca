// Virtual numbers of the organisation (P2): list, add, assign to a user or a queue, remove.
import { computed, createModel } from '@preact/signals';
import { api } from '../../../api/client';
import type { Queue, User, VirtualNumber } from '../../../../../contract/admin';
import type { Message } from '../../../i18n';
import { phoneProblem } from '../../../ui/checks';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';

export type AssignTarget = 'none' | 'user' | 'queue';

function assignment(v: { target: string; ownerUserId: string; queueId: string }) {
  if (v.target === 'user') return { ownerUserId: v.ownerUserId, queueId: null };
  if (v.target === 'queue') return { ownerUserId: null, queueId: v.queueId };
  return { ownerUserId: null, queueId: null };
}

function assignmentProblems(v: { target: string; ownerUserId: string; queueId: string }) {
  return {
    ownerUserId: v.target === 'user' && v.ownerUserId === '' ? ('field.required' as const) : undefined,
    queueId: v.target === 'queue' && v.queueId === '' ? ('field.required' as const) : undefined,
  };
}

export const NumbersModel = createModel(() => {
  const numbers = resource(async () => (await api.get<{ numbers: VirtualNumber[] }>('/admin/numbers')).numbers);
  const users = resource(async () => (await api.get<{ users: User[] }>('/admin/users')).users);
  const queues = resource(async () => (await api.get<{ queues: Queue[] }>('/admin/queues')).queues);
  const addForm = new FormModel({ e164: '', kind: 'safe_number', target: 'none', ownerUserId: '', queueId: '' });

  async function load() {
    await Promise.all([numbers.reload(), users.reload(), queues.reload()]);
  }

  async function add(): Promise<boolean> {
    return addForm.submit(
      (v) => ({ e164: phoneProblem(v.e164, true), ...assignmentProblems(v) }),
      async (v) => {
        const { ownerUserId, queueId } = assignment(v);
        await api.post('/admin/numbers', {
          e164: v.e164.trim(),
          kind: v.kind,
          ...(ownerUserId ? { ownerUserId } : {}),
          ...(queueId ? { queueId } : {}),
        });
        addForm.reset();
        await numbers.reload();
        return { key: 'common.created' };
      },
      { conflict: { field: 'e164', key: 'numbers.exists' } },
    );
  }

  /**
   * What a number rings, by name; an id stands in until the users and queues have loaded. A computed
   * (not a method, which the model would run untracked) so a row follows the names as they arrive.
   */
  const assignedTo = computed(() => {
    const userList = users.data.value;
    const queueList = queues.data.value;
    return (n: VirtualNumber): Message => {
      if (n.ownerUserId) {
        const owner = userList?.find((u) => u.id === n.ownerUserId);
        return { key: 'numbers.ringsUser', params: { name: owner?.name ?? n.ownerUserId } };
      }
      if (n.queueId) {
        const queue = queueList?.find((q) => q.id === n.queueId);
        return { key: 'numbers.ringsQueue', params: { queue: queue?.name ?? n.queueId } };
      }
      return { key: 'numbers.unassigned' };
    };
  });

  function assigner(n: VirtualNumber) {
    const target: AssignTarget = n.ownerUserId ? 'user' : n.queueId ? 'queue' : 'none';
    const form = new FormModel({ target: target as string, ownerUserId: n.ownerUserId ?? '', queueId: n.queueId ?? '' });
    const save = () =>
      form.submit(assignmentProblems, async (v) => {
        await api.patch(`/admin/numbers/${encodeURIComponent(n.id)}`, assignment(v));
        await numbers.reload();
        return { key: 'common.saved' };
      });
    const remove = () =>
      form.submit(
        () => ({}),
        async () => {
          await api.delete(`/admin/numbers/${encodeURIComponent(n.id)}`);
          await numbers.reload();
        },
      );
    return { form, save, remove };
  }

  void load();
  return { numbers, users, queues, addForm, load, add, assignedTo, assigner };
});
