// The agent console's sections on a phone (issue 16): which tabs there are, which one the address
// names (#dial, #graphs …) so the tab a person is on survives a reload, and where the arrow keys move
// (the ARIA tabs pattern). The live call card and the state switch sit above every tab. No DOM.
export const CONSOLE_TABS = ['queue', 'mine', 'dial', 'graphs'] as const;
export type ConsoleTab = (typeof CONSOLE_TABS)[number];

/** The tab a console opens on when the address names none (or one that does not exist). */
export const DEFAULT_TAB: ConsoleTab = 'queue';

/** The tab an address's hash ('#dial', '' …) names. */
export function tabOfHash(hash: string): ConsoleTab {
  const name = hash.startsWith('#') ? hash.slice(1) : hash;
  return CONSOLE_TABS.find((tab) => tab === name) ?? DEFAULT_TAB;
}

/** The hash that names a tab: none for the default one, so the console's address stays plain. */
export function hashOfTab(tab: ConsoleTab): string {
  return tab === DEFAULT_TAB ? '' : `#${tab}`;
}

/** Where a key moves the focus in the tab list (wrapping round); null for keys the list leaves alone. */
export function tabAfterKey(tab: ConsoleTab, key: string): ConsoleTab | null {
  const i = CONSOLE_TABS.indexOf(tab);
  const n = CONSOLE_TABS.length;
  const to = key === 'ArrowRight' ? (i + 1) % n : key === 'ArrowLeft' ? (i - 1 + n) % n : key === 'Home' ? 0 : key === 'End' ? n - 1 : -1;
  return CONSOLE_TABS[to] ?? null;
}
