/**
 * Which agent gets the next waiting conversation: among the online candidates with free capacity (and the skills
 * asked for), by one of three strategies. Pure: no I/O; only the round-robin cursor, an object the caller keeps per
 * team, changes.
 *
 * - `longest_idle` (the default): the agent whose work last changed longest ago (`idleSince`: came online, got or
 *   finished a conversation), so work is spread by time; ties to the one with fewer conversations, then by id.
 * - `least_busy`: the lowest load (active / capacity), then fewer conversations, then longest idle, then id.
 * - `round_robin`: the next agent by id after the one the cursor last chose, wrapping around.
 *
 * One pass over the candidates, no sorting: O(agents), tens of microseconds for 10,000.
 *
 * @example
 * const cursor = createRoundRobinCursor();
 * chooseAgent(agents); // longest idle
 * chooseAgent(agents, 'round_robin', cursor); // the next after the last one chosen with this cursor
 */

export const ASSIGNMENT_STRATEGIES = ['longest_idle', 'least_busy', 'round_robin'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export interface AgentCandidate {
  id: string;
  online: boolean;
  /** How many conversations the agent takes at once. */
  capacity: number;
  /** How many they have now. */
  active: number;
  /** When the agent's work last changed (came online, got or finished a conversation), in milliseconds. */
  idleSince: number;
  skills?: readonly string[];
}

/** The round-robin strategy's memory: the id it chose last. Keep one per team. */
export interface RoundRobinCursor {
  lastId?: string;
}

export function createRoundRobinCursor(): RoundRobinCursor {
  return {};
}

export interface SelectionOptions {
  /** Every one of these skills (none: any agent). */
  requiredSkills?: readonly string[];
}

/** How many more conversations the agent can take now (0 when offline). */
export function freeCapacity(agent: AgentCandidate): number {
  return agent.online ? Math.max(0, agent.capacity - agent.active) : 0;
}

/** Whether the agent can take a conversation now: online, with free capacity and the skills. */
export function canTake(agent: AgentCandidate, options?: SelectionOptions): boolean {
  if (freeCapacity(agent) <= 0) return false;
  const required = options?.requiredSkills;
  if (!required || required.length === 0) return true;
  const skills = agent.skills ?? [];
  return required.every((skill) => skills.includes(skill));
}

/**
 * The agent to assign to, or undefined when no candidate can take a conversation. `round_robin` needs the team's
 * cursor, and moves it to the agent chosen.
 */
export function chooseAgent<T extends AgentCandidate>(
  candidates: Iterable<T>,
  strategy: AssignmentStrategy = 'longest_idle',
  cursor?: RoundRobinCursor,
  options?: SelectionOptions,
): T | undefined {
  switch (strategy) {
    case 'longest_idle':
      return best(candidates, options, longestIdleFirst);
    case 'least_busy':
      return best(candidates, options, leastBusyFirst);
    case 'round_robin': {
      if (!cursor) throw new TypeError('chooseAgent: round_robin needs a cursor (createRoundRobinCursor())');
      const chosen = nextInTurn(candidates, cursor.lastId, options);
      if (chosen) cursor.lastId = chosen.id;
      return chosen;
    }
    default:
      throw new RangeError(`chooseAgent: unknown strategy ${String(strategy)}`);
  }
}

/** The candidate that `first` puts before every other. */
function best<T extends AgentCandidate>(candidates: Iterable<T>, options: SelectionOptions | undefined, first: (a: T, b: T) => boolean): T | undefined {
  let chosen: T | undefined;
  for (const agent of candidates) if (canTake(agent, options) && (!chosen || first(agent, chosen))) chosen = agent;
  return chosen;
}

function longestIdleFirst(a: AgentCandidate, b: AgentCandidate): boolean {
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  if (a.active !== b.active) return a.active < b.active;
  return a.id < b.id;
}

function leastBusyFirst(a: AgentCandidate, b: AgentCandidate): boolean {
  // a.active / a.capacity < b.active / b.capacity, exactly
  const load = a.active * b.capacity - b.active * a.capacity;
  if (load !== 0) return load < 0;
  return longestIdleFirst(a, b);
}

/** The able candidate with the smallest id after `lastId`, else (wrapping around) the smallest id of all. */
function nextInTurn<T extends AgentCandidate>(candidates: Iterable<T>, lastId: string | undefined, options: SelectionOptions | undefined): T | undefined {
  let after: T | undefined;
  let lowest: T | undefined;
  for (const agent of candidates) {
    if (!canTake(agent, options)) continue;
    if (!lowest || agent.id < lowest.id) lowest = agent;
    if (lastId !== undefined && agent.id > lastId && (!after || agent.id < after.id)) after = agent;
  }
  return after ?? lowest;
}
