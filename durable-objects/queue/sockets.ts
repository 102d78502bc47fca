// The Queue object's dashboards (C13): hibernatable WebSockets tagged 'queue', each sent the queue's
// live view when it connects, when it asks, and after a change (at most every BROADCAST_MS).
import { liveView, type QueueDoc } from './state';

export const QUEUE_SOCKET_TAG = 'queue';
/** Dashboards hear at most this often. */
const BROADCAST_MS = 250;

/** What a dashboard is sent: the queue's live view (null before the queue is loaded). */
export function viewMessage(doc: QueueDoc, now: number): string | null {
  const view = liveView(doc, now);
  return view ? JSON.stringify({ type: 'queue', queue: view }) : null;
}

/** Tells every open dashboard about a change, coalesced to one message every BROADCAST_MS. */
export class Broadcaster {
  #broadcastAt = 0;
  #broadcastTimer: ReturnType<typeof setTimeout> | null = null;

  readonly #ctx: DurableObjectState;
  readonly #current: () => QueueDoc;

  constructor(ctx: DurableObjectState, current: () => QueueDoc) {
    this.#ctx = ctx;
    this.#current = current;
  }

  schedule() {
    if (this.#broadcastTimer) return;
    const wait = Math.max(0, this.#broadcastAt + BROADCAST_MS - Date.now());
    this.#broadcastTimer = setTimeout(() => {
      this.#broadcastTimer = null;
      this.#broadcastAt = Date.now();
      const sockets = this.#ctx.getWebSockets(QUEUE_SOCKET_TAG);
      if (!sockets.length) return;
      const text = viewMessage(this.#current(), Date.now());
      if (!text) return;
      for (const ws of sockets) {
        try {
          ws.send(text);
        } catch {
          // a closed socket goes with its close event
        }
      }
    }, wait);
  }
}
