// Who writes the customer center's shared content (S19): operators write platform-wide rows
// (org_id null), org admins their own org's. Reading is the scope's `whereVisible`.
import type { SessionUser } from '../env';
import { forbidden } from '../errors';

/** The org_id a new notice, FAQ or file gets from its author. */
export function authorOrgId(me: SessionUser): string | null {
  return me.role === 'operator' ? null : me.orgId;
}

/**
 * 403 unless the user may change a row they can already see (callers answer 404 for rows they
 * cannot see, so another org's row never reaches here): org admins cannot touch platform rows.
 */
export function assertCanManage(me: SessionUser, rowOrgId: string | null): void {
  const ok = me.role === 'operator' ? rowOrgId === null || rowOrgId === me.orgId : me.role === 'org_admin' && rowOrgId === me.orgId;
  if (!ok) throw forbidden('Only operators change platform-wide content.');
}

export function contentScope(rowOrgId: string | null): 'platform' | 'org' {
  return rowOrgId === null ? 'platform' : 'org';
}
