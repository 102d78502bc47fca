// One step of the agent presence reducer: the working copy of the state and the effects it has
// produced, every state change (one history row, one presence report, the ACW length once), the
// release of a ringing offer, and the timers a state needs. Pure.
import type { PresenceState } from '../../../contract/vocabularies';
import { AGENT_LEASE_GRACE_MS, type AgentEffect, type AgentState, type AgentTimerName, type PresenceReason } from './types';

export class Step {
  readonly effects: AgentEffect[] = [];
  constructor(
    readonly s: AgentState,
    readonly now: number,
  ) {}
  /** Unique per agent: the instant keeps keys unique even if a reset state starts counting again. */
  key(kind: string): string {
    this.s.seq++;
    return `${kind}:${this.s.userId}:${this.now.toString(36)}.${this.s.seq}`;
  }
  /** Moves to `state`, writing history and telling queues; a no-op when nothing changes. */
  go(state: PresenceState, reason: PresenceReason, now: number, extra: { changedBy?: string; note?: string } = {}) {
    const s = this.s;
    if (s.state === state && extra.changedBy === undefined) return;
    this.#endAcw(state, now);
    if (state === 'ready' && s.state !== 'ringing') s.idleSince = now;
    if (state !== 'ready' && state !== 'ringing') s.idleSince = null;
    if (state !== 'acw') s.acwUntil = null;
    if (state === 'offline') s.lastCall = null;
    s.state = state;
    s.since = now;
    s.reason = reason;
    const entryId = `ash_${s.userId}_${now}_${s.seq + 1}`;
    this.effects.push({
      key: this.key('history'),
      kind: 'history',
      entryId,
      userId: s.userId,
      state,
      startedAt: now,
      reason,
      changedBy: extra.changedBy ?? null,
      note: extra.note ?? null,
      closes: s.historyId,
    });
    s.historyId = entryId;
    this.report();
  }
  /** Tells the agent's queues where the agent stands, with the offers it has seen. */
  report() {
    const s = this.s;
    this.effects.push({
      key: this.key('presence'),
      kind: 'presence',
      userId: s.userId,
      state: s.state,
      since: s.since,
      reason: s.reason,
      idleSince: s.idleSince,
      available: s.state === 'ready',
      seenOfferSeq: { ...s.seenOfferSeq },
    });
  }
  /** Leaving the ACW that followed a call reports its length once. */
  #endAcw(next: PresenceState, now: number) {
    const s = this.s;
    if (s.state === 'acw' && next !== 'acw' && s.acwOfCall !== null) {
      this.effects.push({ key: this.key('wrapped'), kind: 'call_wrapped', callSessionId: s.acwOfCall, acwMs: Math.max(0, now - s.since) });
      s.acwOfCall = null;
    }
  }
  release(reason: 'declined' | 'missed' | 'forced') {
    const o = this.s.offer;
    if (!o) return;
    this.effects.push({ key: this.key('released'), kind: 'offer_released', offerId: o.offerId, queueId: o.queueId, reason });
    this.s.offer = null;
  }
}

export function cloneState(s: AgentState): AgentState {
  return {
    ...s,
    offer: s.offer && { ...s.offer },
    call: s.call && { ...s.call },
    lastCall: s.lastCall && { ...s.lastCall },
    seenOfferSeq: s.seenOfferSeq,
  };
}

export function timersOf(s: AgentState): Record<AgentTimerName, number | null> {
  return {
    lease: s.state === 'ringing' && s.offer ? s.offer.leaseUntil + AGENT_LEASE_GRACE_MS : null,
    acw: s.state === 'acw' ? s.acwUntil : null,
  };
}
