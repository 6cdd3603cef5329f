import { z } from 'zod';
import { ASSIGNMENT_STRATEGIES } from '../routing/agent-selection.ts';
import { BusinessHoursSchema, WEEKDAYS, type BusinessHours } from '../routing/business-hours.ts';

/**
 * A contact-centre scenario for the simulator: teams with their hours, hourly Poisson arrivals, priority mix,
 * handle-time and patience distributions and agents' shifts. Checked with zod; pure (reading a file is the CLI's job).
 */

const Seconds = z.number().positive().max(7 * 24 * 3600);

/** How long an agent spends on a conversation, with its mean and coefficient of variation (sd / mean). */
const HandleTimeSchema = z.discriminatedUnion('distribution', [
  z.object({ distribution: z.literal('lognormal'), meanSeconds: Seconds, cv: z.number().positive().max(10) }).strict(),
  z.object({ distribution: z.literal('gamma'), meanSeconds: Seconds, cv: z.number().positive().max(10) }).strict(),
  z.object({ distribution: z.literal('exponential'), meanSeconds: Seconds }).strict(),
]);

/** How long a customer waits in the queue before leaving. */
const PatienceSchema = z.discriminatedUnion('distribution', [
  z.object({ distribution: z.literal('exponential'), meanSeconds: Seconds }).strict(),
  z.object({ distribution: z.literal('weibull'), meanSeconds: Seconds, shape: z.number().min(0.2).max(10) }).strict(),
]);

/** A group of agents working the same hours (local time of the team's time zone) with the same capacity. */
const ShiftSchema = z
  .object({
    agents: z.number().int().min(1).max(100_000),
    /** Conversations each agent takes at once. */
    capacity: z.number().int().min(1).max(20).default(1),
    /** "08:00-16:00", as in business hours. */
    hours: z.string(),
    days: z.array(z.enum(WEEKDAYS)).min(1).default([...WEEKDAYS]),
  })
  .strict();

const TeamSchema = z
  .object({
    name: z.string().regex(/^[a-z][\w-]*$/i, 'must be a name of letters, digits, - and _'),
    /** When handovers to the team are offered (none: always); the time zone of the arrival hours and shifts too. */
    hours: BusinessHoursSchema.optional(),
    /** What happens to a contact arriving while the team is closed: the AI keeps it (turn_away), or it queues. */
    whenClosed: z.enum(['turn_away', 'queue']).default('turn_away'),
    /** Mean handovers per hour for each local hour of the day, 0 to 23 (a Poisson process within each hour). */
    arrivalsPerHour: z.array(z.number().min(0).max(1_000_000)).length(24),
    /** Relative weights of the priorities of arriving contacts. */
    priorities: z
      .object({ low: z.number().min(0), normal: z.number().min(0), high: z.number().min(0), urgent: z.number().min(0) })
      .partial()
      .default({ normal: 1 })
      .refine((weights) => Object.values(weights).some((w) => (w ?? 0) > 0), 'at least one priority needs a weight above 0'),
    handleTime: HandleTimeSchema,
    patience: PatienceSchema,
    shifts: z.array(ShiftSchema).min(1),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    name: z.string().min(1).default('custom'),
    /** When the simulated clock starts (an instant, ISO 8601 with offset). */
    start: z.iso.datetime({ offset: true }).default('2026-03-02T00:00:00Z'),
    /** How many hours contacts arrive for; the run goes on until the last of them is served or leaves. */
    hours: z.number().positive().max(24 * 366).default(24),
    /** Queue aging: one class better every this many seconds waited. */
    agingSeconds: z.number().positive().default(300),
    strategy: z.enum(ASSIGNMENT_STRATEGIES).default('longest_idle'),
    eta: z
      .object({ window: z.number().int().min(1).max(10_000), minHistory: z.number().int().min(1).max(10_000) })
      .partial()
      .strict()
      .default({}),
    teams: z.array(TeamSchema).min(1),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const seen = new Set<string>();
    scenario.teams.forEach((team, t) => {
      if (seen.has(team.name)) ctx.addIssue({ code: 'custom', path: ['teams', t, 'name'], message: `"${team.name}" is used by an earlier team` });
      seen.add(team.name);
      team.shifts.forEach((shift, s) => {
        const checked = BusinessHoursSchema.safeParse(shiftHoursInput(team.hours?.timeZone ?? 'UTC', shift.hours, shift.days));
        for (const issue of checked.success ? [] : checked.error.issues) {
          ctx.addIssue({ code: 'custom', path: ['teams', t, 'shifts', s, 'hours'], message: issue.message });
        }
      });
    });
    const { window, minHistory } = scenario.eta;
    if (window !== undefined && minHistory !== undefined && minHistory > window) {
      ctx.addIssue({ code: 'custom', path: ['eta', 'minHistory'], message: 'must not exceed eta.window' });
    }
  });

export type Scenario = z.infer<typeof ScenarioSchema>;
export type TeamScenario = Scenario['teams'][number];
export type ShiftScenario = TeamScenario['shifts'][number];
export type HandleTimeDistribution = TeamScenario['handleTime'];
export type PatienceDistribution = TeamScenario['patience'];
export type ScenarioInput = z.input<typeof ScenarioSchema>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** A checked scenario, or a ScenarioError naming each field that is wrong and why. */
export function parseScenario(input: unknown): Scenario {
  const parsed = ScenarioSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(scenario)'}: ${issue.message}`);
  throw new ScenarioError(problems.join('; '));
}

function shiftHoursInput(timeZone: string, span: string, days: readonly string[]) {
  return { timeZone, weekly: Object.fromEntries(days.map((day) => [day, [span]])) };
}

/** The hours a shift works, as business hours in the team's time zone (for isOpenAt). */
export function shiftHours(team: TeamScenario, shift: ShiftScenario): BusinessHours {
  return BusinessHoursSchema.parse(shiftHoursInput(team.hours?.timeZone ?? 'UTC', shift.hours, shift.days));
}

/** The team's time zone: of its hours, else UTC. */
export function teamTimeZone(team: TeamScenario): string {
  return team.hours?.timeZone ?? 'UTC';
}
