// What the carrier simulator's page shows about the people it plays (dev and tests only; the
// simulator is absent in production): every contact-center user with a phone, so a ringing leg can
// be labelled with the agent it calls, and every service number with its queue, to call as a citizen.
// Across organisations on purpose: the page plays the carrier, which serves them all.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from './client';
import { orgs, queues, users, virtualNumbers } from './schema';

export type SimAgentPhone = { userId: string; org: string; loginId: string; name: string; role: string; mobile: string };
export type SimServiceNumber = { e164: string; org: string; queue: string | null };

export async function simAgentPhones(db: Db): Promise<SimAgentPhone[]> {
  return db
    .select({ userId: users.id, org: orgs.name, loginId: users.loginId, name: users.name, role: users.role, mobile: users.mobile })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(inArray(users.role, ['agent', 'supervisor']), isNotNull(users.mobile), eq(users.disabled, false)))
    .orderBy(orgs.name, users.loginId)
    .limit(200)
    .all() as Promise<SimAgentPhone[]>;
}

export async function simServiceNumbers(db: Db): Promise<SimServiceNumber[]> {
  return db
    .select({ e164: virtualNumbers.e164, org: orgs.name, queue: queues.name })
    .from(virtualNumbers)
    .innerJoin(orgs, eq(orgs.id, virtualNumbers.orgId))
    .leftJoin(queues, eq(queues.id, virtualNumbers.queueId))
    .where(eq(virtualNumbers.kind, 'service'))
    .orderBy(orgs.name, virtualNumbers.e164)
    .limit(100)
    .all();
}
