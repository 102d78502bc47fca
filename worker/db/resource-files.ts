// Customer-center resource files (S19): their metadata rows; the bytes live in the FILES bucket.
import { desc, eq } from 'drizzle-orm';
import { resourceFiles } from './schema';
import type { OrgDb } from './scope';

export type ResourceFile = typeof resourceFiles.$inferSelect;

export async function listVisibleFiles(scope: OrgDb): Promise<ResourceFile[]> {
  return scope.db.select().from(resourceFiles).where(scope.whereVisible(resourceFiles)).orderBy(desc(resourceFiles.createdAt), desc(resourceFiles.id)).all();
}

export async function findVisibleFile(scope: OrgDb, id: string): Promise<ResourceFile | undefined> {
  return scope.db
    .select()
    .from(resourceFiles)
    .where(scope.whereVisible(resourceFiles, eq(resourceFiles.id, id)))
    .get();
}

export async function insertFile(scope: OrgDb, row: Omit<ResourceFile, 'createdAt'>): Promise<ResourceFile> {
  const [created] = await scope.db
    .insert(resourceFiles)
    .values({ ...row, createdAt: Date.now() })
    .returning();
  if (!created) throw new Error('file insert returned nothing');
  return created;
}

export async function deleteVisibleFile(scope: OrgDb, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(resourceFiles)
    .where(scope.whereVisible(resourceFiles, eq(resourceFiles.id, id)))
    .returning({ id: resourceFiles.id });
  return rows.length > 0;
}
