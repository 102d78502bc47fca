// The spam (S9) and free-pass (S10) lists as the engine sees them: entries keyed by E.164. The
// inbound path hands the engine the few rows it prefetched for the caller; what-if, the bench and
// tests build a ListIndex from a whole list, so a lookup costs the same for 10 or 10,000 entries.

export type ListKind = 'spam' | 'free_pass';
/** One list entry: `expiresAt` (epoch ms) set = temporary (B3); an expired entry never matches. */
export type ListEntry = { kind: ListKind; number: string; expiresAt: number | null };

/** Entries by number; build once per list, look up per call. */
export class ListIndex {
  readonly #byNumber = new Map<string, ListEntry[]>();
  readonly size: number;

  constructor(entries: Iterable<ListEntry>) {
    let n = 0;
    for (const e of entries) {
      const list = this.#byNumber.get(e.number);
      if (list) list.push(e);
      else this.#byNumber.set(e.number, [e]);
      n++;
    }
    this.size = n;
  }

  entriesFor(number: string): readonly ListEntry[] {
    return this.#byNumber.get(number) ?? NONE;
  }
}

const NONE: readonly ListEntry[] = Object.freeze([]);

/** What the engine accepts: the caller's prefetched rows, or an index of whole lists. */
export type ListLookup = readonly ListEntry[] | ListIndex;

/** Whether an entry is in force at `now` (expiry is exclusive: at expiresAt it no longer matches). */
export function inForce(entry: ListEntry, now: number): boolean {
  return entry.expiresAt === null || now < entry.expiresAt;
}

/**
 * The caller's entry of one kind: one in force if any (a permanent one before a temporary one),
 * else an expired one (so the trace can say so), else undefined.
 */
export function entryOf(lists: ListLookup, caller: string, kind: ListKind, now: number): ListEntry | undefined {
  const entries = lists instanceof ListIndex ? lists.entriesFor(caller) : lists;
  let found: ListEntry | undefined;
  for (const e of entries) {
    if (e.kind !== kind || e.number !== caller) continue;
    if (!inForce(e, now)) {
      found ??= e;
      continue;
    }
    if (e.expiresAt === null) return e;
    if (!found || !inForce(found, now) || (found.expiresAt !== null && e.expiresAt > found.expiresAt)) found = e;
  }
  return found;
}
