import { describe, expect, it } from 'vitest';
import { changedMaterially, toldWait, type WaitOutlook } from './wait-outlook.ts';

const outlook = (position: number, eta: [number, number] | null, extra: Partial<WaitOutlook> = {}): WaitOutlook => ({
  team: 'billing',
  position,
  eta: eta ? { lowSeconds: eta[0], highSeconds: eta[1] } : null,
  ...extra,
});
const told = (position: number, eta: [number, number] | null, at = '2026-01-01T00:00:00.000Z', opensAt?: string) => ({
  ...toldWait(outlook(position, eta, opensAt ? { opensAt } : {})),
  at,
});
const minutesLater = (m: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + m * 60_000);

describe('what the customer is told again', () => {
  it('tells what was never told', () => {
    expect(changedMaterially(null, outlook(3, [300, 600]), minutesLater(0))).toBe(true);
  });

  it('tells that they are next at once, but not a small move or a move within a minute', () => {
    expect(changedMaterially(told(3, [300, 600]), outlook(1, [30, 90]), minutesLater(0.2))).toBe(true);
    expect(changedMaterially(told(3, [300, 600]), outlook(2, [240, 500]), minutesLater(5))).toBe(false);
    expect(changedMaterially(told(3, [300, 600]), outlook(3, [900, 1500]), minutesLater(0.5))).toBe(false);
  });

  it('tells a range that moved by more than half and two minutes, or that appeared or went', () => {
    expect(changedMaterially(told(3, [300, 600]), outlook(3, [900, 1500]), minutesLater(2))).toBe(true);
    expect(changedMaterially(told(3, [300, 600]), outlook(3, [500, 800]), minutesLater(2))).toBe(false);
    expect(changedMaterially(told(3, null), outlook(3, [300, 600]), minutesLater(2))).toBe(true);
    expect(changedMaterially(told(3, [300, 600]), outlook(3, null), minutesLater(2))).toBe(true);
  });

  it('tells the team opened, or closed', () => {
    expect(changedMaterially(told(2, null, undefined, '2026-01-01T08:00:00.000Z'), outlook(2, [300, 600]), minutesLater(2))).toBe(true);
    expect(changedMaterially(told(2, [300, 600]), outlook(2, null, { opensAt: '2026-01-02T08:00:00.000Z' }), minutesLater(2))).toBe(true);
  });

  it('keeps only the place, the range and the opening', () => {
    expect(toldWait(outlook(2, [60, 120], { etaUnknownReason: 'x', opening: 'today at 09:00' }))).toEqual({ position: 2, lowSeconds: 60, highSeconds: 120 });
  });
});
