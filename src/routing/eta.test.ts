import { describe, expect, it } from 'vitest';
import { seededRandom } from '../simulation/seeded-random.ts';
import { EtaEstimator, type EtaEstimate, type EtaInput } from './eta.ts';

const S = 1000;

/** An estimator that has seen `n` handle times of `seconds` each (alternating ± spread to give them one). */
function withHistory(n: number, seconds: number, spread = 0, options?: ConstructorParameters<typeof EtaEstimator>[0]): EtaEstimator {
  const eta = new EtaEstimator(options);
  for (let i = 0; i < n; i++) eta.recordHandleTime(seconds + (i % 2 === 0 ? spread : -spread));
  return eta;
}

function range(estimate: EtaEstimate): { low: number; high: number; mid: number } {
  if (estimate.kind !== 'range') throw new Error(`expected a range, got ${JSON.stringify(estimate)}`);
  return { low: estimate.lowSeconds, high: estimate.highSeconds, mid: (estimate.lowSeconds + estimate.highSeconds) / 2 };
}

const busy = (position: number, totalCapacity: number, more: Partial<EtaInput> = {}): EtaInput => ({ position, freeCapacity: 0, totalCapacity, ...more });

describe('no promise without grounds for one', () => {
  it('says there is not enough history below 5 handle times', () => {
    const eta = withHistory(4, 600);
    expect(eta.estimate(busy(3, 10))).toEqual({ kind: 'unknown', reason: 'not enough history: fewer than 5 handle times known' });
    eta.recordHandleTime(600);
    expect(eta.estimate(busy(3, 10)).kind).toBe('range');
  });

  it('says no agent is online when none is', () => {
    expect(withHistory(50, 600).estimate(busy(3, 0))).toEqual({ kind: 'unknown', reason: 'no agent of the team is online' });
  });

  it('promises no wait when an agent can take it now', () => {
    expect(withHistory(50, 600).estimate({ position: 2, freeCapacity: 3, totalCapacity: 10 })).toEqual({ kind: 'range', lowSeconds: 0, highSeconds: 0 });
  });

  it('ignores handle times that are not durations, and refuses a bad configuration', () => {
    const eta = withHistory(5, 600);
    eta.recordHandleTime(Number.NaN);
    eta.recordHandleTime(-5);
    eta.recordHandleTime(Infinity);
    expect(eta.history()).toEqual({ count: 5, meanSeconds: 600, sdSeconds: 0 });
    expect(() => new EtaEstimator({ window: 0 })).toThrow(RangeError);
    expect(() => new EtaEstimator({ window: 10, minHistory: 11 })).toThrow(RangeError);
    expect(() => new EtaEstimator({ agingSeconds: 0 })).toThrow(RangeError);
  });
});

describe('the handle-time history', () => {
  it('is a moving average over the last `window` handle times, with their spread', () => {
    const eta = new EtaEstimator({ window: 4 });
    for (const seconds of [1000, 1000, 100, 200, 300, 400]) eta.recordHandleTime(seconds);
    const history = eta.history();
    expect(history.count).toBe(4);
    expect(history.meanSeconds).toBeCloseTo(250);
    expect(history.sdSeconds).toBeCloseTo(Math.sqrt((150 ** 2 + 50 ** 2 + 50 ** 2 + 150 ** 2) / 3));
  });
});

describe('the promised range', () => {
  it('is about (conversations to be taken before it) × mean handle time / agent slots, its median', () => {
    const eta = withHistory(100, 600);
    // 40 to take (itself included) at 20 slots / 600 s: 1200 s; the median of that many completions is a little less
    const { mid, low, high } = range(eta.estimate(busy(40, 20)));
    expect(mid).toBeGreaterThan(1180);
    expect(mid).toBeLessThan(1200);
    expect(low).toBeLessThan(mid);
    expect(high).toBeGreaterThan(mid);
    // free slots count as conversations already taken
    expect(range(eta.estimate({ position: 40, freeCapacity: 10, totalCapacity: 20 })).mid).toBeCloseTo((30 * 600) / 20, -2);
  });

  it('grows with the position and shrinks with capacity', () => {
    const eta = withHistory(100, 600, 200);
    const mids = [1, 2, 5, 10, 50].map((p) => range(eta.estimate(busy(p, 10))).mid);
    expect(mids).toEqual([...mids].sort((a, b) => a - b));
    expect(range(eta.estimate(busy(10, 20))).mid).toBeLessThan(range(eta.estimate(busy(10, 10))).mid);
  });

  it('is relatively narrower deep in a queue than at its head', () => {
    const eta = withHistory(100, 600, 300);
    const relative = (p: number) => {
      const r = range(eta.estimate(busy(p, 10)));
      return (r.high - r.low) / r.mid;
    };
    expect(relative(100)).toBeLessThan(relative(10));
    expect(relative(10)).toBeLessThan(relative(1));
    expect(relative(1)).toBeLessThanOrEqual(1.85);
  });

  it('holds the actual wait about two times in three, and centres on it, where the answer is known', () => {
    // 20 busy slots with exponential handle times, position 30, nothing arriving ahead: the wait is the 30th
    // completion of a Poisson process of rate 20 / mean. Sample it.
    const random = seededRandom(7);
    const mean = 600;
    const eta = new EtaEstimator({ window: 1000 });
    for (let i = 0; i < 1000; i++) eta.recordHandleTime(-mean * Math.log(1 - random()));
    const { low, high, mid } = range(eta.estimate(busy(30, 20)));
    const waits = Array.from({ length: 4000 }, () => {
      let t = 0;
      for (let k = 0; k < 30; k++) t += (-mean / 20) * Math.log(1 - random());
      return t;
    });
    const within = waits.filter((w) => w >= low && w <= high).length / waits.length;
    expect(within).toBeGreaterThan(0.55);
    expect(within).toBeLessThan(0.8);
    const errors = waits.map((w) => Math.abs(mid - w) / w).sort((a, b) => a - b);
    expect(errors[errors.length >> 1]).toBeLessThan(0.15);
  });
});

