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

/**
 * A D1 session that may answer from the nearest read replica ('first-unconstrained':
 * the first query goes wherever is closest, later ones in the session are no older than it). For
 * the one read before a call's first command, the routing snapshot (docs/placement.md); writes and
 * the API stay on `globalDb`. One session per call: sessions are not shared between requests.
 * Without replication turned on, or where the runtime has no sessions, every query goes to the primary.
 */
export function replicaSession(env: { DB: D1Database }): Pick<D1Database, 'prepare'> {
  if (typeof env.DB.withSession !== 'function') return env.DB;
  return env.DB.withSession('first-unconstrained');
}
