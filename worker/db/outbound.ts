// Masked outbound calls (S11): the org's access number, the caller ID a staff member's calls show
// (the profile's outbound caller ID, else their safe number), and the dial-in caller recognised by
// the mobile they call from. Every read goes through the org's scope.
import { and, asc, eq, ne } from 'drizzle-orm';
import { mayDial } from '../destinations';
import { orgs, users, virtualNumbers } from './schema';
import type { OrgDb } from './scope';

/** The org's access number (kind 'access'; the first by number when there are several), or undefined. */
export async function accessNumberOf(scope: OrgDb): Promise<string | undefined> {
  const row = await scope.db
    .select({ e164: virtualNumbers.e164 })
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.kind, 'access')))
    .orderBy(asc(virtualNumbers.e164))
    .get();
  return row?.e164;
}

/** What a user's masked calls show the citizen: their outbound caller ID, else their (first) safe number; null = none. */
export async function outboundCallerIdOf(scope: OrgDb, user: { id: string; outboundCallerId: string | null }): Promise<string | null> {
  if (user.outboundCallerId) return user.outboundCallerId;
  const own = await scope.db
    .select({ e164: virtualNumbers.e164 })
    .from(virtualNumbers)
    .where(scope.where(virtualNumbers, eq(virtualNumbers.ownerUserId, user.id), eq(virtualNumbers.kind, 'safe_number')))
    .orderBy(asc(virtualNumbers.e164))
    .get();
  return own?.e164 ?? null;
}

/** Everything the click-to-call route needs about the org in one batch: the access number and the recording policy. */
export async function outboundOrgFacts(scope: OrgDb): Promise<{ accessNumber: string | undefined; recording: boolean; notice: string | null }> {
  const [access, org] = await Promise.all([
    accessNumberOf(scope),
    scope.db
      .select({ recording: orgs.recordingEnabled, notice: orgs.recordingNoticeText, disabled: orgs.disabled })
      .from(orgs)
      .where(eq(orgs.id, scope.orgId))
      .get(),
  ]);
  return { accessNumber: org?.disabled ? undefined : access, recording: org?.recording ?? false, notice: org?.notice ?? null };
}

/**
 * The enabled user of the org whose registered mobile is `caller` (E.164), with their caller ID; the
 * platform operator never. A mobile the destination policy refuses is nobody's (it could not be rung either).
 */
export async function dialInCaller(scope: OrgDb, caller: string): Promise<{ userId: string; callerId: string | null } | null> {
  if (!mayDial(caller, 'person')) return null;
  const user = await scope.db
    .select({ id: users.id, outboundCallerId: users.outboundCallerId })
    .from(users)
    .where(scope.where(users, and(eq(users.mobile, caller), eq(users.disabled, false), ne(users.role, 'operator'))))
    .orderBy(asc(users.createdAt))
    .get();
  if (!user) return null;
  return { userId: user.id, callerId: await outboundCallerIdOf(scope, user) };
}
