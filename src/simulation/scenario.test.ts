import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isOpenAt } from '../routing/business-hours.ts';
import { DEFAULT_SCENARIO_INPUT, defaultScenario } from './default-scenario.ts';
import { parseScenario, ScenarioError, shiftHours, type ScenarioInput } from './scenario.ts';

const team = (changes: Record<string, unknown> = {}) => ({
  name: 'support',
  arrivalsPerHour: Array.from({ length: 24 }, () => 10),
  handleTime: { distribution: 'exponential' as const, meanSeconds: 300 },
  patience: { distribution: 'exponential' as const, meanSeconds: 600 },
  shifts: [{ agents: 2, hours: '00:00-24:00' }],
  ...changes,
});

const problem = (input: unknown): string => {
  try {
    parseScenario(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('the scenario was accepted');
};

describe('scenarios', () => {
  it('the built-in one is valid, and fills in the defaults', () => {
    const scenario = defaultScenario();
    expect(scenario.name).toBe('default');
    expect(scenario.teams.map((t) => t.name)).toEqual(['billing', 'technical_support', 'general']);
    expect(scenario.teams[0]!.shifts[0]!.days).toHaveLength(7);
    expect(scenario.eta).toEqual({});
    expect(DEFAULT_SCENARIO_INPUT.strategy).toBe('longest_idle');
  });

  it('the shipped second scenario is valid', () => {
    const scenario = parseScenario(JSON.parse(readFileSync(new URL('./scenarios/small-centre.json', import.meta.url), 'utf8')));
    expect(scenario.strategy).toBe('round_robin');
    expect(scenario.teams[1]!.whenClosed).toBe('queue');
  });

  it('a minimal one gets defaults: 24 hours from a Monday, aging 300 s, longest idle, normal priority, capacity 1', () => {
    const scenario = parseScenario({ teams: [team()] });
    expect(scenario).toMatchObject({ name: 'custom', hours: 24, agingSeconds: 300, strategy: 'longest_idle', start: '2026-03-02T00:00:00Z' });
    expect(scenario.teams[0]).toMatchObject({ whenClosed: 'turn_away', priorities: { normal: 1 }, shifts: [{ capacity: 1 }] });
  });

  it('names the field and the reason for what is wrong', () => {
    expect(problem({ teams: [] })).toMatch(/^teams: /);
    expect(problem({ teams: [team({ arrivalsPerHour: [1, 2, 3] })] })).toMatch(/^teams\.0\.arrivalsPerHour: /);
    expect(problem({ teams: [team({ shifts: [{ agents: 2, hours: '9-5' }] })] })).toMatch(/teams\.0\.shifts\.0\.hours: must be HH:MM-HH:MM/);
    expect(problem({ teams: [team({ shifts: [{ agents: 2, hours: '17:00-09:00' }] })] })).toMatch(/teams\.0\.shifts\.0\.hours: must close after it opens/);
    expect(problem({ teams: [team(), team()] })).toMatch(/teams\.1\.name: "support" is used by an earlier team/);
    expect(problem({ teams: [team({ handleTime: { distribution: 'normal', meanSeconds: 5 } })] })).toMatch(/^teams\.0\.handleTime/);
    expect(problem({ teams: [team({ priorities: { normal: 0 } })] })).toMatch(/at least one priority/);
    expect(problem({ teams: [team({ hours: { timeZone: 'Mars/Olympus', weekly: {} } })] })).toMatch(/teams\.0\.hours\.timeZone/);
    expect(problem({ teams: [team()], eta: { window: 10, minHistory: 20 } })).toMatch(/eta\.minHistory/);
    expect(problem({ teams: [team()], surprise: true })).toMatch(/surprise/);
    expect(problem({ teams: [team()], hours: 0 })).toMatch(/^hours: /);
  });

  it("a shift works its hours on its days, in the team's time zone", () => {
    const scenario = parseScenario({
      teams: [team({ hours: { timeZone: 'Europe/Berlin', weekly: {} }, shifts: [{ agents: 1, hours: '09:00-17:00', days: ['mon'] }] })],
    } satisfies ScenarioInput);
    const hours = shiftHours(scenario.teams[0]!, scenario.teams[0]!.shifts[0]!);
    expect(isOpenAt(hours, new Date('2026-03-02T08:00:00Z'))).toBe(true); // Monday 09:00 in Berlin
    expect(isOpenAt(hours, new Date('2026-03-02T07:59:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2026-03-03T08:00:00Z'))).toBe(false); // Tuesday
  });
});
