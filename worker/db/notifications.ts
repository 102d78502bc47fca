// What the live popup and missed-call push read and keep (S14): the caller's phonebook entry, the
// owner's missed calls today, and each device's push subscription.
import { and, count, eq, gte, inArray } from 'drizzle-orm';
import { NOTIFIED_OUTCOMES } from '../calls/media-effects';
import { newId } from '../ids';
import { calls, contactGroups, contacts, orgs, pushSubscriptions } from './schema';
import type { OrgDb } from './scope';

/** The caller in the owner's phonebook (S17): name and group, or undefined when unknown. */
export async function callerContact(scope: OrgDb, userId: string, number: string): Promise<{ name: string; group: string | null } | undefined> {
  if (!number) return undefined;
  const row = await scope.db
    .select({ name: contacts.name, group: contactGroups.name })
    .from(contacts)
    .leftJoin(contactGroups, and(eq(contactGroups.id, contacts.groupId), eq(contactGroups.orgId, scope.orgId)))
    .where(scope.where(contacts, eq(contacts.userId, userId), eq(contacts.number, number)))
    .limit(1)
    .get();
  return row ? { name: row.name, group: row.group ?? null } : undefined;
}

export async function orgTimezone(scope: OrgDb): Promise<string> {
  const row = await scope.db.select({ tz: orgs.timezone }).from(orgs).where(eq(orgs.id, scope.orgId)).get();
  return row?.tz ?? 'Asia/Seoul';
}

/** The owner's missed calls (and voicemails) since an instant: the count a push names. */
export async function missedSince(scope: OrgDb, userId: string, since: number): Promise<number> {
  const row = await scope.db
    .select({ n: count() })
    .from(calls)
    .where(scope.where(calls, eq(calls.ownerUserId, userId), gte(calls.startedAt, since), inArray(calls.outcome, [...NOTIFIED_OUTCOMES])))
    .get();
  return row?.n ?? 0;
}

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

export async function listPushSubscriptions(scope: OrgDb, userId: string): Promise<PushSubscriptionRow[]> {
  return scope.db
    .select()
    .from(pushSubscriptions)
    .where(scope.where(pushSubscriptions, eq(pushSubscriptions.userId, userId)))
    .all();
}

/**
 * Saves a device's subscription for the user. An endpoint is one browser profile: if it was the
 * user's before it is refreshed, and a row of another user or org for it is never taken over (409).
 */
export async function savePushSubscription(
  scope: OrgDb,
  userId: string,
  sub: { endpoint: string; p256dh: string; auth: string; userAgent: string | null },
): Promise<{ id: string } | 'taken'> {
  const existing = await scope.db
    .select({ id: pushSubscriptions.id, orgId: pushSubscriptions.orgId, userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.endpoint, sub.endpoint))
    .get();
  if (existing && (existing.orgId !== scope.orgId || existing.userId !== userId)) return 'taken';
  if (existing) {
    await scope.db
      .update(pushSubscriptions)
      .set({ p256dh: sub.p256dh, auth: sub.auth, userAgent: sub.userAgent })
      .where(scope.where(pushSubscriptions, eq(pushSubscriptions.id, existing.id)));
    return { id: existing.id };
  }
  const id = newId('psh');
  await scope.db.insert(pushSubscriptions).values({ id, orgId: scope.orgId, userId, ...sub });
  return { id };
}

/** Removes one of the user's own subscriptions; false when it was not theirs. */
export async function deletePushSubscriptionById(scope: OrgDb, userId: string, id: string): Promise<boolean> {
  const gone = await scope.db
    .delete(pushSubscriptions)
    .where(scope.where(pushSubscriptions, eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.id, id)))
    .returning({ id: pushSubscriptions.id });
  return gone.length > 0;
}

/** The push service said these no longer exist (404/410): forget them. */
export async function deletePushSubscriptionsById(scope: OrgDb, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await scope.db.delete(pushSubscriptions).where(scope.where(pushSubscriptions, inArray(pushSubscriptions.id, ids)));
}
