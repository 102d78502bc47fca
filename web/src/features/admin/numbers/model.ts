// Virtual numbers of the organisation (P2): list, add, assign to a user or a queue, remove.
import { api } from '../../../api/client';
import type { User, VirtualNumber } from '../../../api/types';
import { phoneProblem } from '../../../ui/checks';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';


export type AssignTarget = 'none' | 'user' | 'queue';

function assignment(v: { target: string; ownerUserId: string; queueId: string }) {
  if (v.target === 'user') return { ownerUserId: v.ownerUserId, queueId: null };
  if (v.target === 'queue') return { ownerUserId: null, queueId: v.queueId.trim() };
  return { ownerUserId: null, queueId: null };
}

function assignmentProblems(v: { target: string; ownerUserId: string; queueId: string }) {
  return {
    ownerUserId: v.target === 'user' && v.ownerUserId === '' ? ('field.required' as const) : undefined,
    queueId: v.target === 'queue' && v.queueId.trim() === '' ? ('field.required' as const) : undefined,
  };
}

export function createNumbersModel() {
  const numbers = resource(async () => (await api.get<{ numbers: VirtualNumber[] }>('/admin/numbers')).numbers);
  const users = resource(async () => (await api.get<{ users: User[] }>('/admin/users')).users);
  const addForm = new FormModel({ e164: '', kind: 'safe_number', target: 'none', ownerUserId: '', queueId: '' });

  async function load() {
    await Promise.all([numbers.reload(), users.reload()]);
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

  return { numbers, users, addForm, load, add, assigner };
}
