// The tenant scope: every read or write of an organisation's rows goes through an OrgDb, whose
// `where` always adds org_id = <its org>. One seam, so orgs can later live in several D1 databases.
import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { globalDb, type Db } from './client';

export type OrgDb = {
  readonly db: Db;
  readonly orgId: string;
  /** `org_id = this org AND …conditions` for a table with an org_id column. */
  where(table: { orgId: SQLiteColumn }, ...conditions: (SQL | undefined)[]): SQL;
  /** `(org_id = this org OR org_id IS NULL) AND …`: for tables whose null org_id rows are platform-wide. */
  whereVisible(table: { orgId: SQLiteColumn }, ...conditions: (SQL | undefined)[]): SQL;
};

export function dbFor(env: { DB: D1Database }, orgId: string): OrgDb {
  const db = globalDb(env);
  return {
    db,
    orgId,
    where(table, ...conditions) {
      return and(eq(table.orgId, orgId), ...conditions) as SQL;
    },
    whereVisible(table, ...conditions) {
      return and(or(eq(table.orgId, orgId), isNull(table.orgId)), ...conditions) as SQL;
    },
  };
}
