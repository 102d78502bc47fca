// The one audit helper (P8): routes name what happened; actor, organisation and client address
// come from the request. Details name fields, never phone numbers or passwords.
import type { Context } from 'hono';
import { clientIp } from '../auth/session';
import { writeAudit } from '../db/audit';
import type { OrgDb } from '../db/scope';
import type { AppEnv, SessionUser } from '../env';

export type AuditFacts = {
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
  /** Only where the route acts outside the signed-in user's org (an operator answering another org's inquiry) or before sign-in (login). */
  scope?: OrgDb;
  /** Only before sign-in (login): who tried, or null when nobody matched. */
  actorUserId?: string | null;
};

export async function audit(c: Context<AppEnv>, action: string, facts: AuditFacts = {}): Promise<void> {
  const { scope = c.get('scope'), actorUserId, ...target } = facts;
  const user = c.get('user') as SessionUser | undefined;
  if (!scope) throw new Error(`audit(${action}) outside a signed-in request needs a scope`);
  await writeAudit(scope, { actorUserId: actorUserId !== undefined ? actorUserId : (user?.id ?? null), action, ...target, ip: clientIp(c) });
}
