import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { etaGoal, formatReport, reportJson } from './report.ts';
import { parseScenario } from './scenario.ts';
import { simulate, type SimulationReport } from './simulate.ts';

const report = simulate(parseScenario(JSON.parse(readFileSync(new URL('./scenarios/small-centre.json', import.meta.url), 'utf8'))), { seed: 1 });
const withEta = (baton: number | null, movingAverage: number | null, oldestContact: number | null): SimulationReport => ({
  ...report,
  eta: { ...report.eta, medianAbsPctError: baton, baselines: { movingAverage, oldestContact } },
});

describe('the report', () => {
  it('as a table: every team and the total, the three ETA errors, and whether the goal was met', () => {
    const table = formatReport(report);
    expect(table).toMatch(/^baton simulate: scenario small-centre, seed 1, 24 h of arrivals, round robin assignment, aging every 120 s/);
    expect(table).toMatch(/^support\s+\d+/m);
    expect(table).toMatch(/^sales\s+\d+/m);
    expect(table).toMatch(/^all\s+\d+/m);
    expect(table).toMatch(/Baton \(midpoint of its range\)\s+\d+\.\d%/);
    expect(table).toMatch(/moving average of waits \(Salesforce\)\s+\d+\.\d%/);
    expect(table).toMatch(/oldest waiting contact's age \(AWS\)\s+\d+\.\d%/);
    expect(table).toMatch(/no promise \(unknown\): \d+ no agent of the team is online/);
    expect(table).toMatch(/Goal \(Baton at most 20\.0% and below both baselines\): not met \(above 20\.0%\)/);
  });

  it('as JSON: one line, errors and rates to 4 decimals, seconds to 1', () => {
    const json = JSON.parse(reportJson(report));
    for (const value of [json.eta.medianAbsPctError, json.eta.baselines.movingAverage, json.abandonRate]) {
      expect(String(value).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(4);
    }
    expect(String(json.waits.p99).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(1);
    expect(json.teams.sales.eta.unknownReasons).toEqual(report.teams.sales!.eta.unknownReasons);
  });

  it('the goal: Baton at most 20%, and below both baselines', () => {
    expect(etaGoal(withEta(0.15, 0.3, 0.7)).met).toBe(true);
    expect(etaGoal(withEta(0.2, 0.3, 0.7)).met).toBe(true);
    expect(etaGoal(withEta(0.21, 0.3, 0.7))).toMatchObject({ withinMax: false, belowBaselines: true, met: false });
    expect(etaGoal(withEta(0.15, 0.14, 0.7))).toMatchObject({ withinMax: true, belowBaselines: false, met: false });
    expect(etaGoal(withEta(null, 0.3, 0.7)).met).toBe(false);
    expect(etaGoal(withEta(0.15, null, null)).met).toBe(true);
    expect(formatReport(withEta(0.15, 0.14, 0.7))).toContain('not met (not below both baselines)');
  });
});
