// The supervisor's live dashboard (C11, C12, B5): every queue as its socket tells it (waiting, longest
// wait, today's counters, the Erlang C staffing hint beside the ready count) and every agent's live
// state, read again whenever a queue reports its members changed; a forced state change with a
// reason; listening in, whispering and barging in (each dials the supervisor's own phone). No DOM.
import { computed, createModel, effect, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { ForceableState, SuperviseRole } from '../../../../../contract/vocabularies';
import type { QueueLiveView, TeamMember } from '../../../../../contract/cc-live';
import type { Message } from '../../../i18n';
import { errorMessage } from '../../../i18n/errors';
import { FormModel } from '../../../ui/form';
import { resource } from '../../../ui/resource';
import { HourlyModel } from './hourly-model';
import { QueueFeed } from './queue-feed';

/** A forced change's reason: required, at most this many characters (the API's limit). */
export const REASON_MAX = 200;
/** After a queue reports a change of its members, the team is read again this much later. */
const SETTLE_MS = 250;
/** Agents who are in no queue change too; the team is read again at least this often. */
const EVERY_MS = 15_000;

export type ForceValues = { state: ForceableState; reason: string };

export const SupervisorModel = createModel(() => {
  // Both are models too: their sockets and timers are disposed with this one.
  const graphs = new HourlyModel();
  let membersSeen = '';
  let pending: ReturnType<typeof setTimeout> | undefined;

  const feed = new QueueFeed(() => {
    const list = order.value.flatMap((id) => feed.views.value[id] ?? []);
    graphs.queueChanged(list);
    let key = '';
    for (const q of list) for (const m of q.members) key += `${m.userId}:${m.state}:${m.since};`;
    if (key === membersSeen) return;
    const first = membersSeen === '';
    membersSeen = key;
    if (first) return;
    clearTimeout(pending);
    pending = setTimeout(() => void team.reload(), SETTLE_MS);
  });
  /** The queues in the order the server lists them. */
  const order = signal<string[]>([]);
  const queues = computed<QueueLiveView[]>(() => order.value.flatMap((id) => feed.views.value[id] ?? []));

  const list = resource(async () => {
    const answer = await api.get<{ queues: QueueLiveView[] }>('/cc/live/queues');
    order.value = answer.queues.map((q) => q.queueId);
    feed.follow(answer.queues);
    return order.value;
  });
  const team = resource(async () => (await api.get<{ agents: TeamMember[] }>('/cc/live/agents')).agents);
  // The team is read again at least every EVERY_MS for as long as the model lives.
  effect(() => {
    const periodic = setInterval(() => void team.reload(), EVERY_MS);
    return () => {
      clearInterval(periodic);
      clearTimeout(pending);
    };
  });

  // ── forced state change (C11) ──
  const forcing = signal<string | null>(null);
  const force = new FormModel<ForceValues>({ state: 'ready', reason: '' });
  function openForce(member: TeamMember) {
    forcing.value = forcing.value === member.userId ? null : member.userId;
    force.reset({ state: member.state === 'ready' ? 'break' : 'ready', reason: '' });
  }
  async function submitForce(): Promise<void> {
    const userId = forcing.value;
    if (!userId) return;
    const ok = await force.submit(
      (v) => {
        const reason = v.reason.trim();
        if (reason === '') return { reason: 'field.required' };
        return [...reason].length > REASON_MAX ? { reason: { key: 'field.tooLong', params: { max: REASON_MAX } } } : {};
      },
      async (v) => {
        await api.post(`/cc/live/agents/${encodeURIComponent(userId)}/state`, { state: v.state, reason: v.reason.trim() });
      },
    );
    if (ok) {
      forcing.value = null;
      void team.reload();
    }
  }

  // ── supervision (C12): the supervisor's own phone rings, then listens, whispers or barges in ──
  const supervising = signal<{ userId: string; role: SuperviseRole } | null>(null);
  const superviseProblem = signal<{ userId: string; message: Message } | null>(null);
  const superviseBusy = signal<string | null>(null);
  async function supervise(userId: string, role: SuperviseRole | null): Promise<void> {
    if (superviseBusy.value) return;
    superviseBusy.value = userId;
    superviseProblem.value = null;
    try {
      const path = `/cc/live/agents/${encodeURIComponent(userId)}/supervise`;
      if (role) await api.post(path, { role });
      else await api.post(`${path}/stop`);
      supervising.value = role ? { userId, role } : null;
    } catch (err) {
      superviseProblem.value = { userId, message: errorMessage(err) };
    } finally {
      superviseBusy.value = null;
    }
  }

  void Promise.all([list.reload(), team.reload(), graphs.hourly.reload()]);
  return {
    queues,
    list,
    team,
    graphs,
    feedOpen: feed.allOpen,
    forcing,
    force,
    openForce,
    closeForce: () => (forcing.value = null),
    submitForce,
    supervising,
    superviseProblem,
    superviseBusy,
    supervise,
  };
});

export type SupervisorModel = InstanceType<typeof SupervisorModel>;
