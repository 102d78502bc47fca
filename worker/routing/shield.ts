// Abuse shield (B3), the pure half: the counting policy the Durable Object applies to one caller of
// one number, and the verdict the engine reads. The DO serialises calls, so applying `countCall`
// in arrival order keeps the counts exact when several calls arrive at the same moment.
import type { ShieldPolicy } from './snapshot';

export type { ShieldPolicy };

/** What the DO stores per (number, caller): admitted calls inside the window, and a cool-off end. */
export type ShieldState = {
  /** Epoch ms of calls the shield let through, ascending; never more than `limit` inside the window. */
  attempts: number[];
  /** Refused until this instant (epoch ms); null = not cooling off. */
  coolOffUntil: number | null;
};

/** The engine's input: `limited` refuses the call; the rest explains it in the trace. */
export type ShieldVerdict = {
  limited: boolean;
  /** Calls counted in the window, this one included when it was let through. */
  count: number;
  limit: number;
  windowMinutes: number;
  coolOffUntil: number | null;
};

const MINUTE_MS = 60_000;

/**
 * One more call from this caller at `now`. Within the limit it is counted and let through. The
 * call past the limit is refused and starts the cool-off; calls during the cool-off are refused
 * too. Refused calls are not counted, so once the cool-off has passed the caller gets through again
 * as soon as the window holds fewer than `limit` calls.
 */
export function countCall(state: ShieldState | null, policy: ShieldPolicy, now: number): { verdict: ShieldVerdict; state: ShieldState } {
  const since = now - policy.windowMinutes * MINUTE_MS;
  // Calls counted with a later instant stay counted: simultaneous calls reach the object in any order
  // (each carries its own carrier timestamp), and dropping the later ones lost them from the count.
  const attempts = (state?.attempts ?? []).filter((t) => t > since);
  const coolingUntil = state?.coolOffUntil != null && now < state.coolOffUntil ? state.coolOffUntil : null;
  const base = { limit: policy.limit, windowMinutes: policy.windowMinutes };
  if (coolingUntil !== null) {
    return { verdict: { ...base, limited: true, count: attempts.length, coolOffUntil: coolingUntil }, state: { attempts, coolOffUntil: coolingUntil } };
  }
  if (attempts.length >= policy.limit) {
    const coolOffUntil = policy.coolOffMinutes > 0 ? now + policy.coolOffMinutes * MINUTE_MS : null;
    return { verdict: { ...base, limited: true, count: attempts.length + 1, coolOffUntil }, state: { attempts, coolOffUntil } };
  }
  attempts.splice(attempts.findLastIndex((t) => t <= now) + 1, 0, now);
  return { verdict: { ...base, limited: false, count: attempts.length, coolOffUntil: null }, state: { attempts, coolOffUntil: null } };
}

/**
 * When the DO may forget a caller's state: nothing in it matters after this instant. The DO can
 * use it for an alarm or a sweep.
 */
export function shieldStateExpiresAt(state: ShieldState, policy: ShieldPolicy): number {
  const last = state.attempts.at(-1) ?? 0;
  return Math.max(last + policy.windowMinutes * MINUTE_MS, state.coolOffUntil ?? 0);
}

/** The effective policy: personal fields over the org's; a limit of 0 (either side) switches the shield off. */
export function mergeShieldPolicy(
  org: { limit: number; windowMinutes: number; coolOffMinutes: number },
  personal: { limit: number | null; windowMinutes: number | null; coolOffMinutes: number | null } | null,
): ShieldPolicy | null {
  const limit = personal?.limit ?? org.limit;
  if (limit <= 0) return null;
  return { limit, windowMinutes: personal?.windowMinutes ?? org.windowMinutes, coolOffMinutes: personal?.coolOffMinutes ?? org.coolOffMinutes };
}
