// The C8 graphs' data: yesterday's and today's inbound, answered and waits by hour of the org's day,
// from the statistics API (GET /api/cc/stats/hourly, written from the call records), with the calls
// still under way added from the queues' live counters the moment their sockets report them
// (live-hours.ts). Read again a moment after the live counters move and every few minutes. No DOM.
import { computed, createModel, effect, signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { HourlyAnswer, QueueLiveView } from '../../../../../contract/cc-live';
import { resource } from '../../../ui/resource';
import { learnUnseen, liveCountsOf, withLiveCounts, type Unseen } from './live-hours';

const SETTLE_MS = 1_500;
const EVERY_MS = 5 * 60_000;

export const GRAPH_DAYS = ['yesterday', 'today', 'both'] as const;
export type GraphDay = (typeof GRAPH_DAYS)[number];

export const HourlyModel = createModel(() => {
  /** One queue, or null for every queue the user may see. */
  const queueId = signal<string | null>(null);
  /** 전일 · 당일 · 통합 (the manual's three graphs). */
  const day = signal<GraphDay>('both');
  const hourly = resource(() => api.get<HourlyAnswer>('/cc/stats/hourly', { queueId: queueId.value ?? undefined }));
  /** The latest live views of the queues the graphs cover. */
  const views = signal<QueueLiveView[]>([]);
  const live = computed(() => {
    const one = queueId.value;
    return liveCountsOf(one ? views.value.filter((q) => q.queueId === one) : views.value);
  });
  /** What today's records hold that the live counters never counted (learnt as records and views come). */
  let unseen: Unseen | null = null;
  /** What the graphs draw: the records, and today's calls under way in the hour they are happening. */
  const shown = computed(() => {
    const data = hourly.data.value;
    if (!data) return undefined;
    unseen = learnUnseen(unseen, data, live.value);
    return withLiveCounts(data, live.value, unseen);
  });
  let seen = '';
  let pending: ReturnType<typeof setTimeout> | undefined;
  // Read again every few minutes for as long as the model lives; its timers go when it is disposed.
  effect(() => {
    const periodic = setInterval(() => void hourly.reload(), EVERY_MS);
    return () => {
      clearInterval(periodic);
      clearTimeout(pending);
    };
  });

  /**
   * The queues' live views changed: when today's counters or the calls in progress moved, the graphs
   * follow a moment later (a call's record is written as it ends, so calls ending count too).
   */
  function queueChanged(latest: QueueLiveView[]) {
    views.value = latest;
    let key = '';
    for (const q of latest)
      key += `${q.queueId}:${q.today.inbound}/${q.today.answered}/${q.today.abandoned}/${q.members.filter((m) => m.state === 'on_call').length};`;
    if (key === seen) return;
    const first = seen === '';
    seen = key;
    if (first) return;
    clearTimeout(pending);
    pending = setTimeout(() => void hourly.reload(), SETTLE_MS);
  }

  function choose(next: string | null) {
    queueId.value = next;
    unseen = null;
    void hourly.reload();
  }

  return { hourly, shown, queueId, day, queueChanged, choose };
});

export type HourlyModel = InstanceType<typeof HourlyModel>;
