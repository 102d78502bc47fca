// The input ids a host remembers for de-duplication (StepHost): the newest few in its document, where
// a call's whole life fits, and older ones in a table of the object's SQLite storage. A long-lived
// object (a Queue takes two or three ids a call) kept all 500 in its document, and so wrote some
// 25 KB of ids with every input it took; its document now carries at most DOC_SEEN_MAX.
import { countStorageWrite } from '../worker/metrics';

/** Ids remembered per object, in all. */
export const SEEN_MAX = 500;
/** Of those, the newest kept in the document itself. */
export const DOC_SEEN_MAX = 50;
/** The table is trimmed to SEEN_MAX − DOC_SEEN_MAX rows once every this many ids moved into it. */
const TRIM_EVERY = 50;
const TABLE = 'host_seen';

/** The part of a host's document the ids live in. */
export type SeenDoc = {
  seen: string[];
  /** Ids moved into the table so far (their sequence); absent until the first. */
  seenSpilled?: number;
};

export class SeenIds {
  readonly #all: Set<string>;
  #table = false;

  constructor(
    private readonly sql: SqlStorage,
    private readonly doc: SeenDoc,
  ) {
    this.#all = new Set(doc.seen);
    if (doc.seenSpilled) for (const row of this.#sql().exec<{ id: string }>(`SELECT id FROM ${TABLE}`)) this.#all.add(row.id);
    // A document stored before the table held up to SEEN_MAX ids: the excess moves with its next write.
    while (doc.seen.length > DOC_SEEN_MAX) this.#spill();
  }

  has(id: string): boolean {
    return this.#all.has(id);
  }

  /** Remembers an id not seen before; stored with the host's next write (the same transaction). */
  add(id: string) {
    this.doc.seen.push(id);
    this.#all.add(id);
    if (this.doc.seen.length > DOC_SEEN_MAX) this.#spill();
  }

  /** The object retires: its table goes with its document. */
  clear() {
    if (this.doc.seenSpilled) {
      this.#sql().exec(`DELETE FROM ${TABLE}`);
      countStorageWrite();
    }
  }

  #sql(): SqlStorage {
    if (!this.#table) {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id TEXT PRIMARY KEY, seq INTEGER NOT NULL)`);
      this.#table = true;
    }
    return this.sql;
  }

  /** The document's oldest id moves into the table; the table's oldest are forgotten now and then. */
  #spill() {
    const id = this.doc.seen.shift();
    if (id === undefined) return;
    const seq = (this.doc.seenSpilled ?? 0) + 1;
    this.doc.seenSpilled = seq;
    const sql = this.#sql();
    sql.exec(`INSERT OR REPLACE INTO ${TABLE} (id, seq) VALUES (?, ?)`, id, seq);
    countStorageWrite(id);
    if (seq % TRIM_EVERY !== 0) return;
    const cut = seq - (SEEN_MAX - DOC_SEEN_MAX);
    for (const row of sql.exec<{ id: string }>(`SELECT id FROM ${TABLE} WHERE seq <= ?`, cut)) this.#all.delete(row.id);
    sql.exec(`DELETE FROM ${TABLE} WHERE seq <= ?`, cut);
    countStorageWrite();
  }
}
