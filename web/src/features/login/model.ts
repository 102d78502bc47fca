// Logging in (C1, S18): organisation + login ID + password, "remember ID" keeps the organisation
// and login ID (never the password) in this browser.
import { api } from '../../api/client';
import { loadSession } from '../../session/model';
import { FormModel, required } from '../../ui/form';

const REMEMBER_KEY = 'rememberedLogin';

type Remembered = { org: string; loginId: string };

function readRemembered(): Remembered | null {
  try {
    const raw = localStorage.getItem(REMEMBER_KEY);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && typeof (v as Remembered).org === 'string' && typeof (v as Remembered).loginId === 'string') {
      return { org: (v as Remembered).org, loginId: (v as Remembered).loginId };
    }
  } catch {
    // unreadable: forget it
  }
  return null;
}

function writeRemembered(value: Remembered | null): void {
  try {
    if (value) localStorage.setItem(REMEMBER_KEY, JSON.stringify(value));
    else localStorage.removeItem(REMEMBER_KEY);
  } catch {
    // storage unavailable: nothing to remember
  }
}

export function createLoginModel() {
  const remembered = readRemembered();
  const form = new FormModel({
    org: remembered?.org ?? '',
    loginId: remembered?.loginId ?? '',
    password: '',
    remember: remembered !== null,
  });

  /** Resolves true once logged in (the session is loaded). */
  async function submit(): Promise<boolean> {
    return form.submit(required('org', 'loginId', 'password'), async (v) => {
      const org = v.org.trim();
      // Login IDs are case-sensitive and sent as typed (C1).
      await api.post('/auth/login', { org, loginId: v.loginId, password: v.password });
      writeRemembered(v.remember ? { org, loginId: v.loginId } : null);
      form.set('password', '');
      await loadSession();
    });
  }

  return { form, submit };
}
