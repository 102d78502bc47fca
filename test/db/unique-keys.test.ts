// Every unique key of the migrated D1, read from SQLite itself: a NULL in a unique key is never
// equal to another NULL, so a key with a nullable column lets "the one row" become two (issue 16:
// the org default hours, user_id NULL, were kept twice). Each such key must name the partial unique
// index that holds its NULL case, and the writers must conflict on that index.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

type IndexRow = { name: string; unique: number; origin: string; partial: number };

async function rows<T>(query: string): Promise<T[]> {
  return (await env.DB.prepare(query).all<T>()).results;
}

/** Unique keys with a nullable column, and the partial unique index that holds their NULL rows. */
const HELD_BY_PARTIAL_INDEX: Record<string, { index: string; where: RegExp }> = {
  schedules_org_user: { index: 'schedules_org_default', where: /WHERE user_id IS NULL$/ },
  // A contact kept outside any group: one per number and owner, whatever the groups hold.
  contacts_group_number: { index: 'contacts_ungrouped_number', where: /WHERE "contacts"\."group_id" IS NULL$/ },
};

describe('unique keys and NULL', () => {
  it('no unique key has a nullable column unless a partial unique index holds its NULL case', async () => {
    const tables = await rows<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
    );
    expect(tables.length).toBeGreaterThan(20);
    const nullableKeys: Record<string, string[]> = {};
    let uniqueKeys = 0;
    for (const { name: table } of tables) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      const columns = await rows<{ name: string; notnull: number }>(`PRAGMA table_info(${quoted})`);
      const notNull = new Set(columns.filter((c) => c.notnull === 1).map((c) => c.name));
      for (const index of await rows<IndexRow>(`PRAGMA index_list(${quoted})`)) {
        if (index.unique !== 1 || index.partial === 1) continue;
        uniqueKeys++;
        const keyColumns = await rows<{ name: string | null }>(`PRAGMA index_info("${index.name.replaceAll('"', '""')}")`);
        const nullable = keyColumns.map((c) => c.name ?? '(expression)').filter((c) => !notNull.has(c));
        if (nullable.length > 0) nullableKeys[index.name] = nullable;
      }
    }
    // Primary keys, UNIQUE columns and unique indexes of every table were looked at.
    expect(uniqueKeys).toBeGreaterThan(25);
    expect(nullableKeys).toEqual({ schedules_org_user: ['user_id'], contacts_group_number: ['group_id'] });

    for (const [key, held] of Object.entries(HELD_BY_PARTIAL_INDEX)) {
      const sql = await rows<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '${held.index}'`);
      expect(sql[0]?.sql, key).toMatch(/^CREATE UNIQUE INDEX/);
      expect(sql[0]?.sql, key).toMatch(held.where);
    }
  });
});
