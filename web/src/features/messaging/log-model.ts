// 발송목록 (S16): my messages (searched by dates and text, with sent / delivered / failed counts),
// my recipients (searched by name or number, with time and status), and my scheduled messages
// with cancel. No DOM here.
import { signal } from '@preact/signals';
import { api } from '../../api/client';
import type { Message } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { FormModel } from '../../ui/form';
import type { MessageView, RecipientView } from '../../../../contract/messages';

export type LogTab = 'messages' | 'numbers' | 'scheduled';

export function createLogModel(tab: LogTab) {
  const search = new FormModel({ from: '', to: '', q: '' });
  const messages = signal<MessageView[] | undefined>(undefined);
  const recipients = signal<RecipientView[] | undefined>(undefined);
  const nextBefore = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<Message | null>(null);

  async function load(before?: string): Promise<void> {
    loading.value = true;
    error.value = null;
    const { from, to, q } = search.values.value;
    try {
      if (tab === 'numbers') {
        const page = await api.get<{ recipients: RecipientView[]; nextBefore: string | null }>('/me/message-recipients', { q: q.trim(), before });
        recipients.value = before ? [...(recipients.value ?? []), ...page.recipients] : page.recipients;
        nextBefore.value = page.nextBefore;
      } else {
        const query = tab === 'scheduled' ? { status: 'scheduled', before } : { from, to, q: q.trim(), before };
        const page = await api.get<{ messages: MessageView[]; nextBefore: string | null }>('/me/messages', query);
        messages.value = before ? [...(messages.value ?? []), ...page.messages] : page.messages;
        nextBefore.value = page.nextBefore;
      }
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  async function more(): Promise<void> {
    if (nextBefore.value) await load(nextBefore.value);
  }

  async function cancel(id: string): Promise<void> {
    error.value = null;
    try {
      await api.post(`/me/messages/${id}/cancel`);
      await load();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  return { tab, search, messages, recipients, nextBefore, loading, error, load, more, cancel };
}
