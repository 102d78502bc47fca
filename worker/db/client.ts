// The drizzle client over D1, with the same snake_case casing drizzle-kit generated the SQL with.
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = ReturnType<typeof makeDb>;

function makeDb(d1: D1Database) {
  return drizzle(d1, { schema, casing: 'snake_case' });
}

const cache = new WeakMap<D1Database, Db>();

/** Global (non-tenant) access: the number directory, sessions, org lookup at login. */
export function globalDb(env: { DB: D1Database }): Db {
  let db = cache.get(env.DB);
  if (!db) {
    db = makeDb(env.DB);
    cache.set(env.DB, db);
  }
  return db;
}
