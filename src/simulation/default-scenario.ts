import { parseScenario, type Scenario, type ScenarioInput } from './scenario.ts';

/**
 * The built-in scenario of `baton simulate`: a weekday (Monday 2 March 2026, London) at a large contact centre, about
 * 580 agents in the demo company's three busiest teams, some 40,000 handovers. Handovers are offered while a team is
 * open (08:00–20:00); the AI keeps the ones that come at night. Arrivals climb through the morning and peak in the
 * afternoon; three staggered shifts cover them but run about 10% short at the busiest hours, so queues build there
 * (a few minutes' wait, 5–10% abandoning) and drain in between and in the evening, as they do.
 */
export const DEFAULT_SCENARIO_INPUT = {
  name: 'default',
  start: '2026-03-02T00:00:00Z',
  hours: 24,
  agingSeconds: 300,
  strategy: 'longest_idle',
  teams: [
    {
      name: 'billing',
      hours: { timeZone: 'Europe/London', weekly: weekdays('08:00-20:00') },
      //                0   1   2   3   4   5   6    7    8    9    10   11    12    13    14    15   16   17   18   19   20   21   22  23
      arrivalsPerHour: [33, 20, 13, 10, 10, 16, 40, 130, 395, 560, 925, 990, 1190, 1120, 1285, 1385, 925, 825, 495, 330, 230, 150, 100, 60],
      priorities: { low: 10, normal: 70, high: 15, urgent: 5 },
      handleTime: { distribution: 'lognormal', meanSeconds: 540, cv: 0.8 },
      patience: { distribution: 'exponential', meanSeconds: 1800 },
      shifts: [
        { agents: 66, capacity: 1, hours: '08:00-16:00' },
        { agents: 60, capacity: 1, hours: '10:00-18:00' },
        { agents: 54, capacity: 1, hours: '12:00-20:00' },
      ],
    },
    {
      name: 'technical_support',
      hours: { timeZone: 'Europe/London', weekly: weekdays('08:00-20:00') },
      arrivalsPerHour: [40, 26, 16, 13, 13, 20, 50, 165, 495, 660, 1090, 1190, 1485, 1450, 1585, 1685, 1090, 990, 595, 395, 265, 165, 115, 65],
      priorities: { low: 15, normal: 65, high: 15, urgent: 5 },
      handleTime: { distribution: 'gamma', meanSeconds: 720, cv: 1 },
      patience: { distribution: 'weibull', meanSeconds: 1200, shape: 1.8 },
      shifts: [
        { agents: 108, capacity: 1, hours: '08:00-16:00' },
        { agents: 96, capacity: 1, hours: '10:00-18:00' },
        { agents: 90, capacity: 1, hours: '12:00-20:00' },
      ],
    },
    {
      name: 'general',
      hours: { timeZone: 'Europe/London', weekly: weekdays('08:00-20:00') },
      arrivalsPerHour: [50, 30, 20, 16, 16, 26, 65, 200, 660, 860, 1420, 1520, 1850, 1780, 1980, 2110, 1320, 1190, 660, 495, 330, 200, 130, 80],
      priorities: { low: 20, normal: 70, high: 8, urgent: 2 },
      handleTime: { distribution: 'lognormal', meanSeconds: 420, cv: 0.7 },
      patience: { distribution: 'weibull', meanSeconds: 900, shape: 1.5 },
      shifts: [
        { agents: 42, capacity: 2, hours: '08:00-16:00' },
        { agents: 36, capacity: 2, hours: '10:00-18:00' },
        { agents: 30, capacity: 2, hours: '12:00-20:00' },
      ],
    },
  ],
} satisfies ScenarioInput;

function weekdays(span: string) {
  return { mon: [span], tue: [span], wed: [span], thu: [span], fri: [span] };
}

export function defaultScenario(): Scenario {
  return parseScenario(DEFAULT_SCENARIO_INPUT);
}
