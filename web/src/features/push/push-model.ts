// Missed-call push on this device (S14): whether it is on, and turning it on or off. The service
// worker is registered and permission asked only when the user presses the button, never on load.
import { createModel, signal } from '@preact/signals';
import { api } from '../../api/client';
import type { MessageKey } from '../../i18n';

export type PushState = 'checking' | 'unsupported' | 'unavailable' | 'denied' | 'off' | 'on';

const STORED_ID = 'push-subscription-id';
const SW_URL = '/sw.js';

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The VAPID public key (base64url) as the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function storedId(): string | null {
  try {
    return localStorage.getItem(STORED_ID);
  } catch {
    return null;
  }
}

function storeId(id: string | null) {
  try {
    if (id) localStorage.setItem(STORED_ID, id);
    else localStorage.removeItem(STORED_ID);
  } catch {
    // private mode: the server still has the subscription
  }
}

export const PushModel = createModel(() => {
  const state = signal<PushState>('checking');
  const busy = signal(false);
  const problem = signal<MessageKey | null>(null);
  let publicKey: string | null = null;

  async function load() {
    if (!supported()) {
      state.value = 'unsupported';
      return;
    }
    try {
      publicKey = (await api.get<{ publicKey: string | null }>('/push/key')).publicKey;
    } catch {
      publicKey = null;
    }
    if (!publicKey) {
      state.value = 'unavailable';
      return;
    }
    if (Notification.permission === 'denied') {
      state.value = 'denied';
      return;
    }
    // Looks only: nothing is registered until the user asks.
    const reg = await navigator.serviceWorker.getRegistration('/');
    const sub = await reg?.pushManager.getSubscription();
    state.value = sub && storedId() ? 'on' : 'off';
  }

  async function enable() {
    if (!publicKey || busy.value) return;
    busy.value = true;
    problem.value = null;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        state.value = permission === 'denied' ? 'denied' : 'off';
        return;
      }
      const reg = await navigator.serviceWorker.register(SW_URL, { scope: '/' });
      await navigator.serviceWorker.ready;
      const sub =
        (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const json = sub.toJSON() as { endpoint?: string; keys?: { p256dh?: string; auth?: string } };
      const saved = await api.post<{ subscription: { id: string } }>('/push/subscriptions', { endpoint: json.endpoint, keys: json.keys });
      storeId(saved.subscription.id);
      state.value = 'on';
    } catch (err) {
      console.warn('push setup failed', err);
      problem.value = 'push.failed';
    } finally {
      busy.value = false;
    }
  }

  async function disable() {
    if (busy.value) return;
    busy.value = true;
    problem.value = null;
    try {
      const reg = await navigator.serviceWorker.getRegistration('/');
      const sub = await reg?.pushManager.getSubscription();
      await sub?.unsubscribe();
      const id = storedId();
      if (id) await api.delete(`/push/subscriptions/${encodeURIComponent(id)}`).catch(() => undefined);
      storeId(null);
      state.value = 'off';
    } catch {
      problem.value = 'push.failed';
    } finally {
      busy.value = false;
    }
  }

  void load();
  return { state, busy, problem, load, enable, disable };
});