describe('what happens while it waits', () => {
  const now = 10_000 * S;

  it('counts conversations of a better priority arriving while it waits, until aging lifts it', () => {
    const eta = withHistory(100, 600, 0, { agingSeconds: 300 });
    const alone = range(eta.estimate(busy(20, 20, { priority: 'normal', now }))).mid;
    // urgent conversations arriving at 1 every 60 s
    for (let t = 0; t <= 3600; t += 60) eta.recordArrival('urgent', now - 3600 * S + t * S);
    const jumped = range(eta.estimate(busy(20, 20, { priority: 'normal', now }))).mid;
    expect(jumped).toBeGreaterThan(alone * 1.05);
    // an urgent one is not jumped by anyone
    expect(range(eta.estimate(busy(20, 20, { priority: 'urgent', now }))).mid).toBeCloseTo(alone, 0);
    expect(eta.arrivalRates(now).urgent).toBeCloseTo(1 / 60, 2);
  });

  it('keeps counting better-priority arrivals taken while ahead of it, and not those still waiting once it is level', () => {
    // 20 slots of 600 s (one freed every 30 s); an urgent arrival every 60 s, each taken at once (no wait known for
    // them). A normal one at position 20 reaches the urgent class after 600 s: by then 20 were taken, 10 of them
    // urgent arrivals, so 10 of the 20 remain: 300 s more, about 900 s in all.
    const eta = withHistory(100, 600, 0, { agingSeconds: 300 });
    for (let t = 0; t <= 3600; t += 60) eta.recordArrival('urgent', now - 3600 * S + t * S);
    const taken = range(eta.estimate(busy(20, 20, { priority: 'normal', now }))).mid;
    expect(taken).toBeGreaterThan(830);
    expect(taken).toBeLessThan(920);
    // had an urgent newcomer 100 to wait for, the urgent arrivals would not be taken before it is level with them
    const waiting = range(eta.estimate(busy(20, 20, { priority: 'normal', now, newcomers: { urgent: { position: 100 } } }))).mid;
    expect(waiting).toBeLessThan(taken - 200);
    expect(waiting).toBeGreaterThan(550);
  });

  it('counts those aging moves ahead of it before it is taken, and not after', () => {
    const eta = withHistory(100, 600);
    const plain = range(eta.estimate(busy(20, 20))).mid; // about 600 s
    const early = range(eta.estimate(busy(20, 20, { aheadChanges: Array.from({ length: 10 }, () => ({ inSeconds: 60, change: 1 })) }))).mid;
    const late = range(eta.estimate(busy(20, 20, { aheadChanges: [{ inSeconds: 5000, change: 1 }] }))).mid;
    const behind = range(eta.estimate(busy(20, 20, { aheadChanges: [{ inSeconds: 10, change: -1 }] }))).mid;
    expect(early).toBeGreaterThan(plain + 200);
    expect(late).toBe(plain);
    expect(behind).toBeLessThan(plain);
  });

  it('expects some of those ahead to leave when people have been abandoning', () => {
    const eta = withHistory(100, 600);
    const before = range(eta.estimate(busy(100, 20, { now }))).mid;
    // 20 departures over the last few minutes, 8 of them abandoning after 300 s: a hazard of about 1 / 600 s
    for (let i = 0; i < 20; i++) eta.recordDeparture(now - (20 - i) * S, 300, i % 5 < 2);
    const after = range(eta.estimate(busy(100, 20, { now }))).mid;
    expect(after).toBeLessThan(before * 0.9);
  });
});
