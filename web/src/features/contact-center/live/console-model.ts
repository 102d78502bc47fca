// The agent console (C2, C5–C8): the agent's presence as the console socket tells it (shared with the
// safe-number popup), the agent's queues as their sockets tell them, and every action an agent takes
// — log in and out, 대기/휴식/후처리 with the wrap-up of the last call, hold, transfer, hang up, dial out.
// Everything changes by REST and comes back over the sockets; nothing here reloads. No DOM.
import { computed, createModel, effect, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { AgentView, CategoryChoice, ConsoleSnapshot, TransferTarget } from '../../../../../contract/cc-live';
import type { ManualState } from '../../../../../contract/vocabularies';
import type { Message } from '../../../i18n';
import { errorMessage } from '../../../i18n/errors';
import { FormModel } from '../../../ui/form';
import { phoneProblem } from '../../../ui/checks';
import { resource } from '../../../ui/resource';
import { liveAgent } from '../../live/live-model';
import { HourlyModel } from './hourly-model';
import { QueueFeed } from './queue-feed';

/** C7: inquiry and action notes of at most this many characters. */
export const NOTES_MAX = 1024;

export type WrapUpValues = { categoryId: string; notes: string };

/** A newer view never gives way to an older one (a REST answer overtaken by the socket). */
function adopt(agent: AgentView) {
  const known = liveAgent.value;
  if (known && known.userId === agent.userId && known.since > agent.since) return;
  liveAgent.value = agent;
}

const codePoints = (s: string) => [...s].length;

export const ConsoleModel = createModel(() => {
  // Both are models too: their sockets and timers are disposed with this one.
  const hourly = new HourlyModel();
  const feed = new QueueFeed(() => hourly.queueChanged(queues.value));
  const agent = computed(() => liveAgent.value);
  const queues = computed(() => {
    const views = feed.views.value;
    return (agent.value?.queues ?? []).flatMap((q) => views[q.queueId] ?? []);
  });
  /** Today over the agent's queues: the answer rate is answered / inbound (C8). */
  const totals = computed(() => {
    const t = { inbound: 0, answered: 0, abandoned: 0, waitingCalls: 0, waitingCallbacks: 0 };
    for (const q of queues.value) {
      t.inbound += q.today.inbound;
      t.answered += q.today.answered;
      t.abandoned += q.today.abandoned;
      t.waitingCalls += q.waitingCalls;
      t.waitingCallbacks += q.waitingCallbacks;
    }
    return { ...t, answerRate: t.inbound > 0 ? t.answered / t.inbound : null };
  });

  const snapshot = resource(async () => {
    const s = await api.get<ConsoleSnapshot>('/cc/me/console');
    adopt(s.agent);
    feed.follow(s.queues);
    return s;
  });
  const categories = resource(async () => (await api.get<{ categories: CategoryChoice[] }>('/cc/categories')).categories.filter((c) => !c.disabled));

  // The agent's queues can change (an admin adds them to one): follow what the view lists.
  effect(() => {
    const ids = agent.value?.queues.map((q) => q.queueId);
    if (ids && snapshot.data.value) feed.follow(ids);
  });

  /** The action under way ('login', 'ready', 'hold', …) and why the last one failed. */
  const busy = signal<string | null>(null);
  const problem = signal<Message | null>(null);

  async function act(name: string, send: () => Promise<{ agent?: AgentView } | unknown>): Promise<boolean> {
    if (busy.value) return false;
    busy.value = name;
    problem.value = null;
    try {
      const answer = (await send()) as { agent?: AgentView } | undefined;
      if (answer?.agent) adopt(answer.agent);
      return true;
    } catch (err) {
      problem.value = errorMessage(err);
      return false;
    } finally {
      busy.value = null;
    }
  }

  // ── the wrap-up of the last call (후처리, C7) ──
  const wrapUp = new FormModel<WrapUpValues>({ categoryId: '', notes: '' });
  /** The call whose wrap-up was saved from this console. */
  const savedFor = signal<string | null>(null);
  let formFor: string | null = null;
  effect(() => {
    const id = agent.value?.lastCall?.callSessionId ?? null;
    if (id === formFor) return;
    formFor = id;
    wrapUp.reset({ categoryId: '', notes: '' });
  });
  /** The form shows after a call until it is saved (the agent may also save it later from history). */
  const wrapUpOpen = computed(() => {
    const a = agent.value;
    if (!a?.lastCall || a.call || a.offer) return false;
    if (a.state !== 'ready' && a.state !== 'break' && a.state !== 'acw') return false;
    return savedFor.value !== a.lastCall.callSessionId;
  });

  /** 대기/휴식/후처리: saves the wrap-up (when anything was entered) with the change, as the manual says. */
  async function setState(state: ManualState): Promise<void> {
    const a = agent.value;
    const callId = a?.lastCall?.callSessionId ?? null;
    const v = wrapUp.values.value;
    const withWrapUp = wrapUpOpen.value && callId !== null && (v.categoryId !== '' || v.notes.trim() !== '');
    if (!withWrapUp) {
      await act(state, () => api.post('/cc/me/state', { state }));
      return;
    }
    if (busy.value) return;
    busy.value = state;
    problem.value = null;
    const sent = await wrapUp.submit(
      (values) => (codePoints(values.notes) > NOTES_MAX ? { notes: { key: 'field.tooLong', params: { max: NOTES_MAX } } } : {}),
      async (values) => {
        const answer = await api.post<{ agent: AgentView }>('/cc/me/state', { state, wrapUp: { categoryId: values.categoryId || null, notes: values.notes } });
        adopt(answer.agent);
        return { key: 'ccLive.wrapUp.saved' };
      },
    );
    busy.value = null;
    if (sent) {
      savedFor.value = callId;
      lastSaved.value = callId;
    }
  }
  /** The call whose wrap-up was just saved (for the note after the form closes). */
  const lastSaved = signal<string | null>(null);

  // ── the call in hand (C5) ──
  const transferTargets = signal<TransferTarget[] | null>(null);
  const transferOpen = signal(false);
  async function openTransfer(): Promise<void> {
    transferOpen.value = true;
    transferTargets.value = null;
    await act('targets', async () => {
      transferTargets.value = (await api.get<{ agents: TransferTarget[] }>('/cc/me/call/transfer-targets')).agents;
    });
  }
  const transferSent = signal<string | null>(null);
  effect(() => {
    if (agent.value?.call) return;
    transferOpen.value = false;
    transferSent.value = null;
  });
  async function transfer(target: TransferTarget): Promise<void> {
    if (await act('transfer', () => api.post('/cc/me/call/transfer', { toUserId: target.userId }))) {
      transferSent.value = target.name;
      transferOpen.value = false;
    }
  }

  // ── dial pad (C6): domestic numbers in any Korean format; the customer sees the service number ──
  const dial = new FormModel<{ to: string }>({ to: '' });
  async function dialOut(): Promise<void> {
    await dial.submit(
      (v) => {
        const p = phoneProblem(v.to, true);
        if (p) return { to: p };
        return v.to.trim().startsWith('+') && !v.to.trim().replace(/[\s-]/g, '').startsWith('+82') ? { to: 'field.phoneKorean' } : {};
      },
      async (v) => {
        await api.post('/cc/outbound', { to: v.to.trim() });
        return { key: 'ccLive.dial.started' };
      },
    );
  }
  function press(key: string) {
    dial.set('to', dial.values.value.to + key);
  }
  function backspace() {
    dial.set('to', dial.values.value.to.slice(0, -1));
  }

  async function load() {
    const cats = categories.reload();
    await snapshot.reload();
    // An agent of one queue sees that queue's graphs; of several, all of them together.
    const mine = snapshot.data.value?.agent.queues ?? [];
    hourly.queueId.value = mine.length === 1 ? (mine[0]?.queueId ?? null) : null;
    await Promise.all([cats, hourly.hourly.reload()]);
  }

  void load();
  return {
    agent,
    queues,
    totals,
    snapshot,
    categories,
    graphs: hourly,
    busy,
    problem,
    feedOpen: feed.allOpen,
    login: () => act('login', () => api.post('/cc/me/login')),
    logout: () => act('logout', () => api.post('/cc/me/logout')),
    setState,
    wrapUp,
    wrapUpOpen,
    lastSaved,
    hold: () => act('hold', () => api.post('/cc/me/call/hold')),
    unhold: () => act('unhold', () => api.post('/cc/me/call/unhold')),
    hangup: () => act('hangup', () => api.post('/cc/me/call/hangup')),
    transferOpen,
    transferTargets,
    transferSent,
    openTransfer,
    closeTransfer: () => (transferOpen.value = false),
    transfer,
    dial,
    dialOut,
    press,
    backspace,
  };
});

export type ConsoleModel = InstanceType<typeof ConsoleModel>;
