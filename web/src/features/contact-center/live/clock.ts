// The live screens' clock: one signal that ticks every second while a live screen is open, on the
// server's time (corrected by the `at` of the views the server sends), so "time in state", waits and
// call durations count up without asking the server.
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

/** Server time minus this device's time, in ms. */
const offset = signal(0);
const tick = signal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Now on the server's clock; reading it in a render re-renders every second while ticking. */
export function serverNow(): number {
  return tick.value + offset.value;
}

/** A view the server made at `at` just arrived: learn how far this device's clock is off (ignoring small drift). */
export function learnServerTime(at: number): void {
  const diff = at - Date.now();
  if (Math.abs(diff - offset.value) > 1_000) offset.value = diff;
}

/** Seconds from `since` to now (never negative). */
export function secondsSince(since: number): number {
  return Math.max(0, Math.floor((serverNow() - since) / 1000));
}

/** Keeps the clock ticking while the calling component is mounted. */
export function useTicking(): void {
  useEffect(() => {
    if (users++ === 0) {
      tick.value = Date.now();
      timer = setInterval(() => (tick.value = Date.now()), 1_000);
    }
    return () => {
      if (--users === 0) clearInterval(timer);
    };
  }, []);
}
