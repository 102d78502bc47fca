// Login sessions: D1 rows keyed by the SHA-256 of the cookie token.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from './client';
import { orgs, sessions, users } from './schema';

export async function insertSession(db: Db, row: { tokenHash: string; orgId: string; userId: string; now: number; expiresAt: number }): Promise<void> {
  await db.insert(sessions).values({
    tokenHash: row.tokenHash,
    orgId: row.orgId,
    userId: row.userId,
    createdAt: row.now,
    lastSeenAt: row.now,
    expiresAt: row.expiresAt,
  });
}

/** The session with its user and org, in one read; disabled users or orgs yield nothing. */
export async function findLiveSession(db: Db, tokenHash: string, now: number) {
  const row = await db
    .select({
      tokenHash: sessions.tokenHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: { id: users.id, orgId: users.orgId, role: users.role, loginId: users.loginId, name: users.name },
      mustChangePassword: users.mustChangePassword,
      userDisabled: users.disabled,
      orgDisabled: orgs.disabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, sessions.orgId))
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
  if (!row || row.expiresAt <= now || row.userDisabled || row.orgDisabled) return undefined;
  return row;
}

export async function touchSession(db: Db, tokenHash: string, now: number, expiresAt: number): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends one session; answers whose it was (nothing when it had already ended). */
export async function deleteSession(db: Db, tokenHash: string): Promise<{ userId: string; orgId: string } | undefined> {
  return db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ userId: sessions.userId, orgId: sessions.orgId }).get();
}

/** Ends every session of a user (password reset, disable), keeping one if given. */
export async function deleteUserSessions(db: Db, userId: string, keepTokenHash?: string): Promise<void> {
  const rows = await db.select({ t: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId)).all();
  const [first, ...rest] = rows
    .map((r) => r.t)
    .filter((t) => t !== keepTokenHash)
    .map((t) => db.delete(sessions).where(eq(sessions.tokenHash, t)));
  if (!first) return;
  await db.batch([first, ...rest]);
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.delete(sessions).where(and(lt(sessions.expiresAt, now)));
}
