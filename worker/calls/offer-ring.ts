// How long an agent's phone rings for an offer (issue 19): never past the offer's lease. The Queue
// (or, for a transfer, the API that asked the target's Agent object) sets leaseUntil on its own clock
// and refuses an answer that reaches it after; the call that dials the phone knows only its own
// `now`, a little later and on another object's clock. So the phone rings the lease still left,
// less a margin for the answer's way back (carrier → webhook → CallSession → Queue) and for the two
// clocks, rounded down to whole seconds (the carrier's timeout_secs); the flow's ring timer is set
// from the same figure. When too little is left to ring meaningfully the phone is not dialled at all:
// the offer ends as not taken (the agent was never rung) and the call or request stays in line.
// Shared by every flow that rings an agent for an offer. Pure.
import type { CcEffect } from './queue/effects';

/** What the answer's return trip and the clock difference between two objects may take. */
export const OFFER_ANSWER_MARGIN_MS = 500;
/**
 * A lease is the ring asked for plus this slack (the Queue's ring timeout, a transfer's 20 s): a call
 * that starts within a second of the offer rings the whole ring asked for and still ends, with the
 * margin, inside the lease.
 */
export const OFFER_LEASE_SLACK_MS = 1_500;
/** The carrier's shortest ring (Telnyx dial `timeout_secs`: "Minimum value is 5 seconds"). */
export const OFFER_MIN_RING_SECS = 5;
/** The carrier's longest ring. */
const MAX_RING_SECS = 600;

/** Seconds to ring for an offer whose lease ends at `leaseUntil`, seen at `now`; null = do not dial. */
export function offerRingSecs(leaseUntil: number, now: number): number | null {
  const secs = Math.min(MAX_RING_SECS, Math.floor((leaseUntil - now - OFFER_ANSWER_MARGIN_MS) / 1000));
  return secs >= OFFER_MIN_RING_SECS ? secs : null;
}

/**
 * An offer that came too late to ring: the agent's object puts the agent back to ready (never rung,
 * so no missed offer), and the Queue ends the offer as arrived late (`expired`: the agent is ready),
 * which leaves the call or request in line for the next offer. `queueId` null: a transfer's offer.
 */
export function lateOfferEffects(key: string, orgId: string, queueId: string | null, userId: string, offerId: string): CcEffect[] {
  const effects: CcEffect[] = [{ key: `${key}:agent`, kind: 'agent', orgId, userId, input: { kind: 'offer_cancelled', offerId } }];
  if (queueId) effects.push({ key: `${key}:queue`, kind: 'queue', op: 'late', orgId, queueId, offerId });
  return effects;
}
