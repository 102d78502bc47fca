// Consult categories (상담 업무/메뉴, C7, C10, C11): what agents file a call under at wrap-up and what
// the statistics group by. Kept once used (wrap-ups name them): switched off, never deleted.
import { asc, eq, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { consultCategories } from './schema';
import type { OrgDb } from './scope';

export type ConsultCategory = { id: string; name: string; sortOrder: number; disabled: boolean };

const columns = { id: consultCategories.id, name: consultCategories.name, sortOrder: consultCategories.sortOrder, disabled: consultCategories.disabled };

/** In display order (then by name, so equal orders are stable). */
export async function listCategories(scope: OrgDb): Promise<ConsultCategory[]> {
  return scope.db
    .select(columns)
    .from(consultCategories)
    .where(scope.where(consultCategories))
    .orderBy(asc(consultCategories.sortOrder), asc(consultCategories.name), asc(consultCategories.id))
    .all();
}

export async function findCategory(scope: OrgDb, id: string): Promise<ConsultCategory | undefined> {
  return scope.db
    .select(columns)
    .from(consultCategories)
    .where(scope.where(consultCategories, eq(consultCategories.id, id)))
    .get();
}

export async function findCategoryByName(scope: OrgDb, name: string): Promise<ConsultCategory | undefined> {
  return scope.db
    .select(columns)
    .from(consultCategories)
    .where(scope.where(consultCategories, eq(consultCategories.name, name)))
    .get();
}

/** A new category goes last unless an order is given. */
export async function insertCategory(scope: OrgDb, input: { name: string; sortOrder?: number }): Promise<ConsultCategory> {
  let sortOrder = input.sortOrder;
  if (sortOrder === undefined) {
    const row = await scope.db
      .select({ max: sql<number | null>`max(${consultCategories.sortOrder})` })
      .from(consultCategories)
      .where(scope.where(consultCategories))
      .get();
    sortOrder = row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }
  const category = { id: newId('cat'), name: input.name, sortOrder, disabled: false };
  await scope.db.insert(consultCategories).values({ ...category, orgId: scope.orgId });
  return category;
}

export async function updateCategory(
  scope: OrgDb,
  id: string,
  patch: Partial<Pick<ConsultCategory, 'name' | 'sortOrder' | 'disabled'>>,
): Promise<ConsultCategory | undefined> {
  if (Object.keys(patch).length === 0) return findCategory(scope, id);
  return scope.db
    .update(consultCategories)
    .set(patch)
    .where(scope.where(consultCategories, eq(consultCategories.id, id)))
    .returning(columns)
    .get();
}

/** Sets the display order to the order of `ids` (every category of the org, each once), in one batch. */
export async function reorderCategories(scope: OrgDb, ids: string[]): Promise<void> {
  const [first, ...rest] = ids.map((id, i) =>
    scope.db
      .update(consultCategories)
      .set({ sortOrder: i })
      .where(scope.where(consultCategories, eq(consultCategories.id, id))),
  );
  if (first) await scope.db.batch([first, ...rest]);
}
