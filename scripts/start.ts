// `npm start` (P7): the whole product on this machine. Migrates the local D1, loads the demo
// organisation unless it exists, and runs `wrangler dev` (which builds the web app itself, see
// [build] in wrangler.toml) with the carrier simulator on and a key pair made for this run. Ctrl-C stops it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { OrgFileSchema } from '../worker/provision/schema';
import { applyFile, CliError, createOperator, orgExists, type OperatorInput } from './admin';
import { localVars, portIsFree, startDevServer, type DevServer } from './lib/dev-server';
import { localVapidKeys } from './lib/vapid';
import { applyMigrations, PROJECT_ROOT, WranglerError, type Target } from './lib/wrangler';

const DEMO_FILE = path.join(PROJECT_ROOT, 'scripts', 'demo-org.json');
/** The demo platform operator (its own organisation, as `npm run admin -- create-operator` makes it). */
const DEMO_OPERATOR: Required<OperatorInput> = { org: '플랫폼운영', loginId: 'operator', password: 'Demo123!', name: '운영자', mustChangePassword: false };
const PORT = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65_535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(2);
}
const local: Target = { mode: 'local' };

let running: DevServer | undefined;

// A failed step says what failed, without a stack trace, stops wrangler dev if it runs, exits non-zero.
process.on('uncaughtException', (err) => {
  if (err instanceof WranglerError) console.error(`\n${err.message}:\n${err.output.trim()}`);
  else if (err instanceof CliError) console.error(`\n${err.message}`);
  else console.error(err instanceof Error ? err.message : err);
  void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
});

function step(text: string) {
  console.log(`\n▸ ${text}`);
}

if (!(await portIsFree(PORT))) {
  console.error(`Port ${PORT} is already in use (another npm start?); choose another with PORT=<port>.`);
  process.exit(1);
}

step('Applying migrations to the local D1 (.wrangler/state)…');
await applyMigrations(local);

const demo = v.parse(OrgFileSchema, JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
if (await orgExists(local, demo.org.name)) {
  step(`Demo organisation "${demo.org.name}" already exists; leaving it as it is.`);
} else {
  step(`Loading the demo organisation "${demo.org.name}" from scripts/demo-org.json…`);
  await applyFile(local, DEMO_FILE);
}

if (await orgExists(local, DEMO_OPERATOR.org)) {
  step(`Demo operator organisation "${DEMO_OPERATOR.org}" already exists; leaving it as it is.`);
} else {
  step(`Creating the demo platform operator "${DEMO_OPERATOR.loginId}" in "${DEMO_OPERATOR.org}"…`);
  await createOperator(local, DEMO_OPERATOR);
}

step(`Building the web app and starting wrangler dev on port ${PORT} with the carrier simulator…`);
// Web Push (missed calls) with a pair kept in the local state, so subscriptions survive restarts.
const vapid = localVapidKeys(path.join(PROJECT_ROOT, '.wrangler', 'state'));
const vars = { ...localVars(PORT), VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:admin@localhost' };
const server = await startDevServer({ port: PORT, vars, echo: true });
running = server;

// One cron tick now rather than in a minute: it builds the routing snapshots of the numbers the
// demo file just wrote (wrangler dev does not run crons by itself).
const tick = await fetch(`${server.url}/cdn-cgi/local/scheduled`).catch(() => undefined);
if (!tick?.ok) console.warn('Could not run the scheduled handler once; demo numbers route after the first cron tick.');

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await server.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
server.child.once('exit', (code) => {
  if (!stopping) {
    console.error(`wrangler dev stopped (${code ?? 'signal'}).`);
    process.exit(code ?? 1);
  }
});

const rows = [
  ...demo.users.map((u) => [demo.org.name, u.loginId, u.password, u.role]),
  [DEMO_OPERATOR.org, DEMO_OPERATOR.loginId, DEMO_OPERATOR.password, 'operator'],
];
const header = ['organisation', 'login ID', 'password', 'role'];
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(ch) ? 2 : 1), 0);
const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ');

console.log(`
────────────────────────────────────────────────────────────
  App:        ${server.url}/
  Simulator:  ${server.url}/_sim/   (play caller and callee)
  Health:     ${server.url}/api/health

  Demo logins (scripts/demo-org.json; the operator from scripts/start.ts):
  ${line(header)}
  ${line(widths.map((w) => '─'.repeat(w)))}
${rows.map((r) => `  ${line(r)}`).join('\n')}

  Ctrl-C stops the server. Local data stays in .wrangler/state.
────────────────────────────────────────────────────────────`);
