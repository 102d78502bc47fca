// My phonebook (S17), mounted at /api/phonebook: groups (a name unique per person), contacts (name,
// number stored E.164, memo; a number once per group), bulk import of rows the browser already
// parsed, sent in chunks that are idempotent, with a final summary; and the rows an export writes.
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireUser } from '../auth/session';
import { onUniqueViolation } from '../db/constraints';
import {
  contactInGroup,
  contactsPage,
  countContacts,
  countGroups,
  deleteContact,
  deleteGroup,
  exportContacts,
  findContact,
  findGroup,
  importChunk,
  importedCount,
  insertContact,
  insertGroup,
  listGroups,
  renameGroup,
  updateContact,
  type ContactRow,
  type GroupRow,
} from '../db/contacts';
import type { OrgDb } from '../db/scope';
import type { AppEnv } from '../env';
import { ApiError, conflict, fieldError, invalidField, notFound } from '../errors';
import { coded, outOfRange, requiredText } from '../fields';
import { audit } from '../http/audit';
import { validate, validateId } from '../http/validate';
import { formatNational, PhoneSchema } from '../phone';
import { searchTerms } from './me/lists';
import {
  CHUNK_MAX,
  CONTACTS_MAX,
  ContactExportQuery,
  ContactListQuery,
  GROUPS_MAX,
  GroupIdSchema,
  ImportParam,
  MemoSchema,
  NAME_MAX,
  PhonebookGroupBody,
  ContactFields,
} from '../../contract/requests/phonebook';

const ContactSchema = v.object({ name: ContactFields.name, number: PhoneSchema, memo: ContactFields.memo, groupId: ContactFields.groupId });

const ChunkSchema = v.object({
  groupId: GroupIdSchema,
  /** The index of the chunk's first row in the whole import (0, 200, 400, …). */
  firstRow: v.pipe(
    v.number(),
    v.integer(outOfRange(0, CONTACTS_MAX)),
    v.minValue(0, outOfRange(0, CONTACTS_MAX)),
    v.maxValue(CONTACTS_MAX, outOfRange(0, CONTACTS_MAX)),
  ),
  rows: v.pipe(
    v.array(v.object({ name: requiredText(NAME_MAX), number: PhoneSchema, memo: MemoSchema })),
    v.minLength(1, coded('required', 'At least one row.')),
    v.maxLength(CHUNK_MAX, coded('too_long', `At most ${CHUNK_MAX} rows a chunk.`, { max: CHUNK_MAX })),
  ),
});

function groupView(g: GroupRow & { size?: number }) {
  return { id: g.id, name: g.name, size: g.size ?? 0, createdAt: g.createdAt };
}

function contactView(r: ContactRow) {
  return {
    id: r.id,
    name: r.name,
    number: { e164: r.number, national: formatNational(r.number) },
    memo: r.memo ?? null,
    groupId: r.groupId,
    createdAt: r.createdAt,
  };
}

const groupTaken = () => conflict('A group with this name exists.', [fieldError('name', 'taken', 'Name taken.')]);
const numberTaken = () => conflict('The group already holds this number.', [fieldError('number', 'taken', 'Already in the group.')]);

/** The group a request names, or a 400 `not_in_org` when it is nobody's of this person. */
async function ownGroup(scope: OrgDb, userId: string, groupId: string | null): Promise<GroupRow | null> {
  if (groupId === null) return null;
  const group = await findGroup(scope, userId, groupId);
  if (!group) throw invalidField('groupId', 'not_in_org', 'No such group.');
  return group;
}

function phonebookFull(field: string) {
  return new ApiError(400, 'invalid', `A phonebook holds at most ${CONTACTS_MAX} contacts.`, [
    fieldError(field, 'list_full', 'The phonebook is full.', { max: CONTACTS_MAX }),
  ]);
}

