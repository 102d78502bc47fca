// The operator CLI (P3, B4): create an organisation with its first admin, or provision one from an
// organisation file. D1 is reached only through `wrangler d1 execute`, locally or remotely.
//   npm run admin -- create-org --name <org> --admin <loginId> --password <pw> [--timezone Asia/Seoul] --local|--remote
//   npm run admin -- apply <file.json> --local|--remote [--persist-to <dir>]
//   npm run admin -- create-operator --org <platform org> --login <loginId> --password <pw> --local|--remote
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { hashPassword } from '../worker/auth/password';
import { newId } from '../worker/ids';
import { createOrgInput, formatIssues, type FileIssue } from '../worker/provision/check';
import { planOrgFile } from '../worker/provision/plan';
import type { OrgFile } from '../worker/provision/schema';
import { d1ExecuteFile, d1Query, sqlText, WranglerError, type Target } from './lib/wrangler';

const USAGE = `usage:
  npm run admin -- create-org --name <org> --admin <loginId> --password <password> [--admin-name <name>] [--timezone Asia/Seoul] (--local | --remote) [--persist-to <dir>]
      (or ADMIN_PASSWORD=<password> instead of --password)
  npm run admin -- apply <org-file.json> (--local | --remote) [--persist-to <dir>]
  npm run admin -- create-operator --org <platform org> --login <loginId> --password <password> [--name <name>] (--local | --remote) [--persist-to <dir>]
      (or OPERATOR_PASSWORD=<password>; the platform organisation is made when it does not exist)

--local uses the same local state as \`wrangler dev\` (.wrangler/state unless --persist-to).
The organisation file format: docs/org-file.schema.json (example: scripts/demo-org.json).`;

/** A problem the operator can fix; printed without a stack, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export type ApplyOutcome = { orgName: string; statements: number };

function issuesError(source: string, issues: FileIssue[]): CliError {
  return new CliError(`${source} is invalid; nothing was written:\n${formatIssues(issues).replace(/^/gm, '  ')}`);
}

/** Numbers in the file that another organisation already holds: refused before any write. */
async function foreignNumbers(target: Target, file: OrgFile): Promise<FileIssue[]> {
  if (file.numbers.length === 0) return [];
  const list = file.numbers.map((n) => sqlText(n.number)).join(', ');
  const rows = await d1Query<{ e164: string }>(
    target,
    `SELECT v.e164 AS e164 FROM virtual_numbers v JOIN orgs o ON o.id = v.org_id WHERE v.e164 IN (${list}) AND o.name <> ${sqlText(file.org.name)}`,
  );
  const taken = new Set(rows.map((r) => r.e164));
  return file.numbers.flatMap((n, i) => (taken.has(n.number) ? [{ path: `numbers[${i}].number`, message: 'Another organisation holds this number.' }] : []));
}

export async function orgExists(target: Target, name: string): Promise<boolean> {
  return (await d1Query<{ id: string }>(target, `SELECT id FROM orgs WHERE name = ${sqlText(name)}`)).length > 0;
}

/** Checks everything (file, then the database), and only then writes. */
export async function applyInput(target: Target, input: unknown, source: string, opts: { mustBeNew?: boolean } = {}): Promise<ApplyOutcome> {
  const plan = await planOrgFile(input, { hash: hashPassword, newId, now: Date.now() });
  if (!plan.ok) throw issuesError(source, plan.issues);
  if (opts.mustBeNew && (await orgExists(target, plan.file.org.name))) {
    throw new CliError(`Organisation "${plan.file.org.name}" already exists; nothing was written. Use \`apply\` to change it.`);
  }
  const taken = await foreignNumbers(target, plan.file);
  if (taken.length > 0) throw issuesError(source, taken);
  await d1ExecuteFile(target, plan.statements);
  return { orgName: plan.file.org.name, statements: plan.statements.length };
}

