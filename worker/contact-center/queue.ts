// Queue distribution (C3, C4, C12, C13, B5) as a PURE reducer for the Queue Durable Object:
// (state, input, now) → { state, effects, timers, error? }.
//
// The line is ordered by priority (higher first), then by when the caller joined; a callback request
// keeps the place of the call it came from. Offers are leases: each has its own timer
// (`lease:<offerId>`) and ends by itself at leaseUntil, so no agent or caller stays reserved when a
// webhook goes missing. Offers are exclusive: an agent holds at most one offer of this queue and only
// a ready agent gets one; under every strategy but ring-all a caller has at most one offer out (the
// Agent reducer refuses a second offer from another queue). Level n+1 agents join a caller's
// candidates after n × tierWidenSeconds in line (levels counted among logged-in members). Every input
// first settles what is due (expired leases, max wait, announcements), so a late or merged alarm
// changes nothing but timing.
import type { PresenceState } from './agent';
import { nextLocalMidnight } from './periods';
import { estimateWaitSeconds, RECENT_MINUTES } from './queue-view';
import type {
  CancelReason,
  MemberInput,
  QueueConfig,
  QueueCounters,
  QueueEffect,
  QueueInput,
  QueueMember,
  QueueOffer,
  QueueState,
  QueueStep,
  RecentMinute,
  WaitingEntry,
} from './queue-types';
import { defined } from '../defined';
import { OFFER_LEASE_SLACK_MS, OFFER_MIN_RING_SECS } from '../calls/offer-ring';
import { validConfig, validInput } from './queue-checks';

export * from './queue-types';

function emptyCounters(dayEndsAt: number): QueueCounters {
  return {
    dayEndsAt,
    inbound: 0,
    answered: 0,
    answeredWithinSl: 0,
    abandoned: 0,
    overflowed: 0,
    callbacksRequested: 0,
    callbacksWorked: 0,
    waitCount: 0,
    waitSumMs: 0,
    waitMaxMs: 0,
    handledCount: 0,
    handleSumMs: 0,
  };
}

export function initialQueueState(config: QueueConfig, now: number): QueueState {
  if (!validConfig(config)) throw new RangeError('invalid queue configuration');
  return {
    config,
    members: {},
    waiting: [],
    offers: {},
    rrLast: null,
    seq: 0,
    offerSeq: 0,
    tierAt: null,
    today: emptyCounters(nextLocalMidnight(now, config.timezone)),
    recent: [],
  };
}

/** Line order: priority desc, then joinedAt asc, then seq asc. */
function before(a: WaitingEntry, b: WaitingEntry): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt;
  return a.seq < b.seq;
}

/** When a waiting entry needs the reducer again: max wait (unless overdue) or the next announcement. */
export function entryDueAt(e: WaitingEntry): number | null {
  if (e.kind !== 'call') return null;
  const a = e.overdue ? null : e.maxWaitAt;
  const b = e.nextAnnounceAt;
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** Every timer the state needs, by name: what a host restoring from storage arms. */
export function queueTimers(s: QueueState): Map<string, number> {
  const timers = new Map<string, number>();
  for (const o of Object.values(s.offers)) timers.set(`lease:${o.offerId}`, o.leaseUntil);
  for (const e of s.waiting) {
    const at = entryDueAt(e);
    if (at !== null) timers.set(`wait:${e.id}`, at);
  }
  if (s.tierAt !== null) timers.set('tier', s.tierAt);
  return timers;
}

class Draft {
  readonly s: QueueState;
  readonly effects: QueueEffect[] = [];
  readonly timers = new Map<string, number | null>();
  /** Entry ids that joined in this step (announced once distribution has run). */
  joined: string | null = null;

  constructor(
    prev: QueueState,
    readonly now: number,
  ) {
    this.s = { ...prev, members: { ...prev.members }, waiting: [...prev.waiting], offers: { ...prev.offers } };
  }

  get q() {
    return this.s.config.queueId;
  }

  nextSeq(): number {
    return ++this.s.seq;
  }

  key(kind: string): string {
    // The instant keeps keys unique even if a reset state starts counting again.
    return `${kind}:${this.q}:${this.now.toString(36)}.${this.nextSeq().toString(36)}`;
  }

  setEntry(i: number, next: WaitingEntry) {
    const prev = this.s.waiting[i];
    this.s.waiting[i] = next;
    const a = prev ? entryDueAt(prev) : null;
    const b = entryDueAt(next);
    if (a !== b) this.timers.set(`wait:${next.id}`, b);
  }

  insertEntry(e: WaitingEntry) {
    const w = this.s.waiting;
    let lo = 0;
    let hi = w.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(defined(w[mid], 'w'), e)) lo = mid + 1;
      else hi = mid;
    }
    w.splice(lo, 0, e);
    const at = entryDueAt(e);
    if (at !== null) this.timers.set(`wait:${e.id}`, at);
  }

  removeEntryAt(i: number): WaitingEntry {
    const [e] = this.s.waiting.splice(i, 1);
    if (!e) throw new Error('no entry');
    if (entryDueAt(e) !== null) this.timers.set(`wait:${e.id}`, null);
    return e;
  }

  indexOf(id: string): number {
    return this.s.waiting.findIndex((e) => e.id === id);
  }

  setMember(userId: string, patch: Partial<QueueMember>) {
    const m = this.s.members[userId];
    if (m) this.s.members[userId] = { ...m, ...patch };
  }

  recordWait(waitMs: number) {
    const t = (this.s.today = { ...this.s.today });
    t.waitCount++;
    t.waitSumMs += waitMs;
    t.waitMaxMs = Math.max(t.waitMaxMs, waitMs);
  }

  count(field: 'inbound' | 'answered' | 'answeredWithinSl' | 'abandoned' | 'overflowed' | 'callbacksRequested' | 'callbacksWorked') {
    this.s.today = { ...this.s.today, [field]: this.s.today[field] + 1 };
  }
}

