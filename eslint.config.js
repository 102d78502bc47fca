// The linter (issue 18): typescript-eslint's strict type-checked rules, and import rules that hold
// the layers of the README's Architecture section. `npm run lint` (CI: .ci/run, no warnings allowed).
import tseslint from 'typescript-eslint';

/** Import paths the pure parts may not reach: bindings, D1, Durable Objects, the HTTP side, the carrier. */
const IMPURE = {
  regex: '(^|/)(db|durable-objects|api|http|auth|storage|telnyx|simulator)(/|$)|(^|/)env$|^cloudflare:',
  message:
    'A pure folder (call flows, routing, safe-number, contact-center) imports no bindings, no db, no Durable Object and no HTTP or carrier code: take the data as an argument (README, Architecture).',
};
/** Only the entry (worker/index.ts) wires the carrier simulator in. */
const SIMULATOR = {
  regex: '(^|/)simulator(/|$)',
  message: 'Only the entry (worker/index.ts) imports the carrier simulator; reach the outside through worker/outbound.ts.',
};
/** The web app shares only the contract with the server. */
const SERVER = {
  regex: '(^|/)(worker|durable-objects|scripts|migrations)(/|$)|^cloudflare:|^(hono|drizzle-orm|telnyx)(/|$)',
  message: 'The web app imports nothing of the server but contract/ (README, Contract): the API shapes and vocabularies live there.',
};
/** The contract is shared by both sides: it imports valibot and its own files, nothing else. */
const CONTRACT_ONLY = {
  regex: '^(?!valibot$|\\./)',
  message: 'contract/ imports only valibot and its own files: the web app and the worker both read it.',
};
/** The same for contract/'s one sub-folder (the request schemas): its own files and the contract's, one level up. */
const CONTRACT_ONLY_NESTED = { ...CONTRACT_ONLY, regex: '^(?!valibot$|\\./|\\.\\./(?!\\.\\./))' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export const PURE_FOLDERS = ['worker/calls/**/*.ts', 'worker/routing/**/*.ts', 'worker/safe-number/**/*.ts', 'worker/contact-center/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', '.wrangler/**', 'bench/**', 'worker/worker-configuration.d.ts', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The house rules (issue 18), on as in the strict preset and named here so they stay on:
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      // A variable a callback reads before its one assignment (scripts/start.ts) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Off for now: each flags hundreds of working lines for style alone, and turning it on is a
      // sweep of its own (counts on the day the linter came in).
      '@typescript-eslint/restrict-template-expressions': 'off', // 359: numbers in template strings
      '@typescript-eslint/no-confusing-void-expression': 'off', // 105: `() => void x()` arrows, one-line returns
      '@typescript-eslint/no-unnecessary-type-assertion': 'off', // 54
      '@typescript-eslint/no-unnecessary-condition': 'off', // 48: defensive checks on data from storage
      '@typescript-eslint/require-await': 'off', // 46: async by contract (RPC and host interfaces)
      '@typescript-eslint/no-unused-vars': 'off', // 40: tsc's noUnusedLocals is the place for it
      '@typescript-eslint/no-unnecessary-type-conversion': 'off', // 11
      '@typescript-eslint/no-unnecessary-type-arguments': 'off', // 8
      '@typescript-eslint/no-dynamic-delete': 'off', // 8: bounded maps kept in plain objects
      '@typescript-eslint/no-unused-expressions': 'off', // 4
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      '@typescript-eslint/no-duplicate-type-constituents': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/no-invalid-void-type': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
      '@typescript-eslint/no-unnecessary-boolean-literal-compare': 'off',
      // Limits count code points (as the web app does), which `[...s].length` is meant to.
      '@typescript-eslint/no-misused-spread': 'off',
    },
  },
  {
    // Harnesses: a missing value fails the test or the run on the spot, and vitest's asymmetric
    // matchers (`expect.any(String)`) are typed `any` by vitest itself.
    files: ['test/**/*.ts', 'scripts/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-unsafe-assignment': 'off' } },
  {
    // The pre-issue-9 decide() shim, its test, and the column the voicemail switches superseded.
    files: ['worker/routing/decide.ts', 'test/calls/snapshot.test.ts', 'worker/db/schema.ts'],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
  {
    // Preact ignores what an event handler returns; the models catch their own failures.
    files: ['web/**/*.tsx'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }] },
  },
  { files: ['worker/**/*.ts', 'durable-objects/**/*.ts'], ignores: ['worker/index.ts', 'worker/simulator/**'], rules: restrict(SIMULATOR) },
  { files: PURE_FOLDERS, rules: restrict(IMPURE, SIMULATOR) },
  {
    // Durable Object stubs come from one place (durable-objects/stubs.ts, issue 18). The simulator
    // addresses its own objects.
    files: ['worker/**/*.ts', 'durable-objects/**/*.ts'],
    ignores: ['durable-objects/stubs.ts', 'worker/simulator/**', 'worker/worker-configuration.d.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(idFromName|getByName)$/]',
          message: 'Take a Durable Object stub from durable-objects/stubs.ts (callSession, agentObject, queueObject).',
        },
      ],
    },
  },
  { files: ['web/**/*.ts', 'web/**/*.tsx'], rules: restrict(SERVER) },
  { files: ['contract/**/*.ts'], rules: restrict(CONTRACT_ONLY) },
  { files: ['contract/requests/**/*.ts'], rules: restrict(CONTRACT_ONLY_NESTED) },
);
