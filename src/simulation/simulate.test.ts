import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario } from './default-scenario.ts';
import { reportJson } from './report.ts';
import { parseScenario, type ScenarioInput } from './scenario.ts';
import { simulate, type ContactOutcome, type SimulationReport } from './simulate.ts';

const smallCentre = () => parseScenario(JSON.parse(readFileSync(new URL('./scenarios/small-centre.json', import.meta.url), 'utf8')));

const team = (changes: Record<string, unknown> = {}) => ({
  name: 'support',
  arrivalsPerHour: Array.from({ length: 24 }, () => 30),
  handleTime: { distribution: 'exponential' as const, meanSeconds: 300 },
  patience: { distribution: 'exponential' as const, meanSeconds: 600 },
  shifts: [{ agents: 2, hours: '00:00-24:00' }],
  ...changes,
});

describe('the default scenario', () => {
  let report: SimulationReport;
  let line: string;
  beforeAll(() => {
    report = simulate(defaultScenario(), { seed: 1 });
    line = reportJson(report);
  });

  it('prints one JSON line of the documented shape', () => {
    expect(line).not.toContain('\n');
    const json = JSON.parse(line) as Record<string, any>;
    expect(json).toMatchObject({
      scenario: 'default',
      seed: 1,
      hours: 24,
      eta: {
        medianAbsPctError: expect.any(Number),
        baselines: { movingAverage: expect.any(Number), oldestContact: expect.any(Number) },
        scored: { baton: expect.any(Number), movingAverage: expect.any(Number), oldestContact: expect.any(Number) },
        promised: expect.any(Number),
        unknown: expect.any(Number),
        withinRange: expect.any(Number),
      },
      waits: { p50: expect.any(Number), p90: expect.any(Number), p99: expect.any(Number), mean: expect.any(Number) },
      abandonRate: expect.any(Number),
      served: expect.any(Number),
      abandoned: expect.any(Number),
      goal: { maxMedianAbsPctError: 0.2, met: expect.any(Boolean) },
    });
    expect(Object.keys(json.teams)).toEqual(['billing', 'technical_support', 'general']);
    for (const teamReport of Object.values(json.teams) as Record<string, any>[]) {
      expect(teamReport).toMatchObject({ eta: { medianAbsPctError: expect.any(Number) }, waits: { p50: expect.any(Number) }, abandonRate: expect.any(Number) });
    }
    expect(json.waits.p50).toBeLessThanOrEqual(json.waits.p90);
    expect(json.waits.p90).toBeLessThanOrEqual(json.waits.p99);
  });

  it('gives the same report for the same seed', () => {
    expect(reportJson(simulate(defaultScenario(), { seed: 1 }))).toBe(line);
  });

  it("keeps Baton's promises closer to the actual waits than both baselines, within the goal of 20%", () => {
    const { medianAbsPctError, baselines, scored } = report.eta;
    expect(scored.baton).toBeGreaterThan(10_000);
    expect(medianAbsPctError).not.toBeNull();
    expect(medianAbsPctError!).toBeLessThan(baselines.movingAverage!);
    expect(medianAbsPctError!).toBeLessThan(baselines.oldestContact!);
    expect(medianAbsPctError!).toBeLessThanOrEqual(0.2);
    for (const teamReport of Object.values(report.teams)) {
      expect(teamReport.eta.medianAbsPctError!).toBeLessThan(teamReport.eta.baselines.movingAverage!);
      expect(teamReport.eta.medianAbsPctError!).toBeLessThan(teamReport.eta.baselines.oldestContact!);
    }
  });

  it('accounts for every contact, and abandons a realistic share', () => {
    expect(report.arrived).toBe(report.served + report.abandoned + report.turnedAway + report.unfinished);
    expect(report.unfinished).toBe(0);
    expect(report.turnedAway).toBeGreaterThan(0); // the night's, while the teams are closed
    expect(report.abandonRate).toBeGreaterThan(0.01);
    expect(report.abandonRate).toBeLessThan(0.15);
    const teams = Object.values(report.teams);
    expect(teams.reduce((sum, t) => sum + t.served, 0)).toBe(report.served);
  });
});

