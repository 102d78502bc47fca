// The audit log (P8): who did what security-relevant thing, when, from where.
import { desc, eq, lt } from 'drizzle-orm';
import { newId } from '../ids';
import { auditLog } from './schema';
import type { OrgDb } from './scope';

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
};

export function auditInsert(scope: OrgDb, e: AuditEntry) {
  return scope.db.insert(auditLog).values({
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

export async function writeAudit(scope: OrgDb, e: AuditEntry): Promise<void> {
  await auditInsert(scope, e);
}

export async function listAudit(scope: OrgDb, opts: { before?: number; action?: string; limit: number }) {
  return scope.db
    .select()
    .from(auditLog)
    .where(
      scope.where(
        auditLog,
        opts.before ? lt(auditLog.createdAt, opts.before) : undefined,
        opts.action ? eq(auditLog.action, opts.action) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt))
    .limit(opts.limit)
    .all();
}
