import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';
import { exponential, gamma, gammaFunction, lognormal, weibull, weightedIndex } from './distributions.ts';

function moments(draw: () => number, n = 40_000): { mean: number; cv: number; min: number } {
  const xs = Array.from({ length: n }, draw);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { mean, cv: sd / mean, min: Math.min(...xs) };
}

describe('random variates', () => {
  it('have the mean and spread asked for', () => {
    const random = seededRandom(3);
    const cases: [string, () => number, number, number][] = [
      ['exponential', () => exponential(random, 600), 600, 1],
      ['lognormal', () => lognormal(random, 540, 0.8), 540, 0.8],
      ['gamma', () => gamma(random, 720, 1), 720, 1],
      ['gamma, shape above 1', () => gamma(random, 300, 0.5), 300, 0.5],
      ['gamma, shape below 1', () => gamma(random, 300, 1.5), 300, 1.5],
      ['weibull 1.5', () => weibull(random, 900, 1.5), 900, Math.sqrt(gammaFunction(1 + 2 / 1.5) / gammaFunction(1 + 1 / 1.5) ** 2 - 1)],
    ];
    for (const [name, draw, mean, cv] of cases) {
      const m = moments(draw);
      expect(m.mean / mean, name).toBeGreaterThan(0.96);
      expect(m.mean / mean, name).toBeLessThan(1.04);
      expect(m.cv / cv, name).toBeGreaterThan(0.92);
      expect(m.cv / cv, name).toBeLessThan(1.08);
      expect(m.min, name).toBeGreaterThanOrEqual(0);
    }
  });

  it('are the same for the same seed', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    expect(Array.from({ length: 5 }, () => gamma(a, 10, 0.7))).toEqual(Array.from({ length: 5 }, () => gamma(b, 10, 0.7)));
  });

  it('computes the gamma function', () => {
    expect(gammaFunction(1)).toBeCloseTo(1, 12);
    expect(gammaFunction(5)).toBeCloseTo(24, 10);
    expect(gammaFunction(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gammaFunction(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
  });

  it('draws an index in proportion to its weight, never one weighing 0', () => {
    const random = seededRandom(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[weightedIndex(random, [1, 0, 3, 0])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.8);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.2);
    expect(() => weightedIndex(random, [0, 0])).toThrow(RangeError);
    expect(weightedIndex(() => 0.9999999999, [1, 1, 0])).toBe(1);
  });
});
