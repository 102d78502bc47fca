// The audit log (P8): newest first, a page at a time (`before` cursor), filtered by action.
import { signal } from '@preact/signals';
import { api } from '../../../api/client';
import type { AuditEntry } from '../../../api/types';
import { errorMessage } from '../../../i18n/errors';
import type { Message } from '../../../i18n';

export const PAGE_SIZE = 50;
/** Actions the server writes (worker/**); the filter offers these. */
export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'password.changed',
  'password.reset',
  'user.created',
  'user.updated',
  'user.disabled',
  'profile.updated',
  'number.created',
  'number.updated',
  'number.deleted',
  'org.updated',
  'recording.accessed',
] as const;

type Page = { entries: AuditEntry[]; nextBefore: string | number | null };

export function createAuditModel() {
  const entries = signal<AuditEntry[]>([]);
  const nextBefore = signal<string | number | null>(null);
  const loading = signal(false);
  const error = signal<Message | null>(null);
  const action = signal('');

  async function fetchPage(before: string | number | null) {
    loading.value = true;
    error.value = null;
    try {
      const page = await api.get<Page>('/admin/audit', {
        action: action.value || undefined,
        before: before ?? undefined,
        limit: PAGE_SIZE,
      });
      entries.value = before === null ? page.entries : [...entries.value, ...page.entries];
      nextBefore.value = page.nextBefore ?? null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  const load = () => fetchPage(null);
  const more = () => fetchPage(nextBefore.value);
  async function filter(next: string) {
    action.value = next;
    entries.value = [];
    await load();
  }

  return { entries, nextBefore, loading, error, action, load, more, filter };
}
