// `defined`: how code says "this index or key is there" where the type system cannot know it
// (noUncheckedIndexedAccess, a value set by an earlier step), instead of a non-null assertion: a
// broken invariant throws here, naming what was missing, rather than later as an unnamed TypeError.
// PURE: no imports; every layer may use it.

export function defined<T>(value: T, what: string): NonNullable<T> {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}
