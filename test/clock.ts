// The test-only clock (issue 16): `TEST_CLOCK=<ISO instant>` (npm run test:clocks) makes every
// wall-clock read in this isolate — the tests, the worker's routes and its Durable Objects, which
// run in the same isolate — start at that instant and run on from it, as libfaketime would
// (libfaketime cannot: workerd hangs at start under its LD_PRELOAD). Only Date moves; timers and
// the monotonic clock are untouched. Durable Object alarms are scheduled by workerd on the real
// clock, so setAlarm/getAlarm are translated by the same offset: an alarm set for "now + 1 s" on
// the pinned clock fires 1 s later. The machine's zone cannot reach workerd (miniflare runs it
// with TZ=UTC); TZ matters only to the Node side.
const RealDate = Date;

/** The machine's real clock, whatever is pinned. */
export const realNow = (): number => RealDate.now();

export type AlarmStorage = {
  getAlarm(options?: unknown): Promise<number | null>;
  setAlarm(scheduledTime: number | Date, options?: unknown): Promise<void>;
};

const originals = new WeakMap<AlarmStorage, Pick<AlarmStorage, 'getAlarm' | 'setAlarm'>>();

/**
 * Shifts `Date` so that now is `pinned` (ms since the epoch), running on from there, and, given
 * the Durable Object storage prototype, its alarms with it; returns the undo.
 */
export function pinClock(pinned: number, storage?: AlarmStorage): () => void {
  const before = globalThis.Date;
  const offset = pinned - RealDate.now();
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length > 0 ? args : [now()], newTarget) as Date,
    // Date() called as a function is today's date as a string.
    apply: () => new RealDate(now()).toString(),
    get: (target, prop, receiver) => (prop === 'now' ? now : (Reflect.get(target, prop, receiver) as unknown)),
  });
  // The storage's own methods, even when an earlier pin (a reused isolate) replaced them.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this), on the storage
  const { getAlarm, setAlarm } = (storage && originals.get(storage)) ?? storage ?? {};
  if (storage && getAlarm && setAlarm) {
    if (!originals.has(storage)) originals.set(storage, { getAlarm, setAlarm });
    storage.setAlarm = function (this: AlarmStorage, at, options) {
      return setAlarm.call(this, new RealDate(at).getTime() - offset, options);
    };
    storage.getAlarm = async function (this: AlarmStorage, options) {
      const at = await getAlarm.call(this, options);
      return at === null ? null : at + offset;
    };
  }
  return () => {
    globalThis.Date = before;
    if (storage && getAlarm && setAlarm) {
      Object.assign(storage, { getAlarm, setAlarm });
      originals.delete(storage);
    }
  };
}

/** The instant TEST_CLOCK names, or null when unset; a value that is no instant fails the run. */
export function pinnedInstant(value: string | undefined): number | null {
  if (!value) return null;
  const at = RealDate.parse(value);
  if (Number.isNaN(at)) throw new Error(`TEST_CLOCK is not an ISO instant: ${value}`);
  return at;
}

/**
 * Runs `fn` with the clock pinned at `at` (the tests, routes and objects of this isolate), then
 * puts the previous clock back: for a test of "today" whose rows sit seconds before now, which
 * would straddle midnight if the real clock were read. Durable Object alarms keep the file's
 * translation, so a test that waits on an object's timer should not use it.
 */
export async function withClock<T>(at: number, fn: () => Promise<T>): Promise<T> {
  const undo = pinClock(at);
  try {
    return await fn();
  } finally {
    undo();
  }
}
