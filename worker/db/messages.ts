// Outbound message recipients: delivery status from the carrier's message.sent / message.finalized.
import { and, eq, sql } from 'drizzle-orm';
import { globalDb } from './client';
import { messageRecipients } from './schema';
import { dbFor } from './scope';

/** Later states outrank earlier ones, so a reordered message.sent never undoes message.finalized. */
const STATUS_RANK: Record<string, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  delivery_failed: 3,
  sending_failed: 3,
  delivery_unconfirmed: 3,
  expired: 3,
};

const rankOf = sql`CASE ${messageRecipients.status} WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'delivery_failed' THEN 3 WHEN 'sending_failed' THEN 3 WHEN 'delivery_unconfirmed' THEN 3 WHEN 'expired' THEN 3 ELSE -1 END`;

export function isKnownMessageStatus(status: string): boolean {
  return Object.hasOwn(STATUS_RANK, status);
}

/**
 * One UPDATE, no read. With the org known (the send put it in the webhook URL) the write goes
 * through the tenant scope; without it the carrier's message id — globally unique, like the number
 * directory — is the only key the webhook gives us.
 */
export async function updateRecipientStatusByCarrierId(
  env: { DB: D1Database },
  carrierMessageId: string,
  status: string,
  now: number,
  orgId?: string,
): Promise<void> {
  const rank = STATUS_RANK[status];
  if (rank === undefined) return;
  const set = { status, updatedAt: now };
  const newer = sql`${rankOf} < ${rank}`;
  if (orgId) {
    const scope = dbFor(env, orgId);
    await scope.db
      .update(messageRecipients)
      .set(set)
      .where(scope.where(messageRecipients, eq(messageRecipients.carrierMessageId, carrierMessageId), newer));
    return;
  }
  await globalDb(env)
    .update(messageRecipients)
    .set(set)
    .where(and(eq(messageRecipients.carrierMessageId, carrierMessageId), newer));
}
