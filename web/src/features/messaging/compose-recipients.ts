// Who the compose screen sends to (S15): typed numbers, whole phonebook groups and single contacts,
// merged into the list the screen shows — names beside numbers, each number once, a count. The
// server resolves and deduplicates for real (worker/messaging/recipients.ts); groups go as ids. Pure.
import type { ContactGroup } from '../../../../contract/phonebook';
import { formatTyped } from '../outbound/format';

/** A contact ticked in the picker, as the recipient list shows it. */
export type PickedContact = { id: string; name: string; e164: string; national: string };
/** One line of the recipient list: a number (with a name when the phonebook knows it) or a whole group. */
export type RecipientLine =
  | { kind: 'number'; key: string; national: string; name: string | null; contactId: string | null; typed: boolean }
  | { kind: 'group'; key: string; id: string; name: string; size: number };

/** A number's comparison key in national digits (010…), whatever way it was typed; null when it has no digits. */
export function numberKey(input: string): string | null {
  const digits = input.replace(/[^0-9+]/g, '');
  const national = digits.startsWith('+82') ? `0${digits.slice(3).replace(/^0/, '')}` : digits.replace(/\+/g, '');
  return national.length > 0 ? national : null;
}

/**
 * The recipient list: typed numbers first (named when a ticked contact has the same number), then
 * ticked contacts not typed already, each number once; then the groups. The count adds each group's
 * size: a group member also typed or ticked is sent once, which only the server can tell.
 */
export function recipientLines(typed: readonly string[], contacts: readonly PickedContact[], groups: readonly ContactGroup[]) {
  const byNumber = new Map<string, PickedContact>();
  for (const c of contacts) {
    const key = numberKey(c.e164);
    if (key && !byNumber.has(key)) byNumber.set(key, c);
  }
  const seen = new Set<string>();
  const lines: RecipientLine[] = [];
  for (const input of typed) {
    const key = numberKey(input) ?? input;
    if (seen.has(key)) continue;
    seen.add(key);
    const contact = byNumber.get(key);
    lines.push({
      kind: 'number',
      key,
      national: contact?.national ?? formatTyped(input),
      name: contact?.name ?? null,
      contactId: contact?.id ?? null,
      typed: true,
    });
  }
  for (const c of contacts) {
    const key = numberKey(c.e164) ?? c.id;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ kind: 'number', key, national: c.national, name: c.name, contactId: c.id, typed: false });
  }
  for (const g of groups) lines.push({ kind: 'group', key: `group:${g.id}`, id: g.id, name: g.name, size: g.size });
  const count = seen.size + groups.reduce((n, g) => n + g.size, 0);
  return { lines, count, duplicates: typed.length + contacts.length - seen.size };
}
