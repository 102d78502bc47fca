// Customer-center FAQ (S19): the org's own entries and the platform-wide ones (org_id null).
import { asc, eq } from 'drizzle-orm';
import { newId } from '../ids';
import { faqs } from './schema';
import type { OrgDb } from './scope';

export type Faq = typeof faqs.$inferSelect;

export async function listVisibleFaqs(scope: OrgDb): Promise<Faq[]> {
  return scope.db.select().from(faqs).where(scope.whereVisible(faqs)).orderBy(asc(faqs.sortOrder), asc(faqs.id)).all();
}

export async function findVisibleFaq(scope: OrgDb, id: string): Promise<Faq | undefined> {
  return scope.db
    .select()
    .from(faqs)
    .where(scope.whereVisible(faqs, eq(faqs.id, id)))
    .get();
}

export type NewFaq = { orgId: string | null; question: string; answer: string; sortOrder: number };

export async function insertFaq(scope: OrgDb, input: NewFaq): Promise<Faq> {
  const [row] = await scope.db
    .insert(faqs)
    .values({ id: newId('faq'), ...input })
    .returning();
  if (!row) throw new Error('faq insert returned nothing');
  return row;
}

export async function deleteVisibleFaq(scope: OrgDb, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(faqs)
    .where(scope.whereVisible(faqs, eq(faqs.id, id)))
    .returning({ id: faqs.id });
  return rows.length > 0;
}
