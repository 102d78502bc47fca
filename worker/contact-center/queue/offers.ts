// The queue's offers as leases (C3, C4): making one, ending one (the agent's presence as the queue
// now assumes it, the cancel the agent's phone needs), taking an entry out of the line with its
// offers, the overflow, and an answer accepted (counted against the service level). Pure.
import type { PresenceState } from '../agent';
import type { CancelReason, QueueMember, QueueOffer, WaitingEntry } from '../queue-types';
import { defined } from '../../defined';
import { OFFER_LEASE_SLACK_MS, OFFER_MIN_RING_SECS } from '../../calls/offer-ring';
import { ref, type Draft } from './draft';

/**
 * Ends an offer. The member's presence becomes `presence` (what the queue now assumes) unless 'keep';
 * `cancel` says why the agent's phone must stop ringing (null when nothing rings any more).
 * A caller whose max wait passed while it rang overflows once no offer is left.
 */
export function endOffer(d: Draft, offerId: string, presence: PresenceState | 'keep', cancel: CancelReason | null) {
  const o = d.s.offers[offerId];
  if (!o) return;
  delete d.s.offers[offerId];
  d.timers.set(`lease:${offerId}`, null);
  const m = d.s.members[o.agentUserId];
  if (m && m.offerId === offerId) d.setMember(m.userId, presence === 'keep' ? { offerId: null } : { offerId: null, presence });
  const i = d.indexOf(o.entryId);
  const e = d.s.waiting[i];
  if (!e) return;
  const next = { ...e, offerIds: e.offerIds.filter((id) => id !== offerId) };
  d.setEntry(i, next);
  if (cancel) d.effects.push({ key: d.key('cancel'), kind: 'cancel_offer', queueId: d.q, offerId, agentUserId: o.agentUserId, reason: cancel, ...ref(e) });
  if (next.kind === 'call' && next.overdue && next.offerIds.length === 0) overflow(d, i, 'max_wait');
}

/** Takes an entry out of the line, withdrawing its offers (agents return to ready). */
export function takeOut(d: Draft, i: number, reason: CancelReason): WaitingEntry {
  const e = defined(d.s.waiting[i], 'waiting');
  if (e.offerIds.length > 0) {
    // The entry is leaving: withdraw without letting endOffer overflow it again.
    d.setEntry(i, { ...e, overdue: false });
    for (const id of e.offerIds) endOffer(d, id, 'ready', reason);
  }
  return d.removeEntryAt(d.indexOf(e.id));
}

export function overflow(d: Draft, i: number, reason: 'max_wait' | 'no_agents') {
  const e = takeOut(d, i, 'overflow');
  const waitMs = Math.max(0, d.now - e.joinedAt);
  d.count('overflowed');
  d.recordWait(waitMs);
  d.effects.push({
    key: d.key('overflow'),
    kind: 'overflow',
    queueId: d.q,
    callSessionId: e.callSessionId ?? e.id,
    to: d.s.config.overflow,
    reason,
    joinedAt: e.joinedAt,
    waitMs,
  });
}

export function makeOffer(d: Draft, i: number, m: QueueMember) {
  const e = defined(d.s.waiting[i], 'waiting');
  const offerSeq = (d.s.offerSeq = Math.max(d.s.offerSeq + 1, d.now * 1024));
  const offerId = `${d.q}:${offerSeq.toString(36)}`;
  // The agent's phone rings the ring timeout (at least the carrier's shortest ring, or a shorter one
  // would never be dialled); the lease holds the offer a little longer for the answer's way back.
  const leaseUntil = d.now + Math.max(OFFER_MIN_RING_SECS, d.s.config.ringTimeoutSeconds) * 1000 + OFFER_LEASE_SLACK_MS;
  const offer: QueueOffer = { offerId, entryId: e.id, agentUserId: m.userId, offeredAt: d.now, leaseUntil };
  d.s.offers[offerId] = offer;
  // The queue assumes ringing until the agent's next report that has seen this offer.
  d.setMember(m.userId, { offerId, presence: 'ringing', lastOfferSeq: offerSeq });
  d.setEntry(i, { ...e, offerIds: [...e.offerIds, offerId] });
  d.timers.set(`lease:${offerId}`, leaseUntil);
  d.effects.push({ key: d.key('offer'), kind: 'offer', queueId: d.q, offerId, offerSeq, agentUserId: m.userId, leaseUntil, ...ref(e) });
}

export function accept(d: Draft, offerId: string) {
  const o = defined(d.s.offers[offerId], 'offers');
  const i = d.indexOf(o.entryId);
  const e = defined(d.s.waiting[i], 'waiting');
  const waitMs = Math.max(0, d.now - e.joinedAt);
  // Answered: it must not overflow when its last offer ends below.
  if (e.overdue) d.setEntry(i, { ...e, overdue: false });
  for (const other of e.offerIds) if (other !== offerId) endOffer(d, other, 'ready', 'answered_elsewhere');
  endOffer(d, offerId, 'on_call', null);
  const m = d.s.members[o.agentUserId];
  if (m) d.setMember(m.userId, { answeredToday: m.answeredToday + 1 });
  d.removeEntryAt(d.indexOf(e.id));
  if (e.kind === 'call') {
    d.count('answered');
    if (waitMs <= d.s.config.serviceLevelSeconds * 1000) d.count('answeredWithinSl');
    d.recordWait(waitMs);
  } else d.count('callbacksWorked');
  d.effects.push({ key: d.key('accepted'), kind: 'answer_accepted', queueId: d.q, offerId, agentUserId: o.agentUserId, waitMs, ...ref(e) });
}
