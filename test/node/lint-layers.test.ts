// The linter holds the layers (eslint.config.js, issue 18): scratch files linted as if they sat in the
// tree, with the project's own config, must be reported when they break a layer and pass when not.
// The type-aware rules are left out here (no program to build for a file that is not on disk); CI's
// `npm run lint` runs them over the real tree.
import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

/** The rules a scratch file at `file` (relative to the repository) breaks. */
async function rulesBroken(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  return result.messages.map((m) => m.ruleId);
}

describe('eslint.config.js: the layers', () => {
  it('reports a pure folder that imports the db, the bindings or a Durable Object', async () => {
    for (const [file, from] of [
      ['worker/routing/scratch.ts', '../db/client'],
      ['worker/calls/queue/scratch.ts', '../../db/routing-snapshots'],
      ['worker/safe-number/scratch.ts', '../db/schema'],
      ['worker/contact-center/scratch.ts', '../env'],
      ['worker/calls/scratch.ts', '../../durable-objects/live-objects'],
      ['worker/routing/scratch.ts', 'cloudflare:workers'],
    ] as const) {
      expect(await rulesBroken(file, `import type { X } from '${from}';\nexport type Y = X;\n`), `${file} ← ${from}`).toEqual(['no-restricted-imports']);
    }
  });

  it('lets a pure folder import its own kind (the control: the rule is not simply always on)', async () => {
    const code =
      "import type { ListEntry } from '../routing/lists';\nimport { defined } from '../defined';\nexport const first = (e: ListEntry[]) => defined(e[0], 'entry');\n";
    expect(await rulesBroken('worker/safe-number/scratch.ts', code)).toEqual([]);
    // The same import of the db is fine where I/O belongs.
    expect(await rulesBroken('worker/api/scratch.ts', "import { globalDb } from '../db/client';\nexport const db = globalDb;\n")).toEqual([]);
  });

  it('lets only the entry import the carrier simulator', async () => {
    const code = "import { simulatorStub } from '../worker/simulator/loopback';\nexport const stub = simulatorStub;\n";
    expect(await rulesBroken('durable-objects/scratch.ts', code)).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('worker/api/scratch.ts', code.replace('../worker/simulator', '../simulator'))).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('worker/scratch.ts', code.replace('../worker/simulator', './simulator'))).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('worker/index.ts', code.replace('../worker/simulator', './simulator'))).toEqual([]);
  });

  it('keeps the web app off the server', async () => {
    const code = "import type { AgentState } from '../../../worker/db/schema';\nexport type S = AgentState;\n";
    expect(await rulesBroken('web/src/features/home/scratch.ts', code)).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('web/src/api/scratch.ts', "import { Hono } from 'hono';\nexport const app = new Hono();\n")).toEqual(['no-restricted-imports']);
    // …but shares the contract with it (the control).
    const shared = "import { ROLES } from '../../../contract/vocabularies';\nexport const roles = ROLES;\n";
    expect(await rulesBroken('web/src/api/scratch.ts', shared)).toEqual([]);
  });

  it('keeps the contract to valibot and itself', async () => {
    expect(
      await rulesBroken(
        'contract/scratch.ts',
        "import * as v from 'valibot';\nimport { ROLES } from './vocabularies';\nexport const Role = v.picklist(ROLES);\n",
      ),
    ).toEqual([]);
    for (const from of ['../worker/fields', 'hono', '../web/src/api/client']) {
      expect(await rulesBroken('contract/scratch.ts', `import type { X } from '${from}';\nexport type Y = X;\n`), from).toEqual(['no-restricted-imports']);
    }
    // The request schemas' folder reaches the contract one level up, and nothing beyond it.
    const nested =
      "import * as v from 'valibot';\nimport { IdSchema } from '../fields';\nimport { TimeSchema } from './settings';\nexport const B = v.object({ id: IdSchema, at: TimeSchema });\n";
    expect(await rulesBroken('contract/requests/scratch.ts', nested)).toEqual([]);
    for (const from of ['../../worker/fields', '../../worker/phone', 'libphonenumber-js']) {
      expect(await rulesBroken('contract/requests/scratch.ts', `import type { X } from '${from}';\nexport type Y = X;\n`), from).toEqual([
        'no-restricted-imports',
      ]);
    }
  });

  it('takes Durable Object stubs only from durable-objects/stubs.ts', async () => {
    const code = "import type { Bindings } from '../env';\nexport const agent = (env: Bindings, id: string) => env.AGENT.get(env.AGENT.idFromName(id));\n";
    expect(await rulesBroken('worker/api/scratch.ts', code)).toEqual(['no-restricted-syntax']);
    expect(
      await rulesBroken(
        'durable-objects/scratch.ts',
        code.replace('../env', '../worker/env').replace('env.AGENT.get(env.AGENT.idFromName(id))', 'env.AGENT.getByName(id)'),
      ),
    ).toEqual(['no-restricted-syntax']);
    // The control: the one place may.
    expect(await rulesBroken('durable-objects/stubs.ts', code.replace('../env', '../worker/env'))).toEqual([]);
  });

  it('reports a non-null assertion in production code', async () => {
    expect(await rulesBroken('worker/scratch.ts', 'export const first = (xs: number[]) => xs[0]!;\n')).toEqual(['@typescript-eslint/no-non-null-assertion']);
  });
});
