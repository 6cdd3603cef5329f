import { describe, expect, it } from 'vitest';
import { median, medianAbsPctError, quantile, summarizeWaits } from './statistics.ts';

describe('statistics', () => {
  it('interpolates quantiles between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([10], 0.99)).toBe(10);
    expect(quantile([], 0.5)).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
  });

  it('scores promises by the median absolute percentage error, skipping zero actual waits', () => {
    const pairs = [
      { promised: 110, actual: 100 }, // 10%
      { promised: 50, actual: 100 }, // 50%
      { promised: 100, actual: 80 }, // 25%
      { promised: 5, actual: 0 }, // no percentage of nothing
    ];
    expect(medianAbsPctError(pairs)).toBeCloseTo(0.25);
    expect(medianAbsPctError([])).toBeUndefined();
  });

  it('summarises waits, zeros when there are none', () => {
    const waits = Array.from({ length: 101 }, (_, i) => i);
    expect(summarizeWaits(waits)).toEqual({ p50: 50, p90: 90, p99: 99, mean: 50 });
    expect(summarizeWaits([])).toEqual({ p50: 0, p90: 0, p99: 0, mean: 0 });
  });
});
