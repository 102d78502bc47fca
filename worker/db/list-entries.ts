// A staff member's spam (S9) and free-pass (S10) lists, with memos and temporary blocks (B3):
// paged newest first, searched by digits or memo. Numbers are E.164 (worker/phone.ts).
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { newId } from '../ids';
import type { ListKind } from '../routing/lists';
import { listEntries } from './schema';
import type { OrgDb } from './scope';

export type ListEntryRow = typeof listEntries.$inferSelect;
export type ListCursor = { createdAt: number; id: string };
export type ListFilter = {
  kind: ListKind;
  /** Digits anywhere in the number (national digits without the leading 0 match E.164), or text in the memo. */
  digits?: string;
  text?: string;
  before?: ListCursor;
  limit: number;
};

const like = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function listEntriesPage(scope: OrgDb, userId: string, f: ListFilter): Promise<ListEntryRow[]> {
  const search = or(
    f.digits ? sql`${listEntries.number} LIKE ${like(f.digits)} ESCAPE '\\'` : undefined,
    f.text ? sql`${listEntries.memo} LIKE ${like(f.text)} ESCAPE '\\'` : undefined,
  );
  return scope.db
    .select()
    .from(listEntries)
    .where(
      scope.where(
        listEntries,
        eq(listEntries.userId, userId),
        eq(listEntries.kind, f.kind),
        f.digits || f.text ? search : undefined,
        f.before
          ? or(lt(listEntries.createdAt, f.before.createdAt), and(eq(listEntries.createdAt, f.before.createdAt), lt(listEntries.id, f.before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(listEntries.createdAt), desc(listEntries.id))
    .limit(f.limit)
    .all();
}

export async function countListEntries(scope: OrgDb, userId: string, kind: ListKind): Promise<number> {
  return scope.db.$count(listEntries, scope.where(listEntries, eq(listEntries.userId, userId), eq(listEntries.kind, kind)));
}

/** The user's entries for one number, on either list. */
export async function entriesForNumber(scope: OrgDb, userId: string, number: string): Promise<ListEntryRow[]> {
  return scope.db
    .select()
    .from(listEntries)
    .where(scope.where(listEntries, eq(listEntries.userId, userId), eq(listEntries.number, number)))
    .all();
}

export async function insertListEntry(
  scope: OrgDb,
  userId: string,
  input: { kind: ListKind; number: string; memo: string | null; expiresAt: number | null },
): Promise<ListEntryRow> {
  const [row] = await scope.db
    .insert(listEntries)
    .values({ id: newId('lst'), orgId: scope.orgId, userId, ...input, createdAt: Date.now() })
    .returning();
  if (!row) throw new Error('list entry insert returned nothing');
  return row;
}

/** A temporary block extended or made again: new expiry and memo, and it moves to the top of the list. */
export async function renewListEntry(
  scope: OrgDb,
  userId: string,
  id: string,
  patch: { memo: string | null; expiresAt: number | null },
): Promise<ListEntryRow | undefined> {
  const [row] = await scope.db
    .update(listEntries)
    .set({ ...patch, createdAt: Date.now() })
    .where(scope.where(listEntries, eq(listEntries.userId, userId), eq(listEntries.id, id)))
    .returning();
  return row;
}

export async function deleteListEntry(scope: OrgDb, userId: string, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(listEntries)
    .where(scope.where(listEntries, eq(listEntries.userId, userId), eq(listEntries.id, id)))
    .returning({ id: listEntries.id });
  return rows.length > 0;
}
