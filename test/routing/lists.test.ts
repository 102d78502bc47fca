// List entries as the engine sees them: one lookup however long the list, expiry exclusive.
import { describe, expect, it } from 'vitest';
import { entryOf, ListIndex, type ListEntry } from '../../worker/routing/lists';

const N = '+821012345678';

describe('entryOf', () => {
  it('prefers an entry in force, a permanent one first, then the latest expiry; an expired one only to say so', () => {
    const now = 1_000;
    const expired: ListEntry = { kind: 'spam', number: N, expiresAt: 1_000 };
    const soon: ListEntry = { kind: 'spam', number: N, expiresAt: 2_000 };
    const later: ListEntry = { kind: 'spam', number: N, expiresAt: 3_000 };
    const permanent: ListEntry = { kind: 'spam', number: N, expiresAt: null };
    expect(entryOf([expired], N, 'spam', now)).toBe(expired);
    expect(entryOf([expired, soon, later], N, 'spam', now)).toBe(later);
    expect(entryOf([soon, permanent, later], N, 'spam', now)).toBe(permanent);
    expect(entryOf([permanent], N, 'free_pass', now)).toBeUndefined();
    expect(entryOf([permanent], '+821000000000', 'spam', now)).toBeUndefined();
  });

  it('an index of 10,000 entries finds the caller’s entries, and only theirs', () => {
    const entries: ListEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
      kind: i % 2 ? 'spam' : 'free_pass',
      number: `+8210${String(10_000_000 + i)}`,
      expiresAt: null,
    }));
    const index = new ListIndex(entries);
    expect(index.size).toBe(10_000);
    expect(index.entriesFor('+821010000007')).toEqual([{ kind: 'spam', number: '+821010000007', expiresAt: null }]);
    expect(entryOf(index, '+821010000008', 'free_pass', 0)?.number).toBe('+821010000008');
    expect(index.entriesFor('+821099999999')).toEqual([]);
  });
});
