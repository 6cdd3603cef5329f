import { describe, expect, it } from 'vitest';
import { MovingAverageWait, oldestContactWait } from './baselines.ts';

describe('the published baselines', () => {
  it('moving average: the first wait as it is, then new = 0.9 × old + 0.1 × latest', () => {
    const average = new MovingAverageWait();
    expect(average.promise()).toBeUndefined();
    average.record(100);
    expect(average.promise()).toBe(100);
    average.record(200);
    expect(average.promise()).toBeCloseTo(110);
    average.record(0);
    expect(average.promise()).toBeCloseTo(99);
  });

  it('oldest contact: how long the longest-waiting one has waited, 0 when none waits', () => {
    expect(oldestContactWait(10_000, 70_000)).toBe(60);
    expect(oldestContactWait(undefined, 70_000)).toBe(0);
    expect(oldestContactWait(80_000, 70_000)).toBe(0);
  });
});
