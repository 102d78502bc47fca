// `npm run schema:org`: regenerates docs/org-file.schema.json from worker/provision/schema.ts.
import { writeFile } from 'node:fs/promises';
import { ORG_SCHEMA_PATH, orgFileJsonSchemaText } from './lib/org-json-schema';

await writeFile(ORG_SCHEMA_PATH, orgFileJsonSchemaText());
console.log(`wrote ${ORG_SCHEMA_PATH}`);
