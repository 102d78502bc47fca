// docs/org-file.schema.json is generated from worker/provision/schema.ts and must not drift from it.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ORG_SCHEMA_PATH, orgFileJsonSchemaText } from '../../scripts/lib/org-json-schema';

describe('docs/org-file.schema.json', () => {
  it('is what `npm run schema:org` generates from the valibot schema', async () => {
    const committed = await readFile(ORG_SCHEMA_PATH, 'utf8');
    expect(committed, 'run `npm run schema:org` and commit the result').toBe(orgFileJsonSchemaText());
  });

  it('describes the parts an editor needs: required org, no unknown keys, the 240-character limit', () => {
    const schema = JSON.parse(orgFileJsonSchemaText()) as {
      required: string[];
      additionalProperties: boolean;
      properties: { announcements: { items: { properties: { text: { maxLength: number } } } } };
    };
    expect(schema.required).toEqual(['org']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.announcements.items.properties.text.maxLength).toBe(240);
  });
});
