// The console's tab list on a phone (issue 16): one tab per section, the one open remembered in the
// address's hash (a reload opens it again) and moved with the arrow keys as the ARIA tabs pattern asks.
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../../i18n';
import { CONSOLE_TABS, hashOfTab, tabAfterKey, tabOfHash, type ConsoleTab } from './console-tabs';

const TAB_KEYS: Record<ConsoleTab, MessageKey> = {
  queue: 'ccLive.tab.queue',
  mine: 'ccLive.tab.mine',
  dial: 'ccLive.tab.dial',
  graphs: 'ccLive.tab.graphs',
};

export const tabId = (tab: ConsoleTab) => `console-tab-${tab}`;
export const panelId = (tab: ConsoleTab) => `console-panel-${tab}`;

/** The open tab, read from and written to the address's hash (replacing the entry: no history to walk back through). */
export function useConsoleTab(): [ConsoleTab, (tab: ConsoleTab) => void] {
  const [tab, setTab] = useState<ConsoleTab>(() => tabOfHash(location.hash));
  useEffect(() => {
    const follow = () => setTab(tabOfHash(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  function choose(next: ConsoleTab) {
    setTab(next);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hashOfTab(next)}`);
  }
  return [tab, choose];
}

export function ConsoleTabs({ tab, choose }: { tab: ConsoleTab; choose: (tab: ConsoleTab) => void }) {
  return (
    <div
      class="console-tabs"
      role="tablist"
      aria-label={t('ccLive.tabs')}
      onKeyDown={(e) => {
        const next = tabAfterKey(tab, e.key);
        if (!next) return;
        e.preventDefault();
        choose(next);
        document.getElementById(tabId(next))?.focus();
      }}
    >
      {CONSOLE_TABS.map((name) => (
        <button
          key={name}
          id={tabId(name)}
          type="button"
          role="tab"
          data-tab={name}
          aria-selected={tab === name}
          aria-controls={panelId(name)}
          tabIndex={tab === name ? 0 : -1}
          onClick={() => choose(name)}
        >
          {t(TAB_KEYS[name])}
        </button>
      ))}
    </div>
  );
}
