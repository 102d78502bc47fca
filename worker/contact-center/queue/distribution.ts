// Distribution (C3, C12): which ready agent of a caller's tier gets the offer under the queue's
// strategy (longest idle, round robin, fewest calls, ring all), tiers widening with time in line,
// and the tier timer that wakes the queue when a wider tier would reach an idle agent. Pure.
import type { QueueMember, QueueState, WaitingEntry } from '../queue-types';
import { defined } from '../../defined';
import type { Draft } from './draft';
import { makeOffer } from './offers';

function loggedInLevels(s: QueueState): number[] {
  const levels = new Set<number>();
  for (const m of Object.values(s.members)) if (m.presence !== 'offline') levels.add(m.level);
  return [...levels].sort((a, b) => a - b);
}

function tierIndex(s: QueueState, e: WaitingEntry, now: number, levelCount: number): number {
  const widen = s.config.tierWidenSeconds * 1000;
  if (widen <= 0) return levelCount - 1;
  return Math.min(levelCount - 1, Math.floor(Math.max(0, now - e.joinedAt) / widen));
}

const idle = (m: QueueMember) => m.idleSince ?? m.since;
const byId = (a: QueueMember, b: QueueMember) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

function pick(d: Draft, candidates: QueueMember[]): QueueMember {
  const s = d.s;
  let best = defined(candidates[0], 'candidates');
  switch (s.config.strategy) {
    case 'round_robin': {
      const sorted = [...candidates].sort(byId);
      const last = s.rrLast;
      best = (last !== null ? sorted.find((m) => m.userId > last) : undefined) ?? defined(sorted[0], 'sorted');
      s.rrLast = best.userId;
      return best;
    }
    case 'fewest_calls':
      for (const m of candidates) {
        if (
          m.answeredToday < best.answeredToday ||
          (m.answeredToday === best.answeredToday && (idle(m) < idle(best) || (idle(m) === idle(best) && byId(m, best) < 0)))
        )
          best = m;
      }
      return best;
    default:
      for (const m of candidates) if (idle(m) < idle(best) || (idle(m) === idle(best) && byId(m, best) < 0)) best = m;
      return best;
  }
}

/** Offers waiting entries, in line order, to ready agents of their tier; then arms the tier timer. */
export function distribute(d: Draft) {
  const s = d.s;
  const ready = Object.values(s.members).filter((m) => m.presence === 'ready' && m.offerId === null);
  const levels = ready.length > 0 ? loggedInLevels(s) : [];
  const ringAll = s.config.strategy === 'ring_all';
  for (let i = 0; i < s.waiting.length && ready.length > 0; i++) {
    const e = defined(s.waiting[i], 'waiting');
    if (e.overdue || (!ringAll && e.offerIds.length > 0)) continue;
    const maxLevel = defined(levels[tierIndex(s, e, d.now, levels.length)], 'levels');
    let lowest = Infinity;
    for (const m of ready) if (m.level < lowest) lowest = m.level;
    if (lowest > maxLevel) continue;
    const candidates = ready.filter((m) => m.level <= maxLevel);
    if (candidates.length === 0) continue;
    for (const m of ringAll ? candidates : [pick(d, candidates)]) {
      makeOffer(d, i, m);
      ready.splice(ready.indexOf(m), 1);
    }
  }
  // Wake up when a caller's tier widens to reach a ready agent who is idle only because of the tier.
  let tierAt: number | null = null;
  const widen = s.config.tierWidenSeconds * 1000;
  if (ready.length > 0 && widen > 0) {
    const highest = Math.max(...ready.map((m) => m.level));
    for (const e of s.waiting) {
      if (e.overdue || (!ringAll && e.offerIds.length > 0)) continue;
      const idx = tierIndex(s, e, d.now, levels.length);
      if (defined(levels[idx], 'levels') >= highest || idx + 1 >= levels.length) continue;
      const at = e.joinedAt + (idx + 1) * widen;
      if (tierAt === null || at < tierAt) tierAt = at;
    }
  }
  if (tierAt !== s.tierAt) {
    s.tierAt = tierAt;
    d.timers.set('tier', tierAt);
  }
}
