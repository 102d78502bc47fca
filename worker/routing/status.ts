// "What a caller gets right now, and until when" (the home card: "연결됨 · 18:00까지", "업무시간 외 ·
// 내일 09:00부터", "점심시간", "차단 중", "일시중지"): the engine's own evaluation for a caller on no
// list, and the first later instant at which it changes, found by walking forward through every
// instant the answer can change at — window edges, local midnights and DST switches. PURE.
import type { DecisionOutcome, RuleId } from './decision';
import { addDays, DAY_MS, instantsOf, localTime, offsetChanges, toMinute } from './local-time';
import { evaluate } from './route';
import type { RoutingSnapshot } from './snapshot';

/** What an ordinary caller (on no list, not shielded) gets: the engine's outcome minus the per-caller ones. */
export type NumberStatus = Exclude<DecisionOutcome, 'spam' | 'limited'>;

export type StatusNow = {
  status: NumberStatus;
  /** The rule behind it (null = connects normally). */
  rule: RuleId | null;
  /** The first instant (epoch ms) the status is different; null = not within the horizon (paused, immediate block, never working). */
  until: number | null;
  /** The status from `until` on. */
  next: NumberStatus | null;
  /** The rule behind `next`. */
  nextRule: RuleId | null;
};

/** How far ahead to look for a change: a year and a bit covers any weekly schedule plus holidays. */
export const STATUS_HORIZON_DAYS = 400;

function statusAtInstant(snapshot: RoutingSnapshot, at: number): { status: NumberStatus; rule: RuleId | null } {
  const e = evaluate(snapshot, '', at, [], null);
  // No list entries and no shield verdict: spam and limited cannot come out.
  return { status: e.outcome as NumberStatus, rule: e.decidedBy };
}

/** The wall-clock minutes at which some rule's answer can flip: midnight and every window edge. */
function edges(snapshot: RoutingSnapshot): number[] {
  const out = new Set<number>([0, toMinute(snapshot.hours.start), toMinute(snapshot.hours.end)]);
  if (snapshot.lunch) out.add(toMinute(snapshot.lunch.start)).add(toMinute(snapshot.lunch.end));
  for (const w of snapshot.blockWindows) out.add(toMinute(w.start)).add(toMinute(w.end));
  return [...out].sort((a, b) => a - b);
}

export function statusAt(snapshot: RoutingSnapshot, now: number, horizonDays = STATUS_HORIZON_DAYS): StatusNow {
  const current = statusAtInstant(snapshot, now);
  const none: StatusNow = { ...current, until: null, next: null, nextRule: null };
  // Both come before every time rule, so only a setting change ends them.
  if (current.rule === 'paused' || current.rule === 'immediate_block') return none;

  const tz = snapshot.timezone;
  const minutes = edges(snapshot);
  const today = localTime(tz, now).date;
  for (let k = 0; k <= horizonDays; k++) {
    const date = addDays(today, k);
    const dayWall = Date.parse(`${date}T00:00:00Z`);
    const candidates = new Set<number>();
    for (const m of minutes) for (const t of instantsOf(tz, date, m)) candidates.add(t);
    // A DST switch moves the wall clock past (or back over) an edge without the clock reading it.
    // The search span reaches into the neighbouring days; keep only this day's switch, so the days'
    // candidates stay in time order.
    for (const t of offsetChanges(tz, dayWall - 15 * 3_600_000, dayWall + DAY_MS + 13 * 3_600_000)) {
      if (localTime(tz, t).date === date) candidates.add(t);
    }
    for (const t of [...candidates].sort((a, b) => a - b)) {
      if (t <= now) continue;
      const then = statusAtInstant(snapshot, t);
      if (then.status !== current.status) return { ...current, until: t, next: then.status, nextRule: then.rule };
    }
  }
  return none;
}
