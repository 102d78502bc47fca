// `npm run test:browser`: starts the worker with a fresh local state (wrangler dev builds the web app
// first, see [build] in wrangler.toml), runs every suite in Debian's Chromium through playwright-core,
// always stops the worker, and exits non-zero on failure. Without /usr/bin/chromium it skips (exit 0)
// unless REQUIRE_BROWSER=1.
// SUITE=<part of a name> runs only the matching suites.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server';
import { ACCOUNT_SUITES } from './suites/account';
import { ADMIN_SUITES } from './suites/admin';
import { CONTACT_CENTER_SUITES } from './suites/contact-center';
import { CONTACT_CENTER_LIVE_SUITES } from './suites/contact-center-live';
import { HELP_SUITES } from './suites/help';
import { KOREAN_SUITES } from './suites/korean';
import { LIVE_SUITES } from './suites/live';
import { MESSAGING_SUITES } from './suites/messaging';
import { OPERATOR_SUITES } from './suites/operator';
import { OUTBOUND_SUITES } from './suites/outbound';
import { PHONEBOOK_SUITES } from './suites/phonebook';
import { SAFE_NUMBER_SUITES } from './suites/safe-number';
import { SECURITY_SUITES } from './suites/security';
import { STORED_XSS_SUITES } from './suites/stored-xss';

const SUITES = [
  // First: it reads every screen for English words, before other suites fill the shared organisation
  // with data people typed (markup in names, Latin login IDs), which is not the app's own text.
  ...KOREAN_SUITES,
  ...SECURITY_SUITES,
  ...ACCOUNT_SUITES,
  ...ADMIN_SUITES,
  ...HELP_SUITES,
  ...SAFE_NUMBER_SUITES,
  ...PHONEBOOK_SUITES,
  ...OUTBOUND_SUITES,
  ...MESSAGING_SUITES,
  ...LIVE_SUITES,
  ...CONTACT_CENTER_SUITES,
  ...CONTACT_CENTER_LIVE_SUITES,
  ...OPERATOR_SUITES,
  // Last: it fills the shared organisation with markup in every field, which other suites' lists need not see.
  ...STORED_XSS_SUITES,
];

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    const msg = `Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium fonts-noto-cjk`;
    if (process.env.REQUIRE_BROWSER === '1') {
      console.error(`${msg} (REQUIRE_BROWSER=1, failing)`);
      return 1;
    }
    console.log(`${msg} — skipping the browser suites.`);
    return 0;
  }
  const server = await startServer();
  // wrangler runs in its own process group, so an interrupted run must stop it explicitly.
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      void server.stop().finally(() => process.exit(130));
    });
  }
  let failed = 0;
  let ran = 0;
  try {
    // launch() starts Chromium with a new empty profile dir of its own, removed on close;
    // each suite then works in a fresh context (no cookies, no localStorage).
    // Our own signal handlers stop wrangler first; Playwright still kills Chromium when we exit.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    try {
      const only = process.env.SUITE;
      for (const suite of SUITES) {
        if (interrupted) break;
        if (only && !suite.name.includes(only)) continue;
        ran++;
        const started = Date.now();
        try {
          await suite.run({ browser, baseUrl: server.baseUrl, admin: server.admin });
          console.log(`✓ ${suite.name} (${Date.now() - started} ms)`);
        } catch (err) {
          failed++;
          console.error(`✗ ${suite.name}\n  ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  // The plain 'N passed, N failed' closing line CI reads.
  console.log(`browser: ${ran - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