export async function applyFile(target: Target, file: string): Promise<ApplyOutcome> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${file}: cannot read it as JSON (${err instanceof Error ? err.message : String(err)}); nothing was written.`);
  }
  return applyInput(target, input, file);
}

export type OperatorInput = { org: string; loginId: string; password: string; name?: string; mustChangePassword?: boolean };

/**
 * A platform operator (P1, P3): a user with role `operator` in the platform organisation (made here
 * when it does not exist; operators log in with its name). Refuses a login ID already taken there.
 * Written as an organisation file, so it is checked like one (login ID and password rules).
 */
export async function createOperator(target: Target, op: OperatorInput): Promise<ApplyOutcome> {
  const taken = await d1Query<{ id: string }>(
    target,
    `SELECT u.id AS id FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.name = ${sqlText(op.org)} AND u.login_id = ${sqlText(op.loginId)}`,
  );
  if (taken.length > 0) throw new CliError(`"${op.loginId}" already exists in "${op.org}"; nothing was written.`);
  const input = {
    org: { name: op.org },
    users: [{ loginId: op.loginId, name: op.name ?? '운영자', role: 'operator', password: op.password, mustChangePassword: op.mustChangePassword ?? true }],
  };
  return applyInput(target, input, 'create-operator').catch((err: unknown) => {
    if (err instanceof CliError)
      throw new CliError(
        err.message
          .replace('org.name', '--org')
          .replace('users[0].loginId', '--login')
          .replace('users[0].name', '--name')
          .replace('users[0].password', '--password'),
        err.exitCode,
      );
    throw err;
  });
}

function targetFrom(values: { local?: boolean; remote?: boolean; 'persist-to'?: string }): Target {
  if (values.local === values.remote) throw new CliError('Give exactly one of --local or --remote.', 2);
  if (values.remote) {
    if (values['persist-to']) throw new CliError('--persist-to only goes with --local.', 2);
    return { mode: 'remote' };
  }
  return { mode: 'local', ...(values['persist-to'] && { persistTo: values['persist-to'] }) };
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new CliError(`${flag} is required.`, 2);
  return value;
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const common = { local: { type: 'boolean' }, remote: { type: 'boolean' }, 'persist-to': { type: 'string' } } as const;
  if (command === 'create-org') {
    const { values } = parseArgs({
      args: rest,
      options: {
        ...common,
        name: { type: 'string' },
        admin: { type: 'string' },
        'admin-name': { type: 'string' },
        password: { type: 'string' },
        timezone: { type: 'string' },
      },
    });
    const target = targetFrom(values);
    const input = createOrgInput({
      name: required(values.name, '--name'),
      adminLoginId: required(values.admin, '--admin'),
      // ADMIN_PASSWORD keeps the password out of shell history and npm's echo of the command line.
      password: required(values.password ?? process.env.ADMIN_PASSWORD, '--password (or ADMIN_PASSWORD)'),
      ...(values['admin-name'] !== undefined && { adminName: values['admin-name'] }),
      ...(values.timezone !== undefined && { timezone: values.timezone }),
    });
    // Field paths of the generated file read better as the flags they came from.
    const outcome = await applyInput(target, input, 'create-org', { mustBeNew: true }).catch((err: unknown) => {
      if (err instanceof CliError) {
        throw new CliError(
          err.message
            .replace('org.name', '--name')
            .replace('org.timezone', '--timezone')
            .replace('users[0].loginId', '--admin')
            .replace('users[0].name', '--admin-name')
            .replace('users[0].password', '--password'),
          err.exitCode,
        );
      }
      throw err;
    });
    console.log(`Created organisation "${outcome.orgName}" with admin "${values.admin}" (${target.mode}). The admin changes the password at first login.`);
    return;
  }
  if (command === 'apply') {
    const { values, positionals } = parseArgs({ args: rest, options: common, allowPositionals: true });
    if (positionals.length !== 1) throw new CliError('apply takes exactly one organisation file.', 2);
    const target = targetFrom(values);
    const outcome = await applyFile(target, positionals[0] ?? '');
    console.log(`Applied ${positionals[0]} to "${outcome.orgName}" (${target.mode}): ${outcome.statements} idempotent statements.`);
    return;
  }
  if (command === 'create-operator') {
    const { values } = parseArgs({
      args: rest,
      options: { ...common, org: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    });
    const target = targetFrom(values);
    const outcome = await createOperator(target, {
      org: required(values.org, '--org'),
      loginId: required(values.login, '--login'),
      password: required(values.password ?? process.env.OPERATOR_PASSWORD, '--password (or OPERATOR_PASSWORD)'),
      ...(values.name !== undefined && { name: values.name }),
    });
    console.log(
      `Created operator "${values.login}" in "${outcome.orgName}" (${target.mode}). They log in with that organisation's name and change the password at first login.`,
    );
    return;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  throw new CliError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE, 2);
}

// Run when executed, not when imported by scripts/start.ts.
if (process.argv[1] && import.meta.filename === (await import('node:fs')).realpathSync(process.argv[1])) {
  try {
    await main(process.argv.slice(2));
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      process.exit(err.exitCode);
    }
    if (err instanceof WranglerError) {
      console.error(`${err.message}:\n${err.output.trim()}`);
      process.exit(3);
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${err.message}\n${USAGE}`);
      process.exit(2);
    }
    throw err;
  }
}
