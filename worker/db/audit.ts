// The audit log (P8): who did what security-relevant thing, when, from where.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { newId } from '../ids';
import { auditLog, users } from './schema';
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

/**
 * A page of the org's log, newest first, with the actor's login ID. Ordered by (created_at, id) so
 * entries written in the same millisecond are neither repeated nor skipped across pages.
 */
export async function listAuditPage(scope: OrgDb, f: AuditFilter) {
  const escapedPrefix = f.actionPrefix?.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return scope.db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      actorLoginId: users.loginId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(users.id, auditLog.actorUserId), eq(users.orgId, scope.orgId)))
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
