// Which app the user is in: agents and supervisors work in 모바일 콘택트 (Mobile Contact), everyone
// else in 안심번호 (Safe Number). The name shows in the top bar and the window title.
import { computed } from '@preact/signals';
import type { Role } from '../../../contract/vocabularies';
import { CONTACT_APP_ROLES } from '../features/contact-center/roles';
import type { MessageKey } from '../i18n';
import { me } from '../session/model';

export function appNameKey(role: Role | null | undefined): MessageKey {
  return role && CONTACT_APP_ROLES.includes(role) ? 'app.contactName' : 'app.name';
}

export const appName = computed<MessageKey>(() => appNameKey(me.value?.user.role));