function ref(e: WaitingEntry) {
  return { entryId: e.id, callSessionId: e.callSessionId, callbackId: e.callbackId };
}

/**
 * Ends an offer. The member's presence becomes `presence` (what the queue now assumes) unless 'keep';
 * `cancel` says why the agent's phone must stop ringing (null when nothing rings any more).
 * A caller whose max wait passed while it rang overflows once no offer is left.
 */
function endOffer(d: Draft, offerId: string, presence: PresenceState | 'keep', cancel: CancelReason | null) {
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
function takeOut(d: Draft, i: number, reason: CancelReason): WaitingEntry {
  const e = defined(d.s.waiting[i], 'waiting');
  if (e.offerIds.length > 0) {
    // The entry is leaving: withdraw without letting endOffer overflow it again.
    d.setEntry(i, { ...e, overdue: false });
    for (const id of e.offerIds) endOffer(d, id, 'ready', reason);
  }
  return d.removeEntryAt(d.indexOf(e.id));
}

function overflow(d: Draft, i: number, reason: 'max_wait' | 'no_agents') {
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

function announce(d: Draft, i: number) {
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
function sweep(d: Draft) {
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

function makeOffer(d: Draft, i: number, m: QueueMember) {
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

/** Offers waiting entries, in line order, to ready agents of their tier; then arms the tier timer. */
function distribute(d: Draft) {
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

function accept(d: Draft, offerId: string) {
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

function configure(d: Draft, config: QueueConfig, members: MemberInput[]) {
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
function presenceChanged(d: Draft, userId: string, since: number, seenOfferSeq: number, patch: Partial<QueueMember> & { presence: PresenceState }) {
  const m = d.s.members[userId];
  if (!m || since < m.since || seenOfferSeq < m.lastOfferSeq) return;
  // The agent saw the offer and has left the ringing it caused (forced, logged out): withdraw it.
  if (m.offerId && patch.presence !== 'ringing' && patch.presence !== 'on_call') endOffer(d, m.offerId, 'keep', 'agent_unavailable');
  d.setMember(userId, { ...patch, since });
}

/** Adds to this minute's bucket and drops buckets older than the window (at most 30 kept). */
function countRecent(recent: RecentMinute[], now: number, add: Omit<RecentMinute, 'minute'>): RecentMinute[] {
  const minute = Math.floor(now / 60_000);
  const kept = recent.filter((m) => m.minute > minute - RECENT_MINUTES);
  const last = kept[kept.length - 1];
  if (last && last.minute === minute)
    kept[kept.length - 1] = { minute, arrivals: last.arrivals + add.arrivals, handled: last.handled + add.handled, handleMs: last.handleMs + add.handleMs };
  else kept.push({ minute, ...add });
  return kept;
}

export function reduceQueue(state: QueueState, input: QueueInput, now: number): QueueStep {
  if (!validInput(input)) return { state, effects: [], timers: [], error: { code: input.kind === 'configure' ? 'invalid_config' : 'invalid_input' } };
  const d = new Draft(state, now);
  const s = d.s;
  sweep(d);

  switch (input.kind) {
    case 'configure':
      configure(d, input.config, input.members);
      break;
    case 'caller_joined': {
      if (d.indexOf(input.callSessionId) >= 0) break;
      d.count('inbound');
      s.recent = countRecent(s.recent, now, { arrivals: 1, handled: 0, handleMs: 0 });
      if (!Object.values(s.members).some((m) => m.presence !== 'offline')) {
        d.count('overflowed');
        d.recordWait(0);
        d.effects.push({
          key: d.key('overflow'),
          kind: 'overflow',
          queueId: d.q,
          callSessionId: input.callSessionId,
          to: s.config.overflow,
          reason: 'no_agents',
          joinedAt: now,
          waitMs: 0,
        });
        break;
      }
      const interval = s.config.announceIntervalSeconds * 1000;
      d.insertEntry({
        id: input.callSessionId,
        kind: 'call',
        callSessionId: input.callSessionId,
        callbackId: null,
        priority: input.priority ?? 0,
        joinedAt: now,
        seq: d.nextSeq(),
        maxWaitAt: now + s.config.maxWaitSeconds * 1000,
        overdue: false,
        nextAnnounceAt: interval > 0 ? now + interval : null,
        offerIds: [],
      });
      d.joined = input.callSessionId;
      break;
    }
    case 'caller_left': {
      const i = d.indexOf(input.callSessionId);
      if (i < 0 || defined(s.waiting[i], 'waiting').kind !== 'call') break;
      const e = takeOut(d, i, 'caller_left');
      const waitMs = Math.max(0, now - e.joinedAt);
      d.count('abandoned');
      d.recordWait(waitMs);
      d.effects.push({ key: d.key('abandoned'), kind: 'abandoned', queueId: d.q, callSessionId: input.callSessionId, waitMs });
      break;
    }
    case 'callback_requested': {
      const i = d.indexOf(input.callSessionId);
      if (i < 0 || defined(s.waiting[i], 'waiting').kind !== 'call') return { state, effects: [], timers: [], error: { code: 'invalid_input' } };
      if (d.indexOf(input.callbackId) >= 0) break;
      const e = takeOut(d, i, 'callback_requested');
      const waitMs = Math.max(0, now - e.joinedAt);
      d.count('callbacksRequested');
      d.recordWait(waitMs);
      // Same priority, time and seq: the request stands exactly where the call stood.
      d.insertEntry({
        ...e,
        id: input.callbackId,
        kind: 'callback',
        callbackId: input.callbackId,
        maxWaitAt: null,
        overdue: false,
        nextAnnounceAt: null,
        offerIds: [],
      });
      d.effects.push({
        key: d.key('callback'),
        kind: 'callback_queued',
        queueId: d.q,
        callbackId: input.callbackId,
        callSessionId: input.callSessionId,
        queuedAt: e.joinedAt,
        waitMs,
      });
      break;
    }
    case 'callback_added': {
      if (d.indexOf(input.callbackId) >= 0) break;
      d.insertEntry({
        id: input.callbackId,
        kind: 'callback',
        callSessionId: null,
        callbackId: input.callbackId,
        priority: input.priority ?? 0,
        joinedAt: input.queuedAt,
        seq: d.nextSeq(),
        maxWaitAt: null,
        overdue: false,
        nextAnnounceAt: null,
        offerIds: [],
      });
      break;
    }
    case 'callback_removed': {
      const i = d.indexOf(input.callbackId);
      if (i >= 0 && defined(s.waiting[i], 'waiting').kind === 'callback') takeOut(d, i, 'removed');
      break;
    }
    case 'agent_ready':
      presenceChanged(d, input.userId, input.since, input.seenOfferSeq, { presence: 'ready', idleSince: input.idleSince });
      break;
    case 'agent_unavailable':
      // Ringing keeps the idle time: if the offer is withdrawn the agent is as idle as before.
      presenceChanged(
        d,
        input.userId,
        input.since,
        input.seenOfferSeq,
        input.presence === 'ringing' ? { presence: 'ringing' } : { presence: input.presence, idleSince: null },
      );
      break;
    case 'offer_answered': {
      // sweep() already ended leases that ran out: an answer after leaseUntil is refused.
      if (s.offers[input.offerId]) accept(d, input.offerId);
      else d.effects.push({ key: d.key('refused'), kind: 'answer_refused', queueId: d.q, offerId: input.offerId });
      break;
    }
    case 'offer_declined': {
      const o = s.offers[input.offerId];
      if (!o) break;
      // Refused as expired: the agent is ready, the offer arrived late. Refused as not ready: busy
      // elsewhere. Declined, missed or forced away: the Agent DO sets break.
      const presence: PresenceState = input.reason === 'expired' ? 'ready' : input.reason === 'not_ready' ? 'ringing' : 'break';
      endOffer(d, input.offerId, presence, 'declined');
      break;
    }
    case 'handled': {
      s.recent = countRecent(s.recent, now, { arrivals: 0, handled: 1, handleMs: input.handleMs });
      s.today = { ...s.today, handledCount: s.today.handledCount + 1, handleSumMs: s.today.handleSumMs + input.handleMs };
      break;
    }
    case 'timer':
      break; // sweep() did the work
  }

  // Nobody logged in any more (C3): live callers overflow rather than wait for no one.
  if (s.waiting.length > 0 && !Object.values(s.members).some((m) => m.presence !== 'offline')) {
    for (const e of [...s.waiting]) {
      const i = d.indexOf(e.id);
      if (e.kind === 'call' && e.offerIds.length === 0 && i >= 0) overflow(d, i, 'no_agents');
    }
  }
  distribute(d);
  if (d.joined !== null) {
    const i = d.indexOf(d.joined);
    if (i >= 0 && defined(s.waiting[i], 'waiting').offerIds.length === 0) announce(d, i);
  }

  const timers = [...d.timers].map(([name, at]) => ({ name, at }));
  return { state: s, effects: d.effects, timers };
}
