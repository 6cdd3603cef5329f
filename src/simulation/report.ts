import type { OutcomeReport, SimulationReport } from './simulate.ts';

/** What `baton simulate` prints: one JSON line, or a table. Pure. */

/** The goal of the issue: Baton's median absolute percentage error at most this, and below both baselines. */
export const ETA_ERROR_GOAL = 0.2;

/** How Baton's ETA stands against the goal in the report. */
export function etaGoal(report: OutcomeReport): { maxMedianAbsPctError: number; withinMax: boolean; belowBaselines: boolean; met: boolean } {
  const { medianAbsPctError: baton, baselines } = report.eta;
  const withinMax = baton !== null && baton <= ETA_ERROR_GOAL;
  const belowBaselines = baton !== null && [baselines.movingAverage, baselines.oldestContact].every((b) => b === null || baton < b);
  return { maxMedianAbsPctError: ETA_ERROR_GOAL, withinMax, belowBaselines, met: withinMax && belowBaselines };
}

/**
 * The report as one JSON line: `{"eta": {"medianAbsPctError", "baselines": {"movingAverage", "oldestContact"}, …},
 * "waits": {"p50", "p90", "p99", "mean"}, "abandonRate", …, "teams": {…}, "goal": {…}}`, with errors and rates
 * rounded to 4 decimals and seconds to 1.
 */
export function reportJson(report: SimulationReport): string {
  const { teams, ...total } = report;
  return JSON.stringify({
    ...rounded(total),
    teams: Object.fromEntries(Object.entries(teams).map(([name, team]) => [name, rounded(team)])),
    goal: etaGoal(report),
  });
}

function rounded<T extends OutcomeReport>(outcome: T): T {
  return {
    ...outcome,
    abandonRate: round(outcome.abandonRate, 4),
    waits: roundWaits(outcome.waits),
    abandonedAfter: roundWaits(outcome.abandonedAfter),
    eta: {
      ...outcome.eta,
      medianAbsPctError: roundOrNull(outcome.eta.medianAbsPctError),
      baselines: {
        movingAverage: roundOrNull(outcome.eta.baselines.movingAverage),
        oldestContact: roundOrNull(outcome.eta.baselines.oldestContact),
      },
      sameContacts: {
        scored: outcome.eta.sameContacts.scored,
        baton: roundOrNull(outcome.eta.sameContacts.baton),
        movingAverage: roundOrNull(outcome.eta.sameContacts.movingAverage),
        oldestContact: roundOrNull(outcome.eta.sameContacts.oldestContact),
      },
      withinRange: roundOrNull(outcome.eta.withinRange),
    },
  };
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));
const roundOrNull = (value: number | null) => (value === null ? null : round(value, 4));
const roundWaits = (w: OutcomeReport['waits']) => ({ p50: round(w.p50, 1), p90: round(w.p90, 1), p99: round(w.p99, 1), mean: round(w.mean, 1) });

/** The report as a table for people. */
export function formatReport(report: SimulationReport): string {
  const rows: string[][] = [['team', 'arrived', 'turned away', 'served', 'waited', 'abandoned', 'wait p50', 'p90', 'p99', 'ETA error', 'moving avg', 'oldest']];
  for (const [name, team] of Object.entries(report.teams)) rows.push(row(name, team));
  rows.push(row('all', report));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));

  const eta = report.eta;
  const unknown = Object.entries(eta.unknownReasons).map(([reason, n]) => `${n} ${reason}`);
  return [
    `baton simulate: scenario ${report.scenario}, seed ${report.seed}, ${report.hours} h of arrivals, ${report.strategy.replace('_', ' ')} assignment, aging every ${report.agingSeconds} s`,
    '',
    ...table,
    '',
    'Waits in seconds, of served contacts (0 for those an agent took at once); abandoned: of served and abandoned.',
    'ETA error: median absolute percentage error of the promised wait against the actual wait, over served contacts that waited.',
    '',
    `  Baton (midpoint of its range)        ${pct(eta.medianAbsPctError).padStart(6)}  on ${eta.scored.baton} contacts; ${pct(eta.withinRange)} of actual waits within the range`,
    `  moving average of waits (Salesforce) ${pct(eta.baselines.movingAverage).padStart(6)}  on ${eta.scored.movingAverage}`,
    `  oldest waiting contact's age (AWS)   ${pct(eta.baselines.oldestContact).padStart(6)}  on ${eta.scored.oldestContact}`,
    `  no promise (unknown): ${unknown.length > 0 ? unknown.join(', ') : 'none'}`,
    '',
    `Goal (Baton at most ${pct(ETA_ERROR_GOAL)} and below both baselines): ${goalText(etaGoal(report))}`,
  ].join('\n');
}

function row(name: string, o: OutcomeReport): string[] {
  return [
    name,
    String(o.arrived),
    String(o.turnedAway),
    String(o.served),
    String(o.queued),
    `${o.abandoned} (${pct(o.abandonRate)})`,
    o.waits.p50.toFixed(0),
    o.waits.p90.toFixed(0),
    o.waits.p99.toFixed(0),
    pct(o.eta.medianAbsPctError),
    pct(o.eta.baselines.movingAverage),
    pct(o.eta.baselines.oldestContact),
  ];
}

function goalText(goal: ReturnType<typeof etaGoal>): string {
  if (goal.met) return 'met';
  const missed = [...(goal.withinMax ? [] : [`above ${pct(goal.maxMedianAbsPctError)}`]), ...(goal.belowBaselines ? [] : ['not below both baselines'])];
  return `not met (${missed.join(', ')})`;
}

function pct(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}