describe('a second, small scenario', () => {
  it("keeps Baton's promises closer than both baselines there too, though short queues are inherently less predictable", () => {
    const report = simulate(smallCentre(), { seed: 1 });
    expect(report.eta.medianAbsPctError!).toBeLessThan(report.eta.baselines.movingAverage!);
    expect(report.eta.medianAbsPctError!).toBeLessThan(report.eta.baselines.oldestContact!);
    // the New York team's queue stays open at night, with nobody to take it: no promise, and it says why
    expect(report.teams.sales!.eta.unknownReasons['no agent of the team is online']).toBeGreaterThan(0);
  });

  it('changes with the seed and the hours', () => {
    const one = simulate(smallCentre(), { seed: 1, hours: 6 });
    const two = simulate(smallCentre(), { seed: 2, hours: 6 });
    expect(reportJson(one)).not.toBe(reportJson(two));
    expect(one.hours).toBe(6);
    expect(one.arrived).toBeLessThan(simulate(smallCentre(), { seed: 1 }).arrived);
  });
});

describe('the simulator', () => {
  const run = (input: ScenarioInput, seed = 1) => {
    const contacts: ContactOutcome[] = [];
    const report = simulate(parseScenario(input), { seed, onContact: (c) => contacts.push(c) });
    return { report, contacts };
  };

  it('turns contacts away while a team is closed, or queues them with no promise, as the team says', () => {
    const closed = { timeZone: 'UTC', weekly: {} };
    const away = run({ hours: 4, teams: [team({ hours: closed })] }).report;
    expect(away.turnedAway).toBe(away.arrived);
    expect(away.served).toBe(0);
    const queued = run({ hours: 4, teams: [team({ hours: closed, whenClosed: 'queue' })] });
    expect(queued.report.abandoned).toBe(queued.report.arrived);
    expect(queued.report.eta.unknownReasons).toEqual({ 'no agent of the team is online': queued.report.arrived });
    expect(queued.report.eta.medianAbsPctError).toBeNull();
  });

  it('says there is not enough history until agents have finished a few conversations', () => {
    // one agent; the first contacts wait for it with no handle time known yet
    const { report } = run({ hours: 2, teams: [team({ shifts: [{ agents: 1, hours: '00:00-24:00' }] })] });
    expect(report.eta.unknownReasons['not enough history: fewer than 5 handle times known']).toBeGreaterThan(0);
  });

  it('serves nobody before their shift, and follows the queue order and assignment strategy it is given', () => {
    for (const strategy of ['longest_idle', 'least_busy', 'round_robin'] as const) {
      const { report, contacts } = run({
        hours: 6,
        strategy,
        agingSeconds: 120,
        teams: [team({ priorities: { low: 1, normal: 2, urgent: 1 }, shifts: [{ agents: 2, capacity: 2, hours: '01:00-24:00' }] })],
      });
      const beforeShift = contacts.filter((c) => c.arrivedAt < Date.parse('2026-03-02T01:00:00Z'));
      expect(beforeShift.length).toBeGreaterThan(0);
      for (const c of beforeShift) if (c.status === 'served') expect(c.arrivedAt + c.waitSeconds! * 1000).toBeGreaterThanOrEqual(Date.parse('2026-03-02T01:00:00Z'));
      expect(report.strategy).toBe(strategy);
      expect(report.served).toBeGreaterThan(100);
      // urgent contacts wait less than low ones
      const mean = (p: string) => {
        const w = contacts.filter((c) => c.priority === p && c.status === 'served').map((c) => c.waitSeconds!);
        return w.reduce((a, b) => a + b, 0) / w.length;
      };
      expect(mean('urgent')).toBeLessThan(mean('low'));
    }
  });

  it('refuses a seed or hours that are not usable', () => {
    expect(() => simulate(smallCentre(), { seed: -1 })).toThrow(RangeError);
    expect(() => simulate(smallCentre(), { seed: 1.5 })).toThrow(RangeError);
    expect(() => simulate(smallCentre(), { seed: 1, hours: 0 })).toThrow(RangeError);
  });
});
