// Time in the line (C3, C5): everything due at a step's instant is settled first (expired leases,
// the day's rollover, max wait, position announcements), so a late or merged alarm changes nothing
// but timing. Pure.
import { estimateWaitSeconds } from '../queue-view';
import { nextLocalMidnight } from '../periods';
import { defined } from '../../defined';
import { emptyCounters } from './counters';
import type { Draft } from './draft';
import { endOffer, overflow } from './offers';

export function announce(d: Draft, i: number) {
  const e = defined(d.s.waiting[i], 'waiting');
  if (e.kind !== 'call' || e.callSessionId === null) return;
  d.effects.push({
    key: d.key('announce'),
    kind: 'announce_position',
    queueId: d.q,
    callSessionId: e.callSessionId,
    position: i + 1,
    estimatedWaitSeconds: estimateWaitSeconds(d.s, i + 1, d.now),
  });
}

/** Settles everything due at `now`: expired leases, day rollover, max wait, announcements. */
export function sweep(d: Draft) {
  const now = d.now;
  if (now >= d.s.today.dayEndsAt) {
    d.s.today = emptyCounters(nextLocalMidnight(now, d.s.config.timezone));
    for (const m of Object.values(d.s.members)) if (m.answeredToday !== 0) d.setMember(m.userId, { answeredToday: 0 });
  }
  for (const o of Object.values(d.s.offers)) {
    // The agent let it ring out: the queue assumes break (the Agent DO sets it, reason missed_offer).
    if (o.leaseUntil <= now) endOffer(d, o.offerId, 'break', 'expired');
  }
  const interval = d.s.config.announceIntervalSeconds * 1000;
  const w = d.s.waiting;
  for (let i = 0; i < w.length;) {
    let e = defined(w[i], 'w');
    if (e.kind !== 'call') {
      i++;
      continue;
    }
    if (!e.overdue && e.maxWaitAt !== null && e.maxWaitAt <= now) {
      if (e.offerIds.length === 0) {
        overflow(d, i, 'max_wait'); // removes w[i]: the next entry moves into i
        continue;
      }
      d.setEntry(i, (e = { ...e, overdue: true }));
    }
    if (e.nextAnnounceAt !== null && e.nextAnnounceAt <= now) {
      if (e.offerIds.length === 0) announce(d, i);
      d.setEntry(i, { ...e, nextAnnounceAt: interval > 0 ? now + interval : null });
    }
    i++;
  }
}
