import { describe, expect, it } from 'vitest';
import { RecentWaits } from './recent-waits.ts';

describe('recent waits', () => {
  it('gives no range with fewer than five waits, then the middle half, wider further back in line', () => {
    const waits = new RecentWaits();
    for (const seconds of [60, 120, 180, 240]) waits.record('billing', seconds);
    expect(waits.typicalRange('billing', 1)).toBeNull();
    waits.record('billing', 300);
    expect(waits.typicalRange('billing', 1)).toEqual({ lowSeconds: 120, highSeconds: 240 });
    expect(waits.typicalRange('billing', 3)).toEqual({ lowSeconds: 120, highSeconds: 240 + 2 * 180 });
    expect(waits.typicalRange('sales', 1)).toBeNull();
  });

  it('keeps the latest fifty and ignores nonsense', () => {
    const waits = new RecentWaits();
    for (let i = 0; i < 60; i++) waits.record('general', i < 10 ? 10_000 : 100);
    waits.record('general', Number.NaN);
    waits.record('general', -5);
    expect(waits.count('general')).toBe(50);
    expect(waits.typicalRange('general', 1)).toEqual({ lowSeconds: 100, highSeconds: 100 });
  });
});
