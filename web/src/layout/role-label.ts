// Role names as users read them.
import type { Role } from '../../../contract/vocabularies';
import { t, type MessageKey } from '../i18n';

const ROLE_KEYS: Record<Role, MessageKey> = {
  operator: 'role.operator',
  org_admin: 'role.org_admin',
  supervisor: 'role.supervisor',
  agent: 'role.agent',
  staff: 'role.staff',
};

export function roleLabel(role: Role): string {
  return t(ROLE_KEYS[role]);
}
