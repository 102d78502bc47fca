// The home card's "what a caller gets right now, and until when" (issue 9 §2), from the engine's
// own status search plus what the card names: the block window in force and the local wall clock
// of the change ("18:00까지", "내일 09:00부터"). PURE.
import type { RuleId } from '../routing/decision';
import { evaluate } from '../routing/route';
import type { RoutingSnapshot } from '../routing/snapshot';
import { statusAt, type NumberStatus } from '../routing/status';
import { daysBetween, localClock, type LocalClock } from './local-day';

export type StatusView = {
  status: NumberStatus;
  rule: RuleId | null;
  /** The block window in force (status blocked by a window), else null. */
  windowName: string | null;
  /** The first instant the status changes (epoch ms); null = only a setting change ends it. */
  until: number | null;
  /** That instant on the org's wall clock, with how many calendar days away it is (0 = today). */
  untilLocal: (LocalClock & { dayOffset: number }) | null;
  next: NumberStatus | null;
  nextRule: RuleId | null;
};

export function statusView(snapshot: RoutingSnapshot, now: number): StatusView {
  const s = statusAt(snapshot, now);
  let windowName: string | null = null;
  if (s.rule === 'block_window') {
    for (const step of evaluate(snapshot, '', now, [], null).trace) {
      if (step.rule === 'block_window' && step.matched) windowName = step.detail.name;
    }
  }
  const tz = snapshot.timezone;
  return {
    status: s.status,
    rule: s.rule,
    windowName,
    until: s.until,
    untilLocal: s.until === null ? null : { ...localClock(tz, s.until), dayOffset: daysBetween(tz, now, s.until) },
    next: s.next,
    nextRule: s.nextRule,
  };
}