export const phonebookRoutes = new Hono<AppEnv>()
  .use('*', requireUser)
  // ── Groups ──
  .get('/groups', async (c) => {
    const groups = await listGroups(c.get('scope'), c.get('user').id);
    return c.json({ groups: groups.map(groupView) });
  })
  .post('/groups', validate('json', PhonebookGroupBody), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { name } = c.req.valid('json');
    if ((await countGroups(scope, me.id)) >= GROUPS_MAX) {
      throw new ApiError(400, 'invalid', `At most ${GROUPS_MAX} groups.`, [fieldError('name', 'list_full', 'Too many groups.', { max: GROUPS_MAX })]);
    }
    const group = await onUniqueViolation(
      () => insertGroup(scope, me.id, name),
      () => {
        throw groupTaken();
      },
    );
    await audit(c, 'contact_group.added', { targetType: 'contact_group', targetId: group.id });
    return c.json({ group: groupView(group) }, 201);
  })
  .patch('/groups/:id', validateId(), validate('json', PhonebookGroupBody), async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    const group = await onUniqueViolation(
      () => renameGroup(scope, c.get('user').id, id, c.req.valid('json').name),
      () => {
        throw groupTaken();
      },
    );
    if (!group) throw notFound('No such group.');
    await audit(c, 'contact_group.renamed', { targetType: 'contact_group', targetId: id });
    return c.json({ group: groupView(group) });
  })
  .delete('/groups/:id', validateId(), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteGroup(c.get('scope'), c.get('user').id, id))) throw notFound('No such group.');
    await audit(c, 'contact_group.removed', { targetType: 'contact_group', targetId: id });
    return c.json({ ok: true });
  })
  // ── Contacts ──
  .get('/contacts', validate('query', ContactListQuery), async (c) => {
    const { group, q, offset, limit } = c.req.valid('query');
    const groupId = group === undefined ? undefined : group === 'none' ? null : group;
    const page = await contactsPage(c.get('scope'), c.get('user').id, { groupId, ...searchTerms(q), offset, limit });
    return c.json({ contacts: page.rows.map(contactView), total: page.total });
  })
  .post('/contacts', validate('json', ContactSchema), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const input = c.req.valid('json');
    await ownGroup(scope, me.id, input.groupId);
    if (await contactInGroup(scope, me.id, input.groupId, input.number)) throw numberTaken();
    if ((await countContacts(scope, me.id)) >= CONTACTS_MAX) throw phonebookFull('number');
    const contact = await onUniqueViolation(
      () => insertContact(scope, me.id, input),
      () => {
        throw numberTaken();
      },
    );
    // Names and numbers stay out of the audit log.
    await audit(c, 'contact.added', { targetType: 'contact', targetId: contact.id });
    return c.json({ contact: contactView(contact) }, 201);
  })
  .patch('/contacts/:id', validateId(), validate('json', ContactSchema), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    if (!(await findContact(scope, me.id, id))) throw notFound('No such contact.');
    await ownGroup(scope, me.id, input.groupId);
    const other = await contactInGroup(scope, me.id, input.groupId, input.number);
    if (other && other.id !== id) throw numberTaken();
    const contact = await onUniqueViolation(
      () => updateContact(scope, me.id, id, input),
      () => {
        throw numberTaken();
      },
    );
    if (!contact) throw notFound('No such contact.');
    await audit(c, 'contact.changed', { targetType: 'contact', targetId: id });
    return c.json({ contact: contactView(contact) });
  })
  .delete('/contacts/:id', validateId(), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteContact(c.get('scope'), c.get('user').id, id))) throw notFound('No such contact.');
    await audit(c, 'contact.removed', { targetType: 'contact', targetId: id });
    return c.json({ ok: true });
  })
  // ── Bulk import ──
  .post('/imports/:importId/chunks', validate('param', ImportParam), validate('json', ChunkSchema), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { importId } = c.req.valid('param');
    const { groupId, firstRow, rows } = c.req.valid('json');
    await ownGroup(scope, me.id, groupId);
    // A retried chunk is already counted; a little room over the limit is the price of a cheap check.
    if ((await countContacts(scope, me.id)) + rows.length > CONTACTS_MAX + CHUNK_MAX) throw phonebookFull('rows');
    const result = await importChunk(scope, me.id, { importId, firstRow, groupId, rows });
    return c.json(result);
  })
  // The final summary, once the browser has sent every chunk (again after a retry: it only counts).
  .post('/imports/:importId/finish', validate('param', ImportParam), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { importId } = c.req.valid('param');
    const imported = await importedCount(scope, me.id, importId);
    if (imported > 0) await audit(c, 'contact.imported', { targetType: 'import', targetId: importId, detail: { imported } });
    return c.json({ imported, total: await countContacts(scope, me.id) });
  })
  // ── Export ──
  .get('/export', validate('query', ContactExportQuery), async (c) => {
    const scope = c.get('scope');
    const me = c.get('user');
    const { group } = c.req.valid('query');
    if (group !== undefined && !(await findGroup(scope, me.id, group))) throw notFound('No such group.');
    const rows = await exportContacts(scope, me.id, group);
    return c.json({
      contacts: rows.map((r) => ({ name: r.name, number: { e164: r.number, national: formatNational(r.number) }, memo: r.memo ?? null, group: r.groupName })),
    });
  });
