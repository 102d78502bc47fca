// HTTP range requests (RFC 9110 §14) for streamed media: one byte range, so a phone's player can
// seek in a recording. Several ranges in one request are answered as the whole file (allowed).
// Pure.

export type ByteRange = { offset: number; length: number };

/** null = serve the whole file; 'unsatisfiable' = 416; else the one range asked for, clamped to the file. */
export function parseRange(header: string | null | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, first, last] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix: the last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return 'unsatisfiable';
    const length = Math.min(n, size);
    return { offset: size - length, length };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { offset: start, length: end - start + 1 };
}
