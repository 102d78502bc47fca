// A staff member's phonebook (S17): groups and contacts, searched by name or digits, and bulk
// import chunks written with insert-or-ignore so a chunk sent twice writes nothing twice.
// Numbers are E.164 (worker/phone.ts); every query is scoped to the org and the owner.
import { and, asc, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { contactGroups, contacts } from './schema';
import type { OrgDb } from './scope';

export type ContactRow = typeof contacts.$inferSelect;
export type GroupRow = typeof contactGroups.$inferSelect;
export type ContactInput = { name: string; number: string; memo: string | null; groupId: string | null };

/** D1 binds at most 100 parameters a statement; a contact row binds 8. */
const ROWS_PER_INSERT = 12;

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
const sameGroup = (groupId: string | null) => (groupId === null ? isNull(contacts.groupId) : eq(contacts.groupId, groupId));

// ── Groups ────────────────────────────────────────────────────────────────────

// Columns named in full: inside a select list drizzle writes bare column names, which the subquery would read as its own.
export async function listGroups(scope: OrgDb, userId: string): Promise<(GroupRow & { size: number })[]> {
  const rows = await scope.db
    .select({ group: contactGroups, size: sql<number>`(SELECT count(*) FROM "contacts" WHERE "contacts"."group_id" = "contact_groups"."id")` })
    .from(contactGroups)
    .where(scope.where(contactGroups, eq(contactGroups.userId, userId)))
    .orderBy(asc(contactGroups.name))
    .all();
  return rows.map((r) => ({ ...r.group, size: r.size }));
}

export async function findGroup(scope: OrgDb, userId: string, id: string): Promise<GroupRow | undefined> {
  return scope.db
    .select()
    .from(contactGroups)
    .where(scope.where(contactGroups, eq(contactGroups.userId, userId), eq(contactGroups.id, id)))
    .get();
}

export async function countGroups(scope: OrgDb, userId: string): Promise<number> {
  return scope.db.$count(contactGroups, scope.where(contactGroups, eq(contactGroups.userId, userId)));
}

export async function insertGroup(scope: OrgDb, userId: string, name: string): Promise<GroupRow> {
  const [row] = await scope.db
    .insert(contactGroups)
    .values({ id: newId('grp'), orgId: scope.orgId, userId, name, createdAt: Date.now() })
    .returning();
  if (!row) throw new Error('group insert returned nothing');
  return row;
}

export async function renameGroup(scope: OrgDb, userId: string, id: string, name: string): Promise<GroupRow | undefined> {
  const [row] = await scope.db
    .update(contactGroups)
    .set({ name })
    .where(scope.where(contactGroups, eq(contactGroups.userId, userId), eq(contactGroups.id, id)))
    .returning();
  return row;
}

/** The group and its contacts, in one batch: nothing is left pointing at a group that is gone. */
export async function deleteGroup(scope: OrgDb, userId: string, id: string): Promise<boolean> {
  const [, removed] = await scope.db.batch([
    scope.db.delete(contacts).where(scope.where(contacts, eq(contacts.userId, userId), eq(contacts.groupId, id))),
    scope.db
      .delete(contactGroups)
      .where(scope.where(contactGroups, eq(contactGroups.userId, userId), eq(contactGroups.id, id)))
      .returning({ id: contactGroups.id }),
  ]);
  return removed.length > 0;
}

// ── Contacts ──────────────────────────────────────────────────────────────────

export type ContactFilter = {
  /** A group's id, `null` for the ungrouped, undefined for all. */
  groupId?: string | null;
  /** Digits anywhere in the number (national digits without the leading 0 match E.164), or text in the name or memo. */
  digits?: string;
  text?: string;
  offset: number;
  limit: number;
};

function contactConditions(scope: OrgDb, userId: string, f: Omit<ContactFilter, 'offset' | 'limit'>) {
  return scope.where(
    contacts,
    eq(contacts.userId, userId),
    f.groupId === undefined ? undefined : sameGroup(f.groupId),
    f.digits ? sql`${contacts.number} LIKE ${escapeLike(f.digits)} ESCAPE '\\'` : undefined,
    f.text ? or(sql`${contacts.name} LIKE ${escapeLike(f.text)} ESCAPE '\\'`, sql`${contacts.memo} LIKE ${escapeLike(f.text)} ESCAPE '\\'`) : undefined,
  );
}

/** A page of contacts in name order, and how many match in all. */
export async function contactsPage(scope: OrgDb, userId: string, f: ContactFilter): Promise<{ rows: ContactRow[]; total: number }> {
  const where = contactConditions(scope, userId, f);
  const [rows, total] = await scope.db.batch([
    scope.db.select().from(contacts).where(where).orderBy(asc(contacts.name), asc(contacts.id)).limit(f.limit).offset(f.offset),
    scope.db.select({ n: count() }).from(contacts).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** Every contact of a group (or all), in group then name order: what an export writes. */
export async function exportContacts(scope: OrgDb, userId: string, groupId: string | undefined): Promise<(ContactRow & { groupName: string | null })[]> {
  const rows = await scope.db
    .select({ contact: contacts, groupName: contactGroups.name })
    .from(contacts)
    .leftJoin(contactGroups, and(eq(contactGroups.id, contacts.groupId), eq(contactGroups.orgId, scope.orgId)))
    .where(scope.where(contacts, eq(contacts.userId, userId), groupId === undefined ? undefined : eq(contacts.groupId, groupId)))
    .orderBy(asc(contactGroups.name), asc(contacts.name), asc(contacts.id))
    .all();
  return rows.map((r) => ({ ...r.contact, groupName: r.groupName }));
}

export async function countContacts(scope: OrgDb, userId: string): Promise<number> {
  return scope.db.$count(contacts, scope.where(contacts, eq(contacts.userId, userId)));
}

export async function findContact(scope: OrgDb, userId: string, id: string): Promise<ContactRow | undefined> {
  return scope.db
    .select()
    .from(contacts)
    .where(scope.where(contacts, eq(contacts.userId, userId), eq(contacts.id, id)))
    .get();
}

/** The contact of that group (or the ungrouped) with that number, if any. */
export async function contactInGroup(scope: OrgDb, userId: string, groupId: string | null, number: string): Promise<ContactRow | undefined> {
  return scope.db
    .select()
    .from(contacts)
    .where(scope.where(contacts, eq(contacts.userId, userId), sameGroup(groupId), eq(contacts.number, number)))
    .get();
}

export async function insertContact(scope: OrgDb, userId: string, input: ContactInput): Promise<ContactRow> {
  const [row] = await scope.db
    .insert(contacts)
    .values({ id: newId('ctc'), orgId: scope.orgId, userId, ...input, createdAt: Date.now() })
    .returning();
  if (!row) throw new Error('contact insert returned nothing');
  return row;
}

export async function updateContact(scope: OrgDb, userId: string, id: string, input: ContactInput): Promise<ContactRow | undefined> {
  const [row] = await scope.db
    .update(contacts)
    .set(input)
    .where(scope.where(contacts, eq(contacts.userId, userId), eq(contacts.id, id)))
    .returning();
  return row;
}

export async function deleteContact(scope: OrgDb, userId: string, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(contacts)
    .where(scope.where(contacts, eq(contacts.userId, userId), eq(contacts.id, id)))
    .returning({ id: contacts.id });
  return rows.length > 0;
}

// ── Bulk import ───────────────────────────────────────────────────────────────

/** The id a row of an import gets: the same on every retry of its chunk, so the chunk is idempotent. */
export function importRowId(importId: string, row: number): string {
  return `ctc_${importId}_${row}`;
}

/**
 * Writes one chunk: rows whose number the group already holds are skipped (insert-or-ignore on the
 * unique keys), all in one batch. Answers which of the chunk's rows are in the phonebook now —
 * written by this call or by an earlier try of the same chunk — so a retry answers the same.
 */
export async function importChunk(
  scope: OrgDb,
  userId: string,
  input: { importId: string; firstRow: number; groupId: string | null; rows: { name: string; number: string; memo: string | null }[] },
): Promise<{ imported: number; skipped: number }> {
  const now = Date.now();
  const values = input.rows.map((r, i) => ({
    id: importRowId(input.importId, input.firstRow + i),
    orgId: scope.orgId,
    userId,
    groupId: input.groupId,
    name: r.name,
    number: r.number,
    memo: r.memo,
    createdAt: now,
  }));
  if (values.length === 0) return { imported: 0, skipped: 0 };
  const inserts = [];
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
    inserts.push(
      scope.db
        .insert(contacts)
        .values(values.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoNothing(),
    );
  }
  const [first, ...rest] = inserts;
  if (first) await scope.db.batch([first, ...rest]);
  const ids = values.map((r) => r.id);
  let imported = 0;
  for (let i = 0; i < ids.length; i += 90) {
    const found = await scope.db
      .select({ n: count() })
      .from(contacts)
      .where(scope.where(contacts, eq(contacts.userId, userId), inArray(contacts.id, ids.slice(i, i + 90))))
      .get();
    imported += found?.n ?? 0;
  }
  return { imported, skipped: values.length - imported };
}

/** How many rows of an import are in the phonebook (its final summary). */
export async function importedCount(scope: OrgDb, userId: string, importId: string): Promise<number> {
  const prefix = importRowId(importId, 0)
    .slice(0, -1)
    .replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return scope.db.$count(contacts, scope.where(contacts, eq(contacts.userId, userId), sql`${contacts.id} LIKE ${`${prefix}%`} ESCAPE '\\'`));
}
