// Web models that import preact (so the DOM types: test/web-dom/tsconfig.json, beside the worker's).
// The live contact-center models own what they start (issue 18): a queue feed's sockets and the
// graphs' timers are disposed with the model (what useModel does when the screen unmounts), with no
// stop() to call by hand; and the feed's "every socket open" follows the sockets and the queues followed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HourlyModel } from '../../web/src/features/contact-center/live/hourly-model';
import { QueueFeed } from '../../web/src/features/contact-center/live/queue-feed';

/** A WebSocket that connects only when the test says so. */
class FakeSocket {
  static readonly OPEN = 1;
  static made: FakeSocket[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  send(): void {}
  close(): void {
    this.closed = true;
    this.readyState = 3;
    this.onclose?.();
  }
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { protocol: 'https:', host: 'app.example' });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the queue feed model', () => {
  it('is open only while every followed queue’s socket is, and lets go of a queue no longer followed', () => {
    const feed = new QueueFeed();
    expect(feed.allOpen.value).toBe(true); // nothing followed
    feed.follow(['q1', 'q2']);
    expect(FakeSocket.made.map((s) => s.url)).toEqual(['wss://app.example/api/cc/live/queues/q1/socket', 'wss://app.example/api/cc/live/queues/q2/socket']);
    const [q1, q2] = FakeSocket.made;
    expect(feed.allOpen.value).toBe(false);
    q1?.open();
    expect(feed.allOpen.value).toBe(false);
    q2?.open();
    expect(feed.allOpen.value).toBe(true);
    feed.follow(['q2', 'q3']);
    expect(q1?.closed).toBe(true);
    expect(feed.allOpen.value).toBe(false); // q3 is still connecting
    FakeSocket.made[2]?.open();
    expect(feed.allOpen.value).toBe(true);
    feed[Symbol.dispose]();
  });

  it('closes every socket when disposed, and none of them reconnects', () => {
    const feed = new QueueFeed();
    feed.follow(['q1', 'q2']);
    for (const s of FakeSocket.made) s.open();
    feed[Symbol.dispose]();
    expect(FakeSocket.made.map((s) => s.closed)).toEqual([true, true]);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it('a socket dropped by the network while the model lives does reconnect (the contrast)', () => {
    const feed = new QueueFeed();
    feed.follow(['q1']);
    FakeSocket.made[0]?.open();
    FakeSocket.made[0]?.onclose?.(); // the server went away, not us
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.made).toHaveLength(2);
    feed[Symbol.dispose]();
    expect(FakeSocket.made[1]?.closed).toBe(true);
  });
});

describe('the graphs model', () => {
  it('reads the hourly figures again every five minutes while it lives, and never after it is disposed', () => {
    const fetch = vi.fn((_url: string) => new Promise<Response>(() => undefined));
    vi.stubGlobal('fetch', fetch);
    const graphs = new HourlyModel();
    vi.advanceTimersByTime(5 * 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toContain('/api/cc/stats/hourly');
    graphs[Symbol.dispose]();
    vi.advanceTimersByTime(60 * 60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
