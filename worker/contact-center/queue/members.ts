// The queue's members: its configuration applied (members added, removed with their offers, levels
// changed) and agents' presence reports, unless stale. Pure.
import type { PresenceState } from '../agent';
import type { MemberInput, QueueConfig, QueueMember } from '../queue-types';
import { nextLocalMidnight } from '../periods';
import type { Draft } from './draft';
import { endOffer } from './offers';

export function configure(d: Draft, config: QueueConfig, members: MemberInput[]) {
  const s = d.s;
  if (config.timezone !== s.config.timezone) s.today = { ...s.today, dayEndsAt: nextLocalMidnight(d.now, config.timezone) };
  s.config = config;
  const wanted = new Map(members.map((m) => [m.userId, m]));
  for (const m of Object.values(s.members)) {
    if (wanted.has(m.userId)) continue;
    if (m.offerId) endOffer(d, m.offerId, 'keep', 'agent_unavailable');
    delete s.members[m.userId];
  }
  for (const w of members) {
    const m = s.members[w.userId];
    if (m) d.setMember(w.userId, { level: w.level });
    else
      s.members[w.userId] = {
        userId: w.userId,
        level: w.level,
        presence: w.presence ?? 'offline',
        since: w.since ?? 0,
        idleSince: w.idleSince ?? null,
        lastOfferSeq: 0,
        offerId: null,
        answeredToday: 0,
      };
  }
}

/**
 * Applies an agent's presence report unless it is stale: older than the last report applied (reports
 * may arrive out of order), or sent before the agent saw this queue's latest offer (what the queue
 * assumed since that offer is newer than the report).
 */
export function presenceChanged(d: Draft, userId: string, since: number, seenOfferSeq: number, patch: Partial<QueueMember> & { presence: PresenceState }) {
  const m = d.s.members[userId];
  if (!m || since < m.since || seenOfferSeq < m.lastOfferSeq) return;
  // The agent saw the offer and has left the ringing it caused (forced, logged out): withdraw it.
  if (m.offerId && patch.presence !== 'ringing' && patch.presence !== 'on_call') endOffer(d, m.offerId, 'keep', 'agent_unavailable');
  d.setMember(userId, { ...patch, since });
}
