// My spam (S9) and free-pass (S10) lists, with a memo each, searched by number or memo, and
// temporary blocks that expire (B3: one tap from the history). Numbers are accepted in any common
// Korean format and stored in E.164. Mounted at /api/me/list-entries.
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireUser } from '../../auth/session';
import { onUniqueViolation } from '../../db/constraints';
import { countListEntries, deleteListEntry, entriesForNumber, insertListEntry, listEntriesPage, renewListEntry } from '../../db/list-entries';
import type { AppEnv } from '../../env';
import { ApiError, conflict, fieldError, notFound } from '../../errors';
import { audit } from '../../http/audit';
import { validate, validateId } from '../../http/validate';
import { PhoneSchema } from '../../phone';
import { listEntryView } from '../safe-number-views';
import { ListEntriesQuery, ListEntryAddFields } from '../../../contract/requests/me';

/** A list of this many entries still costs a call one indexed lookup (issue 9 §1); beyond it, clean up first. */
export const LIST_MAX = 10_000;

const { kind, memo, expiresInMinutes } = ListEntryAddFields;
const AddSchema = v.object({ kind, number: PhoneSchema, memo, expiresInMinutes });

/**
 * A search as typed: mostly digits (010-1234, 5678, +82 10…) searches the number, where national
 * digits lose their leading 0 to match E.164; anything else searches the memo.
 */
export function searchTerms(q: string | undefined): { digits?: string; text?: string } {
  if (!q) return {};
  if (/^[+\d][\d\s\-()]*$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    return { digits: digits.startsWith('0') ? digits.slice(1) || '0' : digits };
  }
  return { text: q };
}

export const meListRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  .get('/', validate('query', ListEntriesQuery), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { kind, q, before, limit } = c.req.valid('query');
    const [rows, total] = await Promise.all([listEntriesPage(scope, me.id, { kind, ...searchTerms(q), before, limit }), countListEntries(scope, me.id, kind)]);
    const now = Date.now();
    const last = rows.at(-1);
    return c.json({
      entries: rows.map((r) => listEntryView(r, now)),
      total,
      nextBefore: rows.length === limit && last ? `${last.createdAt}:${last.id}` : null,
    });
  })
  .post('/', validate('json', AddSchema), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { kind, number, memo, expiresInMinutes } = c.req.valid('json');
    const now = Date.now();
    const expiresAt = expiresInMinutes === null ? null : now + expiresInMinutes * 60_000;
    const existing = await entriesForNumber(scope, me.id, number);
    const other = existing.find((e) => e.kind !== kind && (e.expiresAt === null || e.expiresAt > now));
    if (other) throw conflict('The number is on the other list.', [fieldError('number', 'on_other_list', 'On the other list.')]);
    const same = existing.find((e) => e.kind === kind);
    const onList = () => conflict('The number is already on this list.', [fieldError('number', 'taken', 'Already on the list.')]);
    if (same && same.expiresAt === null) throw onList();
    let entry;
    if (same) {
      // A temporary entry (running or run out) is made again: the new expiry (or none) and memo.
      entry = await renewListEntry(scope, me.id, same.id, { memo, expiresAt });
      if (!entry) throw notFound();
    } else {
      if ((await countListEntries(scope, me.id, kind)) >= LIST_MAX) {
        throw new ApiError(400, 'invalid', `A list holds at most ${LIST_MAX} numbers.`, [
          fieldError('number', 'list_full', 'The list is full.', { max: LIST_MAX }),
        ]);
      }
      // A double submit: the other request's insert won the unique key.
      entry = await onUniqueViolation(
        () => insertListEntry(scope, me.id, { kind, number, memo, expiresAt }),
        () => {
          throw onList();
        },
      );
    }
    // The number stays out of the log; the kind and whether it expires say what happened.
    await audit(c, 'list.added', { targetType: 'list_entry', targetId: entry.id, detail: { kind, temporary: expiresAt !== null } });
    return c.json({ entry: listEntryView(entry, now) }, same ? 200 : 201);
  })
  .delete('/:id', validateId(), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteListEntry(c.get('scope'), c.get('user').id, id))) throw notFound('No such list entry.');
    await audit(c, 'list.removed', { targetType: 'list_entry', targetId: id });
    return c.json({ ok: true });
  });
