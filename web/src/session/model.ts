// Who is logged in: the /api/me answer, loaded at start and after login, cleared on logout or
// when any request answers 401. Screens read `me`; nothing else stores the session.
import { computed, signal } from '@preact/signals';
import { ApiError, api, onPasswordChangeRequired, onUnauthorized } from '../api/client';
import type { Me } from '../../../contract/auth';
import type { Role } from '../../../contract/vocabularies';
import { errorMessage } from '../i18n/errors';
import type { Message } from '../i18n';

export const me = signal<Me | null>(null);
/** 'loading' until the first /api/me answer; 'failed' if the server could not be reached. */
export const sessionState = signal<'loading' | 'ready' | 'failed'>('loading');
export const sessionProblem = signal<Message | null>(null);

export const ADMIN_ROLES: readonly Role[] = ['org_admin', 'operator'];
export const role = computed<Role | null>(() => me.value?.user.role ?? null);
export const isAdmin = computed(() => role.value !== null && ADMIN_ROLES.includes(role.value));

onUnauthorized(() => {
  me.value = null;
});

// The server refuses everything but the change itself while the password must change (e.g. an
// admin reset it during this session): the gate then shows the change screen.
onPasswordChangeRequired(() => {
  if (me.value && !me.value.user.mustChangePassword) me.value = { ...me.value, user: { ...me.value.user, mustChangePassword: true } };
});

export async function loadSession(): Promise<void> {
  try {
    me.value = await api.get<Me>('/me');
    sessionState.value = 'ready';
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      me.value = null;
      sessionState.value = 'ready';
    } else {
      sessionProblem.value = errorMessage(err);
      sessionState.value = 'failed';
    }
  }
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } catch {
    // The cookie may already be gone; the user is logged out here either way.
  }
  me.value = null;
}

/** After a successful password change the forced-change gate opens. */
export function passwordChanged(): void {
  if (me.value) me.value = { ...me.value, user: { ...me.value.user, mustChangePassword: false } };
}
