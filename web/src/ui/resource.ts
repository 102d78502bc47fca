// Data loaded from the API for a screen: the value, whether it is loading, and a translated
// problem if loading failed. reload() is what screens call after a change.
import { signal, type Signal } from '@preact/signals';
import { errorMessage } from '../i18n/errors';
import type { Message } from '../i18n';

export type Resource<T> = {
  data: Signal<T | undefined>;
  loading: Signal<boolean>;
  error: Signal<Message | null>;
  reload: () => Promise<void>;
};

export function resource<T>(load: () => Promise<T>): Resource<T> {
  const data = signal<T | undefined>(undefined);
  const loading = signal(false);
  const error = signal<Message | null>(null);
  let seq = 0;
  async function reload(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const value = await load();
      if (mine !== seq) return; // a newer load (e.g. a new search) won
      data.value = value;
      error.value = null;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  return { data, loading, error, reload };
}
