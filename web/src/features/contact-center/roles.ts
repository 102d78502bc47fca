// Who works in the contact center (the server's worker/auth/cc-roles.ts): agents take calls;
// supervisors and org admins also manage it. Agents and supervisors use the contact-center app.
import type { Role } from '../../../../contract/vocabularies';

// Platform operators are not in any organisation's contact center: their home is the platform
// overview (features/operator), so the contact-center screens are not offered to them.
export const CC_MANAGER_ROLES: readonly Role[] = ['supervisor', 'org_admin'];
export const CC_USER_ROLES: readonly Role[] = ['agent', ...CC_MANAGER_ROLES];
/** Their app is 모바일 콘택트 (its own name and home), not the safe-number one. */
export const CONTACT_APP_ROLES: readonly Role[] = ['agent', 'supervisor'];

export function isCcManager(role: Role | null | undefined): boolean {
  return role !== null && role !== undefined && CC_MANAGER_ROLES.includes(role);
}
