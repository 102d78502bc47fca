// One step of the queue reducer: the working copy of the state, the effects and timer changes it
// has produced, the line kept in order (priority, then joining time) with each entry's due time,
// and today's counters. Pure.
import type { QueueEffect, QueueMember, QueueState, WaitingEntry } from '../queue-types';
import { defined } from '../../defined';

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

export class Draft {
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

/** The entry's ids as effects carry them. */
export function ref(e: WaitingEntry) {
  return { entryId: e.id, callSessionId: e.callSessionId, callbackId: e.callbackId };
}
