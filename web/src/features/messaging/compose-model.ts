// 문자 보내기 (S15): the compose form's state, its live Korean byte count and kind, favourites, the
// image, the recipients (typed, and groups and contacts from the picker), the send (now or at a date
// and time), and the progress of a send until nobody is waiting. No DOM here.
import { computed, signal } from '@preact/signals';
import { countBytes, LMS_MAX_BYTES, messageKind, SUBJECT_MAX_BYTES } from '../../../../contract/message-bytes';
import { api, ApiError } from '../../api/client';
import type { Message } from '../../i18n';
import { errorMessage, fieldMessage } from '../../i18n/errors';
import { FormModel } from '../../ui/form';
import { createRecipientPicker } from './compose-picker-model';
import { recipientLines } from './compose-recipients';
import type { Favourite, MessageView, Skipped } from '../../../../contract/messages';

/** Typed numbers: one per line, or separated by commas or spaces between numbers. */
export function splitNumbers(typed: string): string[] {
  return typed
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `initialNumbers`: recipients handed over in the address (`/messages?to=…`, the phonebook's 문자). */
export function createComposeModel(initialNumbers = '') {
  const form = new FormModel({ sender: 'safe_number', text: '', subject: '', numbers: initialNumbers, image: '', schedule: false, date: '', time: '' });
  const image = signal<{ id: string; name: string } | null>(null);
  const imageBusy = signal(false);
  const imageError = signal<Message | null>(null);
  const favourites = signal<Favourite[]>([]);
  const sent = signal<{ message: MessageView; skipped: Skipped[] } | null>(null);
  const progress = signal<MessageView | null>(null);
  const picker = createRecipientPicker();
  const recipients = computed(() => recipientLines(splitNumbers(form.values.value.numbers), picker.pickedContacts.value, picker.pickedGroups.value));

  const size = computed(() => {
    const { bytes, unsupported } = countBytes(form.values.value.text);
    return { bytes, unsupported, kind: messageKind(bytes, image.value !== null) };
  });

  async function loadFavourites(): Promise<void> {
    try {
      favourites.value = (await api.get<{ favourites: Favourite[] }>('/me/favourite-messages')).favourites;
    } catch {
      favourites.value = [];
    }
  }

  function useFavourite(id: string): void {
    const f = favourites.value.find((x) => x.id === id);
    if (f) form.set('text', f.text);
  }

  async function saveFavourite(): Promise<void> {
    const text = form.values.value.text.trim();
    if (!text) return;
    await api.post('/me/favourite-messages', { title: text.slice(0, 20), text });
    await loadFavourites();
  }

  async function chooseImage(file: File | null): Promise<void> {
    imageError.value = null;
    if (!file) {
      image.value = null;
      return;
    }
    imageBusy.value = true;
    try {
      const body = new FormData();
      body.set('file', file);
      const { mediaId } = await api.upload<{ mediaId: string }>('/me/messages/media', body);
      image.value = { id: mediaId, name: file.name };
    } catch (err) {
      const field = err instanceof ApiError ? err.fields[0] : undefined;
      imageError.value = field ? fieldMessage(field) : errorMessage(err);
      image.value = null;
    } finally {
      imageBusy.value = false;
    }
  }

  /** Polls the message until nobody is waiting (the progress bar), at most a few minutes. */
  async function follow(id: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const { message } = await api.get<{ message: MessageView }>(`/me/messages/${id}`);
      progress.value = message;
      if (message.status !== 'sending' || message.counts.waiting === 0) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async function send(): Promise<boolean> {
    sent.value = null;
    progress.value = null;
    return form.submit(
      (v) => ({
        text: !v.text.trim()
          ? 'field.required'
          : size.value.unsupported.length
            ? 'messaging.field.chars'
            : size.value.bytes > LMS_MAX_BYTES
              ? { key: 'messaging.field.tooManyBytes', params: { max: LMS_MAX_BYTES } }
              : undefined,
        subject: countBytes(v.subject).bytes > SUBJECT_MAX_BYTES ? { key: 'messaging.field.tooManyBytes', params: { max: SUBJECT_MAX_BYTES } } : undefined,
        numbers: recipients.value.lines.length === 0 ? 'messaging.field.noRecipients' : undefined,
        date: v.schedule && !v.date ? 'field.required' : undefined,
        time: v.schedule && !v.time ? 'field.required' : undefined,
      }),
      async (v) => {
        const answer = await api.post<{ message: MessageView; skipped: Skipped[] }>('/me/messages', {
          sender: v.sender,
          text: v.text,
          subject: size.value.kind === 'sms' ? null : v.subject.trim() || null,
          numbers: splitNumbers(v.numbers),
          contactIds: picker.pickedContacts.value.map((c) => c.id),
          groupIds: picker.pickedGroups.value.map((g) => g.id),
          mediaId: image.value?.id ?? null,
          scheduledAt: v.schedule ? `${v.date}T${v.time}` : null,
        });
        sent.value = answer;
        progress.value = answer.message;
        form.reset({ ...form.values.value, text: '', subject: '', numbers: '' });
        image.value = null;
        picker.clear();
        if (!v.schedule) void follow(answer.message.id);
        return { key: v.schedule ? 'messaging.scheduled' : 'messaging.sent', params: { count: answer.message.counts.total } };
      },
    );
  }

  return {
    form,
    size,
    image,
    imageBusy,
    imageError,
    favourites,
    sent,
    progress,
    picker,
    recipients,
    loadFavourites,
    useFavourite,
    saveFavourite,
    chooseImage,
    send,
  };
}

export type ComposeModel = ReturnType<typeof createComposeModel>;
