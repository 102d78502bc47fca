// Home = my safe number: the /api/me/home answer, and the two switches (pause, immediate block)
// that answer with a fresh home. The card reloads itself when its status is due to change.
import { createModel, signal } from '@preact/signals';
import { api } from '../../api/client';
import type { Home } from '../../../../contract/safe-number';
import type { Message } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { resource } from '../../ui/resource';

export type SwitchName = 'paused' | 'immediateBlock';

export const HomeModel = createModel(() => {
  const home = resource(() => api.get<Home>('/me/home'));
  const switching = signal<SwitchName | null>(null);
  const problem = signal<Message | null>(null);

  async function toggle(name: SwitchName, value: boolean): Promise<void> {
    if (switching.value) return;
    switching.value = name;
    problem.value = null;
    try {
      home.data.value = await api.put<Home>('/me/switches', { [name]: value });
    } catch (err) {
      problem.value = errorMessage(err);
    } finally {
      switching.value = null;
    }
  }

  void home.reload();
  return { home, switching, problem, toggle, load: home.reload };
});
