// The hourly graphs' geometry, kept pure (no DOM, no texts): the y axis's round top and the SVG path
// through the hours that have a value. Tested in test/web/live-graph.test.ts.
export const GRAPH = { width: 320, height: 150, left: 30, right: 8, top: 10, bottom: 20 } as const;

/** The x of an hour (0–23) inside the plot. */
export function xOfHour(hour: number): number {
  return GRAPH.left + (hour / 23) * (GRAPH.width - GRAPH.left - GRAPH.right);
}

/** A round top for the y axis: 1, 2, 5 × 10ⁿ at or above the largest value (1 when there is nothing). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** The y of a value under the axis top `max`. */
export function yOf(value: number, max: number): number {
  return GRAPH.height - GRAPH.bottom - (value / max) * (GRAPH.height - GRAPH.top - GRAPH.bottom);
}

/** An SVG path through the known values; a gap (no calls that hour, or an hour still to come) lifts the pen. */
export function pathOf(values: (number | null)[], max: number): string {
  let d = '';
  let pen = false;
  values.forEach((v, hour) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${xOfHour(hour).toFixed(1)} ${yOf(v, max).toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}
