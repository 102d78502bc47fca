// Identifiers: a short type prefix and a random UUID, so a stray id in a log says what it is.
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
}
