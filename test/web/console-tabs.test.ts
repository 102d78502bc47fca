// The agent console's tabs on a phone: the address's hash names the open tab (so a reload keeps it),
// the default tab leaves the address plain, and the arrow keys walk the tabs round.
import { describe, expect, it } from 'vitest';
import { CONSOLE_TABS, DEFAULT_TAB, hashOfTab, tabAfterKey, tabOfHash, type ConsoleTab } from '../../web/src/features/contact-center/live/console-tabs';

describe('the console tabs', () => {
  it('read the open tab from the hash, any unknown or missing name opening the default', () => {
    expect(tabOfHash('#dial')).toBe('dial');
    expect(tabOfHash('#graphs')).toBe('graphs');
    expect(tabOfHash('mine')).toBe('mine');
    for (const other of ['', '#', '#nope', '#Dial', '#dial?x=1', '#__proto__', '#constructor']) expect(tabOfHash(other)).toBe(DEFAULT_TAB);
  });

  it('write every tab back to a hash that reads as the same tab, the default as none', () => {
    for (const tab of CONSOLE_TABS) expect(tabOfHash(hashOfTab(tab))).toBe(tab);
    expect(hashOfTab(DEFAULT_TAB)).toBe('');
    expect(hashOfTab('graphs')).toBe('#graphs');
  });

  it('move with the arrow keys, wrapping round, Home and End to the ends, other keys left alone', () => {
    const first: ConsoleTab = 'queue';
    const last: ConsoleTab = 'graphs';
    expect([CONSOLE_TABS[0], CONSOLE_TABS[CONSOLE_TABS.length - 1]]).toEqual([first, last]);
    expect(tabAfterKey(first, 'ArrowRight')).toBe(CONSOLE_TABS[1]);
    expect(tabAfterKey(first, 'ArrowLeft')).toBe(last);
    expect(tabAfterKey(last, 'ArrowRight')).toBe(first);
    expect(tabAfterKey('dial', 'Home')).toBe(first);
    expect(tabAfterKey('dial', 'End')).toBe(last);
    for (const key of ['Enter', ' ', 'ArrowDown', 'Tab', 'a']) expect(tabAfterKey('dial', key)).toBeNull();
    // Walking right through every tab comes back to the start, visiting each once.
    const seen: string[] = [];
    let tab: ConsoleTab = first;
    for (let i = 0; i < CONSOLE_TABS.length; i++) {
      seen.push(tab);
      tab = tabAfterKey(tab, 'ArrowRight') ?? first;
    }
    expect(tab).toBe(first);
    expect(seen).toEqual([...CONSOLE_TABS]);
  });
});
