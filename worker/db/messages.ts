// Outbound messages (S15, S16): a message and its recipients written in one batch, recipients
// claimed in batches by the sender, delivery status from the carrier's message.sent /
// message.finalized, the send logs and favourite messages.
import { and, asc, desc, eq, getTableColumns, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { globalDb } from './client';
import { contactGroups, contacts, favouriteMessages, messageRecipients, messages } from './schema';
import { dbFor, type OrgDb } from './scope';

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

// ── Sending (S15): messages, their recipients claimed in batches, the send logs (S16) ──

export type MessageRow = typeof messages.$inferSelect;
export type RecipientRow = typeof messageRecipients.$inferSelect;

/** A claim older than this is taken again: its sender died between the claim and the carrier's answer. */
export const CLAIM_STALE_MS = 2 * 60_000;
/** Rows per INSERT: D1 binds at most 100 parameters per statement, a recipient row takes 7. */
const INSERT_ROWS = 14;

export type NewMessage = {
  userId: string;
  kind: 'sms' | 'lms' | 'mms';
  sender: string;
  subject: string | null;
  text: string;
  mediaKey: string | null;
  /** Null = now: the message starts sending at once. */
  scheduledAt: number | null;
};

/** The message and all its recipients in one batch: a message never exists with half its recipients. */
export async function insertMessage(
  scope: OrgDb,
  m: NewMessage,
  recipients: readonly { number: string; name: string | null }[],
  now: number,
): Promise<MessageRow> {
  const id = newId('msg');
  const row = {
    id,
    orgId: scope.orgId,
    ...m,
    status: m.scheduledAt === null ? ('sending' as const) : ('scheduled' as const),
    createdAt: now,
  };
  const rows = recipients.map((r) => ({
    id: newId('rcp'),
    orgId: scope.orgId,
    messageId: id,
    number: r.number,
    name: r.name,
    status: 'pending',
    updatedAt: now,
  }));
  const inserts = [];
  for (let i = 0; i < rows.length; i += INSERT_ROWS) inserts.push(scope.db.insert(messageRecipients).values(rows.slice(i, i + INSERT_ROWS)));
  await scope.db.batch([scope.db.insert(messages).values(row), ...inserts]);
  return { ...row, sentAt: null };
}

/** Scheduled messages whose time has come, moved to `sending` by one UPDATE: two ticks never both start one. */
export async function startDueMessages(env: { DB: D1Database }, now: number): Promise<string[]> {
  const rows = await globalDb(env)
    .update(messages)
    .set({ status: 'sending' })
    .where(and(eq(messages.status, 'scheduled'), lte(messages.scheduledAt, now)))
    .returning({ id: messages.id });
  return rows.map((r) => r.id);
}

/** Messages still sending (new ones, and ones a failed run left half-way). */
export async function sendingMessages(
  env: { DB: D1Database },
  id?: string,
): Promise<{ id: string; orgId: string; sender: string; text: string; subject: string | null; mediaKey: string | null; kind: string }[]> {
  return globalDb(env)
    .select({
      id: messages.id,
      orgId: messages.orgId,
      sender: messages.sender,
      text: messages.text,
      subject: messages.subject,
      mediaKey: messages.mediaKey,
      kind: messages.kind,
    })
    .from(messages)
    .where(and(eq(messages.status, 'sending'), id ? eq(messages.id, id) : undefined))
    .orderBy(asc(messages.createdAt))
    .all();
}

const claimable = (now: number) =>
  sql`(${messageRecipients.status} = 'pending' OR (${messageRecipients.status} = 'claimed' AND ${messageRecipients.claimedAt} < ${now - CLAIM_STALE_MS}))`;

/**
 * Up to `limit` recipients of a message, claimed in one UPDATE (pending ones, and claims gone stale).
 * D1 runs one statement at a time, so a recipient is claimed by one sender only.
 */
export async function claimRecipients(env: { DB: D1Database }, messageId: string, now: number, limit: number): Promise<{ id: string; number: string }[]> {
  const db = globalDb(env);
  const ids = db
    .select({ id: messageRecipients.id })
    .from(messageRecipients)
    .where(and(eq(messageRecipients.messageId, messageId), claimable(now)))
    .limit(limit);
  return db
    .update(messageRecipients)
    .set({ status: 'claimed', claimedAt: now, updatedAt: now })
    .where(and(inArray(messageRecipients.id, ids), claimable(now)))
    .returning({ id: messageRecipients.id, number: messageRecipients.number });
}

export type SendOutcome = { kind: 'accepted'; carrierMessageId: string; status: string } | { kind: 'refused'; code: string } | { kind: 'retry' };

/** What the carrier said about one claimed recipient; `retry` hands it back to be claimed again. */
export function outcomeUpdate(env: { DB: D1Database }, recipientId: string, outcome: SendOutcome, now: number) {
  const db = globalDb(env);
  const mine = and(eq(messageRecipients.id, recipientId), eq(messageRecipients.status, 'claimed'));
  switch (outcome.kind) {
    case 'accepted':
      return db
        .update(messageRecipients)
        .set({ status: isKnownMessageStatus(outcome.status) ? outcome.status : 'queued', carrierMessageId: outcome.carrierMessageId, updatedAt: now })
        .where(mine);
    case 'refused':
      return db.update(messageRecipients).set({ status: 'sending_failed', error: outcome.code, updatedAt: now }).where(mine);
    case 'retry':
      return db.update(messageRecipients).set({ status: 'pending', claimedAt: null, updatedAt: now }).where(mine);
  }
}

export async function recordOutcomes(env: { DB: D1Database }, outcomes: readonly { id: string; outcome: SendOutcome }[], now: number): Promise<void> {
  const [first, ...rest] = outcomes.map((o) => outcomeUpdate(env, o.id, o.outcome, now));
  if (first) await globalDb(env).batch([first, ...rest]);
}

/** A message with nobody left to send to is done: sent, partial (some refused) or failed (all refused). */
export async function finishMessage(env: { DB: D1Database }, messageId: string, now: number): Promise<void> {
  await env.DB.prepare(
    `UPDATE messages SET sent_at = ?1, status = CASE
       WHEN (SELECT COUNT(*) FROM message_recipients WHERE message_id = ?2 AND status <> 'sending_failed') = 0 THEN 'failed'
       WHEN (SELECT COUNT(*) FROM message_recipients WHERE message_id = ?2 AND status = 'sending_failed') > 0 THEN 'partial'
       ELSE 'sent' END
     WHERE id = ?2 AND status = 'sending'
       AND NOT EXISTS (SELECT 1 FROM message_recipients WHERE message_id = ?2 AND status IN ('pending', 'claimed'))`,
  )
    .bind(now, messageId)
    .run();
}

/** Cancels a scheduled message of its author that has not started; false when there is none (sent, sending, another's). */
export async function cancelScheduled(scope: OrgDb, userId: string, id: string): Promise<boolean> {
  const rows = await scope.db
    .update(messages)
    .set({ status: 'cancelled' })
    .where(scope.where(messages, eq(messages.id, id), eq(messages.userId, userId), eq(messages.status, 'scheduled')))
    .returning({ id: messages.id });
  return rows.length > 0;
}

export type MessageCounts = { total: number; waiting: number; sent: number; delivered: number; failed: number };

const FAILED = ['sending_failed', 'delivery_failed', 'expired'];
const counts = {
  total: sql<number>`COUNT(${messageRecipients.id})`,
  waiting: sql<number>`COALESCE(SUM(${messageRecipients.status} IN ('pending', 'claimed')), 0)`,
  sent: sql<number>`COALESCE(SUM(${messageRecipients.status} NOT IN ('pending', 'claimed', 'sending_failed')), 0)`,
  delivered: sql<number>`COALESCE(SUM(${messageRecipients.status} = 'delivered'), 0)`,
  failed: sql<number>`COALESCE(SUM(${messageRecipients.status} IN ('sending_failed', 'delivery_failed', 'expired')), 0)`,
};
export const FAILED_STATUSES: readonly string[] = FAILED;

export type MessageFilter = { from?: number; to?: number; text?: string; status?: 'scheduled'; before?: { createdAt: number; id: string }; limit: number };

const like = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** My messages newest first, with their recipient counts in the same query (S16 by message). */
export async function listMessages(scope: OrgDb, userId: string, f: MessageFilter): Promise<(MessageRow & MessageCounts)[]> {
  const at = sql`COALESCE(${messages.scheduledAt}, ${messages.createdAt})`;
  return scope.db
    .select({ ...getTableColumns(messages), ...counts })
    .from(messages)
    .leftJoin(messageRecipients, eq(messageRecipients.messageId, messages.id))
    .where(
      scope.where(
        messages,
        eq(messages.userId, userId),
        f.status ? eq(messages.status, f.status) : undefined,
        f.from !== undefined ? sql`${at} >= ${f.from}` : undefined,
        f.to !== undefined ? sql`${at} < ${f.to}` : undefined,
        f.text ? sql`(${messages.text} LIKE ${like(f.text)} ESCAPE '\\' OR ${messages.subject} LIKE ${like(f.text)} ESCAPE '\\')` : undefined,
        f.before ? or(lt(messages.createdAt, f.before.createdAt), and(eq(messages.createdAt, f.before.createdAt), lt(messages.id, f.before.id))) : undefined,
      ),
    )
    .groupBy(messages.id)
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(f.limit)
    .all();
}

export async function findMessage(scope: OrgDb, userId: string, id: string): Promise<(MessageRow & MessageCounts) | undefined> {
  return scope.db
    .select({ ...getTableColumns(messages), ...counts })
    .from(messages)
    .leftJoin(messageRecipients, eq(messageRecipients.messageId, messages.id))
    .where(scope.where(messages, eq(messages.id, id), eq(messages.userId, userId)))
    .groupBy(messages.id)
    .get()
    .then((r) => (r?.id ? r : undefined));
}

export type RecipientFilter = { digits?: string; name?: string; messageId?: string; before?: { updatedAt: number; id: string }; limit: number };

/**
 * My recipients newest first (S16 by number): searched by digits of the number or by name. The name
 * is the one the send recorded (picked from the phonebook) or else my phonebook's for the number
 * now (issue 17: a correlated lookup by contacts_user_number, mine only). Columns named in full: a
 * bare "number" inside the subquery would be the contact's own.
 */
export async function listRecipients(scope: OrgDb, userId: string, f: RecipientFilter) {
  return recipientsQuery(scope, userId, f).all();
}

/** listRecipients' one statement, exported so a test can read its query plan. */
export function recipientsQuery(scope: OrgDb, userId: string, f: RecipientFilter) {
  const name = sql<
    string | null
  >`coalesce("message_recipients"."name", (SELECT "contacts"."name" FROM "contacts" WHERE "contacts"."org_id" = ${scope.orgId} AND "contacts"."user_id" = ${userId} AND "contacts"."number" = "message_recipients"."number" ORDER BY "contacts"."created_at" LIMIT 1))`;
  return scope.db
    .select({
      id: messageRecipients.id,
      messageId: messageRecipients.messageId,
      number: messageRecipients.number,
      name,
      status: messageRecipients.status,
      updatedAt: messageRecipients.updatedAt,
      kind: messages.kind,
      text: messages.text,
      sentAt: messages.sentAt,
      createdAt: messages.createdAt,
    })
    .from(messageRecipients)
    .innerJoin(messages, eq(messages.id, messageRecipients.messageId))
    .where(
      and(
        scope.where(messageRecipients),
        eq(messages.userId, userId),
        f.messageId ? eq(messageRecipients.messageId, f.messageId) : undefined,
        f.digits ? sql`${messageRecipients.number} LIKE ${like(f.digits)} ESCAPE '\\'` : undefined,
        f.name ? sql`${name} LIKE ${like(f.name)} ESCAPE '\\'` : undefined,
        f.before
          ? or(
              lt(messageRecipients.updatedAt, f.before.updatedAt),
              and(eq(messageRecipients.updatedAt, f.before.updatedAt), lt(messageRecipients.id, f.before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(messageRecipients.updatedAt), desc(messageRecipients.id))
    .limit(f.limit);
}

// ── Favourite messages (S15) ──

export type FavouriteRow = typeof favouriteMessages.$inferSelect;

export async function listFavourites(scope: OrgDb, userId: string): Promise<FavouriteRow[]> {
  return scope.db
    .select()
    .from(favouriteMessages)
    .where(scope.where(favouriteMessages, eq(favouriteMessages.userId, userId)))
    .orderBy(desc(favouriteMessages.createdAt))
    .all();
}

export async function countFavourites(scope: OrgDb, userId: string): Promise<number> {
  const row = await scope.db
    .select({ n: sql<number>`COUNT(*)` })
    .from(favouriteMessages)
    .where(scope.where(favouriteMessages, eq(favouriteMessages.userId, userId)))
    .get();
  return row?.n ?? 0;
}

export async function insertFavourite(scope: OrgDb, userId: string, f: { title: string; text: string }): Promise<FavouriteRow> {
  const [row] = await scope.db
    .insert(favouriteMessages)
    .values({ id: newId('fav'), orgId: scope.orgId, userId, ...f })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function deleteFavourite(scope: OrgDb, userId: string, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(favouriteMessages)
    .where(scope.where(favouriteMessages, eq(favouriteMessages.id, id), eq(favouriteMessages.userId, userId)))
    .returning({ id: favouriteMessages.id });
  return rows.length > 0;
}

/** The caller's own contacts named by id or in one of the named groups (the phonebook is per user), by name. */
export async function contactsForMessage(scope: OrgDb, userId: string, contactIds: readonly string[], groupIds: readonly string[]) {
  if (contactIds.length === 0 && groupIds.length === 0) return [];
  return scope.db
    .select({ id: contacts.id, name: contacts.name, number: contacts.number, groupId: contacts.groupId })
    .from(contacts)
    .where(
      scope.where(
        contacts,
        eq(contacts.userId, userId),
        or(contactIds.length ? inArray(contacts.id, [...contactIds]) : undefined, groupIds.length ? inArray(contacts.groupId, [...groupIds]) : undefined),
      ),
    )
    .orderBy(asc(contacts.name))
    .all();
}

/** How many of these groups are the caller's own (an id of another's group or org reads as unknown). */
export async function ownGroupIds(scope: OrgDb, userId: string, groupIds: readonly string[]): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set();
  const rows = await scope.db
    .select({ id: contactGroups.id })
    .from(contactGroups)
    .where(scope.where(contactGroups, eq(contactGroups.userId, userId), inArray(contactGroups.id, [...groupIds])))
    .all();
  return new Set(rows.map((r) => r.id));
}

export async function findMessageMedia(env: { DB: D1Database }, messageId: string): Promise<string | null> {
  const row = await globalDb(env).select({ mediaKey: messages.mediaKey }).from(messages).where(eq(messages.id, messageId)).get();
  return row?.mediaKey ?? null;
}
