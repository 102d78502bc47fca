// Migrations 0005 and 0006 as shipped (the statements the test D1 was migrated with), run against a
// copy of the schedules table holding the duplicates of issue 16: each org keeps its newest default
// row and every personal row, and the index added afterwards refuses another default.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

function migration(prefix: string): string[] {
  const found = env.TEST_MIGRATIONS.find((m) => m.name.startsWith(prefix));
  if (!found) throw new Error(`no migration ${prefix}`);
  return found.queries;
}

describe('merging the org default schedules (migrations 0005, 0006)', () => {
  it('keeps the newest default row of each org and every personal row, then holds each org to one default', async () => {
    const table = `schedules_merge_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const onCopy = (q: string) => q.replaceAll('schedules', table);
    await env.DB.prepare(`CREATE TABLE ${table} AS SELECT * FROM schedules WHERE 0`).run();
    try {
      // [id, org, user, work start, updated_at], in insertion order.
      const rows: [string, string, string | null, string, number | null][] = [
        ['a_file', 'org_a', null, '09:00', null], // `apply` before the fix: never stamped
        ['a_old', 'org_a', null, '08:00', 100],
        ['a_newest', 'org_a', null, '07:00', 300],
        ['a_mid', 'org_a', null, '10:00', 200],
        ['a_person', 'org_a', 'usr_1', '11:00', 50],
        ['b_first', 'org_b', null, '09:00', null],
        ['b_last', 'org_b', null, '08:30', null], // a tie: the one inserted last
        ['c_only', 'org_c', null, '09:00', null],
        ['c_person', 'org_c', 'usr_2', '10:00', 400],
      ];
      await env.DB.batch(
        rows.map(([id, org, user, start, at]) =>
          env.DB.prepare(`INSERT INTO ${table} (id, org_id, user_id, work_start_time, updated_at) VALUES (?, ?, ?, ?, ?)`).bind(id, org, user, start, at),
        ),
      );

      const merge = migration('0005_merge_org_default_schedules');
      expect(merge.join('\n')).toMatch(/DELETE FROM `schedules`/);
      for (const q of merge) await env.DB.prepare(onCopy(q)).run();
      const kept = await env.DB.prepare(`SELECT id, work_start_time AS start FROM ${table} ORDER BY id`).all<{ id: string; start: string }>();
      expect(kept.results).toEqual([
        { id: 'a_newest', start: '07:00' },
        { id: 'a_person', start: '11:00' },
        { id: 'b_last', start: '08:30' },
        { id: 'c_only', start: '09:00' },
        { id: 'c_person', start: '10:00' },
      ]);

      for (const q of migration('0006_schedules_one_org_default')) await env.DB.prepare(onCopy(q)).run();
      const again = env.DB.prepare(`INSERT INTO ${table} (id, org_id, user_id) VALUES ('a_again', 'org_a', NULL)`);
      await expect(again.run()).rejects.toThrow(/UNIQUE constraint failed/);
      // A personal row of another user is still welcome.
      await env.DB.prepare(`INSERT INTO ${table} (id, org_id, user_id) VALUES ('a_person2', 'org_a', 'usr_3')`).run();
    } finally {
      await env.DB.prepare(`DROP TABLE ${table}`).run();
    }
  });
});
