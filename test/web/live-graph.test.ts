// The live console's pure pieces: the hourly graphs' axis and paths (hours without a value lift the
// pen instead of drawing zero), and the running clock the state, wait and call times show.
import { describe, expect, it } from 'vitest';
import { formatClock } from '../../web/src/features/contact-center/live/clock-format';
import { GRAPH, niceMax, pathOf, xOfHour, yOf } from '../../web/src/features/contact-center/live/graph-geometry';

describe('the hourly graphs', () => {
  it('round the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.4, 1, 3, 7, 12, 20, 21, 99, 101, 480].map(niceMax)).toEqual([1, 0.5, 1, 5, 10, 20, 20, 50, 100, 200, 500]);
  });

  it('draw hour 0 at the left edge and hour 23 at the right, value 0 on the floor and the top at the top', () => {
    expect(xOfHour(0)).toBe(GRAPH.left);
    expect(xOfHour(23)).toBe(GRAPH.width - GRAPH.right);
    expect(yOf(0, 10)).toBe(GRAPH.height - GRAPH.bottom);
    expect(yOf(10, 10)).toBe(GRAPH.top);
  });

  it('lift the pen over hours without a value, so a quiet hour or one still to come is not drawn as zero', () => {
    const d = pathOf([1, 2, null, 4, null], 4);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    expect(d.startsWith(`M${xOfHour(0).toFixed(1)} ${yOf(1, 4).toFixed(1)}`)).toBe(true);
    expect(pathOf([null, null], 1)).toBe('');
  });
});

describe('the running clock', () => {
  it('shows minutes and seconds, hours when there are some, never negative', () => {
    expect([0, 7, 65, 600, 3599, 3600, 3723, -5, 12.9].map(formatClock)).toEqual([
      '0:00',
      '0:07',
      '1:05',
      '10:00',
      '59:59',
      '1:00:00',
      '1:02:03',
      '0:00',
      '0:12',
    ]);
  });
});
