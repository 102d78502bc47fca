// The audit log (P8): who did what security-relevant thing, when, from where.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { alias, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { announcements, auditLog, consultCategories, queues, teams, users, virtualNumbers } from './schema';
import type { OrgDb } from './scope';

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
};

export async function writeAudit(scope: OrgDb, e: AuditEntry): Promise<void> {
  await scope.db.insert(auditLog).values({
    id: newId('aud'),
    orgId: scope.orgId,
    actorUserId: e.actorUserId,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    detail: e.detail ?? null,
    ip: e.ip ?? null,
    createdAt: Date.now(),
  });
}

export type AuditCursor = { createdAt: number; id: string };
export type AuditFilter = { before?: AuditCursor; action?: string; actionPrefix?: string; limit: number };

const targetUsers = alias(users, 'target_users');

/**
 * The target's name, resolved in the page's own query (one correlated lookup by target type, always
 * inside the org): a user's name (joined as `target_users`, whose login ID comes as secondary text),
 * a team's, queue's, category's or announcement's name, a number's E.164. Null for targets
 * without a name (a recording, a call) or rows deleted since.
 */
function targetName(scope: OrgDb) {
  const named = (table: SQLiteTable & { id: SQLiteColumn; orgId: SQLiteColumn }, column: SQLiteColumn) =>
    sql`(select ${column} from ${table} where ${table.id} = ${auditLog.targetId} and ${table.orgId} = ${scope.orgId})`;
  return sql<string | null>`case ${auditLog.targetType}
    when 'user' then ${targetUsers.name}
    when 'team' then ${named(teams, teams.name)}
    when 'queue' then ${named(queues, queues.name)}
    when 'category' then ${named(consultCategories, consultCategories.name)}
    when 'announcement' then ${named(announcements, announcements.name)}
    when 'number' then ${named(virtualNumbers, virtualNumbers.e164)}
    else null end`;
}

/**
 * A page of the org's log, newest first, with the actor's and the target's names (and login IDs as
 * secondary text). Ordered by (created_at, id) so entries written in the same millisecond are
 * neither repeated nor skipped across pages.
 */
export async function listAuditPage(scope: OrgDb, f: AuditFilter) {
  const escapedPrefix = f.actionPrefix?.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return scope.db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorLoginId: users.loginId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      targetName: targetName(scope),
      targetLoginId: targetUsers.loginId,
      detail: auditLog.detail,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(users.id, auditLog.actorUserId), eq(users.orgId, scope.orgId)))
    .leftJoin(targetUsers, and(eq(auditLog.targetType, 'user'), eq(targetUsers.id, auditLog.targetId), eq(targetUsers.orgId, scope.orgId)))
    .where(
      scope.where(
        auditLog,
        f.before ? or(lt(auditLog.createdAt, f.before.createdAt), and(eq(auditLog.createdAt, f.before.createdAt), lt(auditLog.id, f.before.id))) : undefined,
        f.action ? eq(auditLog.action, f.action) : undefined,
        escapedPrefix ? sql`${auditLog.action} LIKE ${`${escapedPrefix}%`} ESCAPE '\\'` : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(f.limit)
    .all();
}
