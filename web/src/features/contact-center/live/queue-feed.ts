// The live views of some queues, each kept current by its own socket (GET /api/cc/live/queues/:id/socket,
// a full view on connect and after every change). Both the agent console (the agent's queues) and the
// supervisor's dashboard (every queue) follow queues through one of these. No DOM.
import { computed, createModel, effect, signal } from '@preact/signals';
import type { QueueLiveView } from '../../../../../contract/cc-live';
import { learnServerTime } from './clock';
import { openLiveSocket, type LiveSocket } from './socket';

export const QueueFeed = createModel((onChange?: (view: QueueLiveView) => void) => {
  /** The latest view of each followed queue, by id, in the order they were followed. */
  const views = signal<Record<string, QueueLiveView>>({});
  const sockets = new Map<string, LiveSocket>();
  /** The sockets being followed, as a signal so `allOpen` follows a queue added or let go. */
  const followed = signal<LiveSocket[]>([]);
  // The sockets close when the model is disposed (the screen that made it unmounts).
  effect(() => () => {
    for (const s of sockets.values()) s.close();
    sockets.clear();
  });

  function put(view: QueueLiveView) {
    if (!sockets.has(view.queueId)) return;
    const known = views.peek()[view.queueId];
    // Views made earlier than the one shown (a REST answer overtaken by the socket) are dropped.
    if (known && known.at > view.at) return;
    learnServerTime(view.at);
    views.value = { ...views.peek(), [view.queueId]: view };
    onChange?.(view);
  }

  /** Follows exactly these queues (first views from a REST answer, if at hand); others are let go. */
  function follow(first: QueueLiveView[] | string[]) {
    const ids = first.map((q) => (typeof q === 'string' ? q : q.queueId));
    for (const [id, socket] of sockets) {
      if (ids.includes(id)) continue;
      socket.close();
      sockets.delete(id);
    }
    const kept: Record<string, QueueLiveView> = {};
    // peek(): follow() runs inside the console's effect, which must not come to depend on the views it writes.
    const known = views.peek();
    for (const id of ids) if (known[id]) kept[id] = known[id];
    views.value = kept;
    for (const id of ids) {
      if (sockets.has(id)) continue;
      sockets.set(
        id,
        openLiveSocket(`/api/cc/live/queues/${encodeURIComponent(id)}/socket`, (m) => {
          const msg = m as { type?: string; queue?: QueueLiveView };
          if (msg.type === 'queue' && msg.queue) put(msg.queue);
        }),
      );
    }
    followed.value = [...sockets.values()];
    for (const q of first) if (typeof q !== 'string') put(q);
  }

  /** True while every followed queue's socket is open (the suites wait for it). */
  const allOpen = computed(() => followed.value.every((s) => s.status.value === 'open'));

  return { views, follow, allOpen };
});

export type QueueFeed = InstanceType<typeof QueueFeed>;
