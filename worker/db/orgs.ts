// Organisations: the global lookup by name at login, and an org's own row.
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { orgs } from './schema';
import type { OrgDb } from './scope';

export type Org = typeof orgs.$inferSelect;

export async function findOrgByName(db: Db, name: string): Promise<Org | undefined> {
  return db.select().from(orgs).where(eq(orgs.name, name)).get();
}

export async function getOwnOrg(scope: OrgDb): Promise<Org | undefined> {
  return scope.db.select().from(orgs).where(eq(orgs.id, scope.orgId)).get();
}

/** The org's abuse-shield defaults (B3). */
export async function saveOrgShield(scope: OrgDb, shield: { limit: number; windowMinutes: number; coolOffMinutes: number }): Promise<void> {
  await scope.db
    .update(orgs)
    .set({ shieldLimit: shield.limit, shieldWindowMinutes: shield.windowMinutes, shieldCoolOffMinutes: shield.coolOffMinutes })
    .where(eq(orgs.id, scope.orgId));
}

/** The "send my safe number" template (S12); null = the default text. */
export async function saveSafeNumberSmsTemplate(scope: OrgDb, template: string | null): Promise<void> {
  await scope.db.update(orgs).set({ safeNumberSmsTemplate: template }).where(eq(orgs.id, scope.orgId));
}
