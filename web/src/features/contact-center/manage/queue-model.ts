// One queue's settings (C3, C13) and its members with levels: the settings form (every field; empty
// overrides follow the org's policy), the member list (tick + level, saved as a whole), delete.
import { createModel, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { CcOptions, CcQueue, ContactCenterSettings } from '../../../../../contract/contact-center';
import type { Message } from '../../../i18n';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';
import { fromWhole, toWhole, wholeProblem } from './numbers';

const EMPTY = {
  name: '',
  greetingText: '',
  holdMusicUrl: '',
  strategy: 'longest_idle',
  maxWaitSeconds: '300',
  ringTimeoutSeconds: '20',
  tierWidenSeconds: '30',
  announceIntervalSeconds: '60',
  overflow: 'callback',
  serviceLevelSeconds: '',
  serviceLevelTargetPercent: '',
  agentStateAfterCall: '',
  acwLimitSeconds: '',
};
type Values = typeof EMPTY;

export const GREETING_MAX = 240;

function toValues(q: CcQueue): Values {
  return {
    name: q.name,
    greetingText: q.greetingText ?? '',
    holdMusicUrl: q.holdMusicUrl ?? '',
    strategy: q.strategy,
    maxWaitSeconds: String(q.maxWaitSeconds),
    ringTimeoutSeconds: String(q.ringTimeoutSeconds),
    tierWidenSeconds: String(q.tierWidenSeconds),
    announceIntervalSeconds: String(q.announceIntervalSeconds),
    overflow: q.overflow,
    serviceLevelSeconds: fromWhole(q.serviceLevelSeconds),
    serviceLevelTargetPercent: fromWhole(q.serviceLevelTargetPercent),
    agentStateAfterCall: q.agentStateAfterCall ?? '',
    acwLimitSeconds: fromWhole(q.acwLimitSeconds),
  };
}

function check(v: Values): Partial<Record<keyof Values, Message>> {
  const url = v.holdMusicUrl.trim();
  return {
    name: v.name.trim() === '' ? { key: 'field.required' } : undefined,
    greetingText: v.greetingText.trim().length > GREETING_MAX ? { key: 'field.tooLong', params: { max: GREETING_MAX } } : undefined,
    holdMusicUrl: url !== '' && !/^https:\/\/[^\s/]+/i.test(url) ? { key: 'field.url' } : undefined,
    maxWaitSeconds: wholeProblem(v.maxWaitSeconds, 10, 3600),
    ringTimeoutSeconds: wholeProblem(v.ringTimeoutSeconds, 5, 120),
    tierWidenSeconds: wholeProblem(v.tierWidenSeconds, 0, 600),
    announceIntervalSeconds: wholeProblem(v.announceIntervalSeconds, 0, 3600),
    serviceLevelSeconds: wholeProblem(v.serviceLevelSeconds, 1, 3600, true),
    serviceLevelTargetPercent: wholeProblem(v.serviceLevelTargetPercent, 1, 99, true),
    acwLimitSeconds: wholeProblem(v.acwLimitSeconds, 1, 3600, true),
  };
}

function body(v: Values) {
  return {
    name: v.name.trim(),
    greetingText: v.greetingText.trim() || null,
    holdMusicUrl: v.holdMusicUrl.trim() || null,
    strategy: v.strategy,
    maxWaitSeconds: Number(v.maxWaitSeconds),
    ringTimeoutSeconds: Number(v.ringTimeoutSeconds),
    tierWidenSeconds: Number(v.tierWidenSeconds),
    announceIntervalSeconds: Number(v.announceIntervalSeconds),
    overflow: v.overflow,
    serviceLevelSeconds: toWhole(v.serviceLevelSeconds),
    serviceLevelTargetPercent: toWhole(v.serviceLevelTargetPercent),
    agentStateAfterCall: v.agentStateAfterCall || null,
    acwLimitSeconds: toWhole(v.acwLimitSeconds),
  };
}

export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export const QueueModel = createModel((queueId: string) => {
  const path = `/cc/queues/${encodeURIComponent(queueId)}`;
  const form = new FormModel<Values>({ ...EMPTY });
  const membersForm = new FormModel({});
  const deleteForm = new FormModel({});
  /** userId → level for the ticked; absent = not a member. */
  const picks = signal<Record<string, number>>({});
  const queue = resource(async () => {
    const answer = await api.get<{ queue: CcQueue; defaults: ContactCenterSettings }>(path);
    form.reset(toValues(answer.queue));
    picks.value = Object.fromEntries(answer.queue.members.map((m) => [m.userId, m.level]));
    return answer;
  });
  const options = resource(() => api.get<CcOptions>('/cc/options'));

  async function save(): Promise<boolean> {
    return form.submit(
      check,
      async (v) => {
        const { queue: saved } = await api.patch<{ queue: CcQueue }>(path, body(v));
        const current = queue.data.value;
        if (current) queue.data.value = { ...current, queue: saved };
        form.reset(toValues(saved));
        return { key: 'common.saved' };
      },
      { conflict: { field: 'name', key: 'cc.queues.exists' } },
    );
  }

  function pick(userId: string, level: number | null) {
    const next = { ...picks.value };
    if (level === null) delete next[userId];
    else next[userId] = level;
    picks.value = next;
    membersForm.done.value = null;
  }

  async function saveMembers(): Promise<boolean> {
    return membersForm.submit(
      () => ({}),
      async () => {
        const members = Object.entries(picks.value).map(([userId, level]) => ({ userId, level }));
        const { queue: saved } = await api.put<{ queue: CcQueue }>(`${path}/members`, { members });
        const current = queue.data.value;
        if (current) queue.data.value = { ...current, queue: saved };
        picks.value = Object.fromEntries(saved.members.map((m) => [m.userId, m.level]));
        return { key: 'cc.queue.membersSaved' };
      },
    );
  }

  /** True when the queue is gone. */
  async function remove(): Promise<boolean> {
    return deleteForm.submit(
      () => ({}),
      async () => {
        await api.delete(path);
      },
      { conflict: { key: 'cc.queue.inUse' } },
    );
  }

  async function load() {
    await Promise.all([queue.reload(), options.reload()]);
  }

  void load();
  return { queue, options, form, membersForm, deleteForm, picks, pick, save, saveMembers, remove, load };
});

export type QueueModel = InstanceType<typeof QueueModel>;
