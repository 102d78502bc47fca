// The Erlang C staffing hint (pure) against published worked examples and against the textbook
// formula summed term by term.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangAverageWait, erlangC, erlangServiceLevel } from '../../worker/contact-center/erlang-c';

/** The textbook form: (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)). */
function erlangCBySum(n: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = (term * n) / (n - a);
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('100 calls in 30 minutes, 180 s handle time (10 erlangs): 14 agents reach 80 % in 20 s', () => {
    // Worked example: 11 agents → P(wait) 0.6821, SL 39.0 %; 13 → 79.6 %; 14 → 88.8 %.
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangServiceLevel(11, 10, 180, 20)).toBeCloseTo(0.3896, 3);
    expect(erlangServiceLevel(13, 10, 180, 20)).toBeCloseTo(0.7956, 3);
    const hint = agentsNeeded({ arrivals: 100, windowSeconds: 1800, handleSeconds: 180, targetSeconds: 20, targetLevel: 0.8 });
    expect(hint.traffic).toBeCloseTo(10, 10);
    expect(hint.agents).toBe(14);
    expect(hint.serviceLevel).toBeCloseTo(0.8884, 3);
    expect(hint.probabilityOfWaiting).toBeCloseTo(0.1741, 3);
    expect(hint.capped).toBe(false);
  });

  it('360 calls per half hour, 240 s, 55 agents (48 erlangs): P(wait) 23.9 %, ASA 8.2 s, 84.6 % within 15 s', () => {
    expect(erlangC(55, 48)).toBeCloseTo(0.2387, 4);
    expect(erlangAverageWait(55, 48, 240)).toBeCloseTo(8.18, 2);
    expect(erlangServiceLevel(55, 48, 240, 15)).toBeCloseTo(0.8459, 3);
  });

  it('agrees with the term-by-term formula wherever that one does not overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.double({ min: 0.01, max: 0.999, noNaN: true }), (n, load) => {
        const a = n * load;
        expect(erlangC(n, a)).toBeCloseTo(erlangCBySum(n, a), 9);
      }),
    );
  });

  it('is the smallest sufficient number: one agent fewer misses the target', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 30, max: 900 }), fc.integer({ min: 5, max: 60 }), (arrivals, aht, target) => {
        const hint = agentsNeeded({ arrivals, windowSeconds: 1800, handleSeconds: aht, targetSeconds: target, targetLevel: 0.8, maxAgents: 5000 });
        expect(hint.capped).toBe(false);
        expect(hint.serviceLevel).toBeGreaterThanOrEqual(0.8);
        expect(hint.agents).toBeGreaterThan(hint.traffic);
        if (hint.agents - 1 > hint.traffic) expect(erlangServiceLevel(hint.agents - 1, hint.traffic, aht, target)).toBeLessThan(0.8);
      }),
    );
  });

  it('no arrivals need no agents; more agents than traffic is required; bad input is refused', () => {
    expect(agentsNeeded({ arrivals: 0, windowSeconds: 1800, handleSeconds: 180, targetSeconds: 20, targetLevel: 0.8 }).agents).toBe(0);
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangServiceLevel(9, 10, 180, 20)).toBe(0);
    expect(() => agentsNeeded({ arrivals: 10, windowSeconds: 0, handleSeconds: 180, targetSeconds: 20, targetLevel: 0.8 })).toThrow(RangeError);
    expect(() => agentsNeeded({ arrivals: 10, windowSeconds: 1800, handleSeconds: 180, targetSeconds: 20, targetLevel: 1 })).toThrow(RangeError);
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
  });

  it('stops at maxAgents and says so', () => {
    const hint = agentsNeeded({ arrivals: 10_000, windowSeconds: 1800, handleSeconds: 300, targetSeconds: 20, targetLevel: 0.8, maxAgents: 100 });
    expect(hint.capped).toBe(true);
  });
});
