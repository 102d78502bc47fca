// The dial pad's number as typed, in the Korean national format (S11). Pure: no DOM, so tests import it.
/** Digits as typed, shown in the Korean national format (02-123-4567, 010-1234-5678, 1588-1234). */
export function formatTyped(input: string): string {
  const d = input.replace(/[^0-9]/g, '').slice(0, 12);
  if (d.startsWith('02')) {
    if (d.length <= 2) return d;
    if (d.length <= 5) return `${d.slice(0, 2)}-${d.slice(2)}`;
    const mid = d.length >= 10 ? 4 : 3;
    return `${d.slice(0, 2)}-${d.slice(2, 2 + mid)}-${d.slice(2 + mid)}`;
  }
  if (/^1[5-9]/.test(d)) return d.length <= 4 ? d : `${d.slice(0, 4)}-${d.slice(4)}`;
  if (!d.startsWith('0') || d.length <= 3) return d;
  if (d.length <= 6) return `${d.slice(0, 3)}-${d.slice(3)}`;
  const mid = d.length >= 11 ? 4 : 3;
  return `${d.slice(0, 3)}-${d.slice(3, 3 + mid)}-${d.slice(3 + mid)}`;
}
