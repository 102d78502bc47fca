// Customer-center inquiries (S19): asked by any user, answered by their org's admins or by operators.
// Operators work across organisations, so their reads go through the global client on purpose.
import { desc, eq } from 'drizzle-orm';
import { newId } from '../ids';
import type { Db } from './client';
import { inquiries } from './schema';
import type { OrgDb } from './scope';

export type Inquiry = typeof inquiries.$inferSelect;
export type NewInquiry = Pick<Inquiry, 'orgName' | 'department' | 'safeNumber' | 'title' | 'body'>;

const newestFirst = [desc(inquiries.createdAt), desc(inquiries.id)];

export async function listOwnInquiries(scope: OrgDb, userId: string): Promise<Inquiry[]> {
  return scope.db
    .select()
    .from(inquiries)
    .where(scope.where(inquiries, eq(inquiries.userId, userId)))
    .orderBy(...newestFirst)
    .all();
}

export async function listOrgInquiries(scope: OrgDb): Promise<Inquiry[]> {
  return scope.db
    .select()
    .from(inquiries)
    .where(scope.where(inquiries))
    .orderBy(...newestFirst)
    .all();
}

/** Every organisation's inquiries: the operators' desk. */
export async function listAllInquiries(db: Db): Promise<Inquiry[]> {
  return db
    .select()
    .from(inquiries)
    .orderBy(...newestFirst)
    .all();
}

export async function insertInquiry(scope: OrgDb, userId: string, input: NewInquiry): Promise<Inquiry> {
  const [row] = await scope.db
    .insert(inquiries)
    .values({ id: newId('inq'), orgId: scope.orgId, userId, ...input, createdAt: Date.now() })
    .returning();
  if (!row) throw new Error('inquiry insert returned nothing');
  return row;
}

/** The org an inquiry belongs to, looked up across orgs (operators answer any of them). */
export async function findInquiryOrgId(db: Db, id: string): Promise<string | undefined> {
  const row = await db.select({ orgId: inquiries.orgId }).from(inquiries).where(eq(inquiries.id, id)).get();
  return row?.orgId;
}

export async function answerInquiry(scope: OrgDb, id: string, answer: string, answeredBy: string): Promise<Inquiry | undefined> {
  const [row] = await scope.db
    .update(inquiries)
    .set({ answer, answeredBy, answeredAt: Date.now() })
    .where(scope.where(inquiries, eq(inquiries.id, id)))
    .returning();
  return row;
}
