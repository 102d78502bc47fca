// Recognising SQLite constraint failures that surface through D1 and drizzle, so a race between a
// uniqueness pre-check and the insert still answers 409 rather than 500.
function messages(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) parts.push(e.message);
  return parts.join('\n');
}

export function isUniqueViolation(err: unknown): boolean {
  return /UNIQUE constraint failed|PRIMARY KEY constraint failed|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(messages(err));
}

export function isForeignKeyViolation(err: unknown): boolean {
  return /FOREIGN KEY constraint failed|SQLITE_CONSTRAINT_FOREIGNKEY/.test(messages(err));
}

/**
 * Runs a write that a unique key guards; when a concurrent write won the race (UNIQUE failed),
 * answers `instead()` — the existing row read again, or a 409 `taken` thrown — never the 500.
 */
export async function onUniqueViolation<T>(work: () => Promise<T>, instead: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) return instead();
    throw err;
  }
}
