import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { defaultScenario } from '../simulation/default-scenario.ts';
import { formatReport, reportJson } from '../simulation/report.ts';
import { parseScenario, ScenarioError, type Scenario } from '../simulation/scenario.ts';
import { simulate } from '../simulation/simulate.ts';

/** Exit code of a command used wrongly (a bad option, an unreadable or invalid scenario). */
const USAGE = 2;
const USAGE_LINE = 'usage: baton simulate [--json] [--seed N] [--scenario FILE] [--hours N]';

export interface SimulateOptions {
  json?: boolean;
  seed?: string;
  scenario?: string;
  hours?: string;
}

/** Where the command writes: the console, or a test's capture. */
export interface SimulateOutput {
  log(line: string): void;
  error(line: string): void;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'run a contact centre on a simulated clock (Poisson arrivals by hour, handle times, shifts, abandonment) through ' +
        "Baton's queue order, agent selection and wait-time promises; report waits, abandonment and the promises' accuracy " +
        'against two published baselines',
    )
    .option('--json', 'print the report as one JSON line instead of a table')
    .option('--seed <n>', 'seed of the random numbers, an integer from 0 to 4294967295 (default 1): the same seed, the same report')
    .option('--scenario <file>', 'a scenario (JSON or YAML; see src/simulation/scenario.ts) instead of the built-in one')
    .option('--hours <n>', "hours of arrivals (default: the scenario's, 24 for the built-in one)")
    // A wrong option is a usage error: exit 2, not commander's 1.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : USAGE))
    .action((options: SimulateOptions) => {
      process.exitCode = runSimulate(options);
    });
}

/** Runs the simulation and prints its report; returns the exit code. */
export function runSimulate(options: SimulateOptions, output: SimulateOutput = console): number {
  const usageError = (message: string) => {
    output.error(`baton simulate: ${message}`);
    output.error(USAGE_LINE);
    return USAGE;
  };

  const seed = options.seed === undefined ? 1 : Number(options.seed);
  if (options.seed !== undefined && (!/^\d+$/.test(options.seed.trim()) || seed > 0xffffffff)) {
    return usageError(`--seed must be an integer from 0 to 4294967295, not "${options.seed}"`);
  }
  let hours: number | undefined;
  if (options.hours !== undefined) {
    hours = Number(options.hours);
    if (!/^\d+(\.\d+)?$/.test(options.hours.trim()) || !(hours > 0) || hours > 24 * 366) {
      return usageError(`--hours must be a number of hours above 0, at most ${24 * 366}, not "${options.hours}"`);
    }
  }

  let scenario: Scenario;
  if (options.scenario === undefined) {
    scenario = defaultScenario();
  } else {
    let text: string;
    try {
      text = readFileSync(options.scenario, 'utf8');
    } catch (error) {
      return usageError(`--scenario ${options.scenario} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    let input: unknown;
    try {
      input = parseYaml(text);
    } catch (error) {
      return usageError(`--scenario ${options.scenario} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      scenario = parseScenario(input);
    } catch (error) {
      if (error instanceof ScenarioError) return usageError(`--scenario ${options.scenario}: ${error.message}`);
      throw error;
    }
  }

  const report = simulate(scenario, { seed, ...(hours === undefined ? {} : { hours }) });
  output.log(options.json ? reportJson(report) : formatReport(report));
  return 0;
}
