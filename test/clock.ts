// The test-only clock (issue 16): `TEST_CLOCK=<ISO instant> npm run test:clocks` (or the vitest
// binding of the same name) makes every wall-clock read in this isolate — the tests, the worker's
// routes and its Durable Objects, which run in the same isolate — start at that instant and run on
// from it, as libfaketime would (libfaketime cannot: workerd hangs at start under its LD_PRELOAD).
// Only Date moves; timers and the monotonic clock are untouched. The machine's time zone is the
// process's TZ, which workerd honours for Intl's default zone.
const RealDate = Date;

/** Shifts `Date` so that now is `pinned` (ms since the epoch), running on from there; returns the undo. */
export function pinClock(pinned: number): () => void {
  const before = globalThis.Date;
  const offset = pinned - RealDate.now();
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length > 0 ? args : [now()], newTarget),
    // Date() called as a function is today's date as a string.
    apply: () => new RealDate(now()).toString(),
    get: (target, prop, receiver) => (prop === 'now' ? now : Reflect.get(target, prop, receiver)),
  });
  return () => {
    globalThis.Date = before;
  };
}

/** The instant TEST_CLOCK names, or null when unset; a value that is no instant fails the run. */
export function pinnedInstant(value: string | undefined): number | null {
  if (!value) return null;
  const at = RealDate.parse(value);
  if (Number.isNaN(at)) throw new Error(`TEST_CLOCK is not an ISO instant: ${value}`);
  return at;
}
