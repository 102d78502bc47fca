// A read-only JSON WebSocket of this origin that keeps itself open: reconnects with backoff when the
// network blinks or the server restarts, and pings so idle proxies keep it (the server answers "pong"
// without waking its object). The queue dashboards use it; the agent's own socket is the popup's.
import { signal, type Signal } from '@preact/signals';

const PING_MS = 25_000;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export type SocketStatus = 'connecting' | 'open' | 'closed';

export type LiveSocket = { status: Signal<SocketStatus>; close: () => void };

/** Opens `path` (e.g. /api/cc/live/queues/q1/socket) and hands every JSON message to `onMessage`. */
export function openLiveSocket(path: string, onMessage: (message: unknown) => void): LiveSocket {
  const status = signal<SocketStatus>('connecting');
  let ws: WebSocket | null = null;
  let ping: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempts = 0;
  let wanted = true;

  function connect() {
    if (!wanted) return;
    status.value = 'connecting';
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`);
    ws = socket;
    socket.onopen = () => {
      attempts = 0;
      status.value = 'open';
      ping = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send('ping'), PING_MS);
    };
    socket.onmessage = (e) => {
      if (typeof e.data !== 'string' || e.data === 'pong') return;
      try {
        onMessage(JSON.parse(e.data) as unknown);
      } catch {
        // not JSON: not for us
      }
    };
    socket.onclose = () => {
      clearInterval(ping);
      if (ws === socket) ws = null;
      status.value = 'closed';
      if (!wanted) return;
      retry = setTimeout(connect, BACKOFF_MS[Math.min(attempts++, BACKOFF_MS.length - 1)]);
    };
  }

  connect();
  return {
    status,
    close() {
      wanted = false;
      clearTimeout(retry);
      clearInterval(ping);
      ws?.close(1000, 'bye');
      ws = null;
    },
  };
}
