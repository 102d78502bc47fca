// The JSON Schema of the organisation file, generated from the one valibot schema.
import { toJsonSchema } from '@valibot/to-json-schema';
import path from 'node:path';
import { OrgFileSchema } from '../../worker/provision/schema';
import { PROJECT_ROOT } from './wrangler';

export const ORG_SCHEMA_PATH = path.join(PROJECT_ROOT, 'docs', 'org-file.schema.json');

/** The schema as committed: input types (what people write), checks that JSON Schema cannot say are left out. */
export function orgFileJsonSchemaText(): string {
  const schema = toJsonSchema(OrgFileSchema, { typeMode: 'input', errorMode: 'ignore' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
