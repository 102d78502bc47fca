// Who works in the contact center (C1, C11): agents take calls; supervisors and org admins (and
// operators) also manage queues, members, categories and the org's contact-center policy.
import type { Role } from '../db/schema';

export const CC_MANAGER_ROLES = ['supervisor', 'org_admin', 'operator'] as const satisfies readonly Role[];
export const CC_USER_ROLES = ['agent', ...CC_MANAGER_ROLES] as const satisfies readonly Role[];
/** Who may be a queue member (offered calls). */
export const QUEUE_MEMBER_ROLES = ['agent', 'supervisor'] as const satisfies readonly Role[];

export function isCcManager(role: Role): boolean {
  return (CC_MANAGER_ROLES as readonly Role[]).includes(role);
}
