import type { Priority } from '../domain/events.ts';
import { ASSIGNMENT_STRATEGIES, chooseAgent, createRoundRobinCursor, type AgentCandidate, type AssignmentStrategy, type RoundRobinCursor } from './agent-selection.ts';
import { EtaEstimator, type EtaInput, type EtaOptions } from './eta.ts';
import { RecentWaits } from './recent-waits.ts';
import { DEFAULT_AGING_SECONDS, TeamQueue } from './queue-order.ts';
import { compileSkillExpression, type SkillPredicate } from './skill-expression.ts';

export type AgentPresence = 'online' | 'away' | 'offline';

export interface BoardAgent {
  id: string;
  teams: readonly string[];
  skills: readonly string[];
  languages: readonly string[];
  /** How many conversations they take at once. */
  capacity: number;
  presence: AgentPresence;
}

/** A conversation's routing-relevant state (the caller derives it from the conversation state after every change). */
export interface BoardConversation {
  id: string;
  owner: 'ai' | 'queue' | 'human' | 'closed';
  team: string | null;
  priority: Priority;
  agentId: string | null;
  /** When it joined its current queue (owner 'queue'); it keeps its place by keeping this. */
  queuedAt: number | null;
  /** Skill expression an agent must meet (over the agent's skills and languages together), from the workflow target. */
  skills?: string;
}

export interface QueueSnapshot {
  team: string;
  position: number;
  eta: { lowSeconds: number; highSeconds: number } | null;
  etaUnknownReason?: string;
  /**
   * How the range was made: from the online agents' capacity and handle times, or, with nobody of the team online,
   * from the spread of the team's recent actual waits (RecentWaits).
   */
  basis?: 'capacity' | 'recent_waits';
}

export interface PlannedAssignment {
  conversationId: string;
  agentId: string;
  team: string;
}

export interface QueueBoardOptions {
  /** The queues' aging period (default 300 s; see queue-order.ts). */
  agingSeconds?: number;
  /** How agents are chosen (default longest idle). */
  strategy?: AssignmentStrategy;
  /** Per team, overriding `strategy`. */
  strategies?: Record<string, AssignmentStrategy>;
  /** For each team's EtaEstimator (its agingSeconds is the board's). */
  eta?: EtaOptions;
  /** Most conversations looked at per team in one plan when heads need skills no free agent has (default 1000). */
  scanLimit?: number;
}

export type BoardAgentView = BoardAgent & { active: number; idleSince: number; conversations: readonly string[] };

export const DEFAULT_SCAN_LIMIT = 1000;

/** What one agent adds to each of their teams' capacity. */
interface Share {
  total: number;
  free: number;
  online: number;
}

const NO_SHARE: Share = { total: 0, free: 0, online: 0 };

interface AgentRecord {
  agent: BoardAgent;
  /** When their work last changed: came online, got or finished a conversation (what longest idle goes by). */
  idleSince: number;
  /** Skills and languages together, lower-case: what skill expressions are evaluated over. */
  skillSet: ReadonlySet<string>;
  /** What they add to each of their teams' totals now (kept so a change is applied as a difference). */
  share: Share;
}

interface TeamState {
  name: string;
  queue: TeamQueue;
  eta: EtaEstimator;
  strategy: AssignmentStrategy;
  cursor: RoundRobinCursor;
  members: Set<AgentRecord>;
  /** Members online with free capacity: all that planning looks at, so it costs O(those), not O(all agents). */
  available: Set<AgentRecord>;
  /** The online members' capacity, and how much of it is free, and how many they are. */
  total: number;
  free: number;
  online: number;
}

interface TrackedConversation {
  /** The state last tracked; for owner 'queue', queuedAt is set. */
  state: BoardConversation;
  /** What an agent must meet (none: anyone). */
  predicate: SkillPredicate | undefined;
  /** With its agent since (owner 'human'), and the team it is handled in: for the handle time when that ends. */
  humanSince: number;
  humanTeam: string | null;
}

/** An agent as chooseAgent sees them while a plan is made: their load with what is planned so far. */
interface PlanCandidate extends AgentCandidate {
  record: AgentRecord;
}

/**
 * All teams' queues and agents of one service, in memory: who waits where in what order, who can take what, which
 * assignments to make now, and what to promise a waiting customer. Pure: no I/O, no clock; the caller tells it what
 * happened ({@link track}, {@link upsertAgent}) and what time it is, writes the assignments it plans, and tracks the
 * states that result.
 *
 * The hot paths are cheap at 100,000 waiting and 10,000 agents: `track` is O(log n) for the queue (TeamQueue) and
 * O(teams of the agent) for the load, as each team's capacity totals and its set of agents with free capacity are
 * kept up to date by difference; `planAssignments` looks only at a team's agents with free capacity and walks the
 * queue lazily in order, remembering within one plan which skill expressions no free agent meets, so skipped
 * conversations cost O(1) each. `snapshot` and `outlook` run the EtaEstimator's look-ahead: a few milliseconds for
 * a big queue.
 *
 * @example
 * const board = new QueueBoard({ agingSeconds: 300 });
 * board.upsertAgent({ id: 'ana', teams: ['billing'], skills: ['billing'], languages: ['de'], capacity: 2, presence: 'online' }, now);
 * board.track({ id: 'c1', owner: 'queue', team: 'billing', priority: 'high', agentId: null, queuedAt: now, skills: 'billing && de' }, now);
 * board.snapshot('c1', now); // { team: 'billing', position: 1, eta: null, etaUnknownReason: 'not enough history: …' }
 * for (const { conversationId, agentId, team } of board.planAssignments(now)) {
 *   // write the assignment, then tell the board the state that results
 *   board.track({ id: conversationId, owner: 'human', team, priority: 'high', agentId, queuedAt: null }, now);
 * }
 */
export class QueueBoard {
  private readonly agingSeconds: number;
  private readonly strategy: AssignmentStrategy;
  private readonly strategies: Readonly<Record<string, AssignmentStrategy>>;
  private readonly etaOptions: EtaOptions;
  private readonly scanLimit: number;
  private readonly teamStates = new Map<string, TeamState>();
  /** What each team's customers waited of late: the promise while nobody of the team is online. */
  private readonly recentWaits = new RecentWaits();
  private readonly agents = new Map<string, AgentRecord>();
  private readonly conversations = new Map<string, TrackedConversation>();
  /** The conversations each agent owns, by agent id: kept for ids not (yet) on the board too. */
  private readonly loads = new Map<string, Set<string>>();

  constructor(options: QueueBoardOptions = {}) {
    this.agingSeconds = options.agingSeconds ?? DEFAULT_AGING_SECONDS;
    this.strategy = options.strategy ?? 'longest_idle';
    this.strategies = { ...options.strategies };
    this.etaOptions = { ...options.eta, agingSeconds: this.agingSeconds };
    this.scanLimit = options.scanLimit ?? DEFAULT_SCAN_LIMIT;
    for (const strategy of [this.strategy, ...Object.values(this.strategies)]) {
      if (!ASSIGNMENT_STRATEGIES.includes(strategy)) throw new RangeError(`queue-board: unknown strategy ${String(strategy)}`);
    }
    if (!(this.scanLimit >= 1)) throw new RangeError(`queue-board: scanLimit must be at least 1, not ${this.scanLimit}`);
    // Bad aging or ETA options fail here rather than at the first conversation.
    this.newTeam('');
  }

  // ---- agents ------------------------------------------------------------------------------------------------------

  /** Adds or replaces an agent. Coming online (or being added online) sets their idleSince to `at`. Capacity/teams changes apply at once. */
  upsertAgent(agent: BoardAgent, at: number): void {
    if (!Number.isInteger(agent.capacity) || agent.capacity < 0) throw new RangeError(`queue-board: capacity of ${agent.id} must be a whole number ≥ 0, not ${agent.capacity}`);
    const previous = this.agents.get(agent.id);
    if (previous) this.detach(previous);
    const cameOnline = agent.presence === 'online' && previous?.agent.presence !== 'online';
    const record: AgentRecord = {
      agent: { ...agent, teams: [...new Set(agent.teams)], skills: [...agent.skills], languages: [...agent.languages] },
      idleSince: cameOnline || !previous ? at : previous.idleSince,
      skillSet: new Set([...agent.skills, ...agent.languages].map((skill) => skill.toLowerCase())),
      share: NO_SHARE,
    };
    this.agents.set(agent.id, record);
    this.attach(record);
  }

  removeAgent(id: string): void {
    const record = this.agents.get(id);
    if (!record) return;
    this.detach(record);
    this.agents.delete(id);
  }

  agent(id: string): BoardAgentView | undefined {
    const record = this.agents.get(id);
    if (!record) return undefined;
    const conversations = [...(this.loads.get(id) ?? [])];
    return { ...record.agent, active: conversations.length, idleSince: record.idleSince, conversations };
  }

  // ---- conversations -----------------------------------------------------------------------------------------------

  /**
   * Tells the board a conversation's current state: enqueues it (team queue, priority, queuedAt), moves it between
   * queues, removes it, counts it against its agent or releases it, as needed. Idempotent (the same state twice changes
   * nothing). Records for the team's EtaEstimator: arrivals (on joining a queue), departures (on leaving a queue: the
   * seconds waited; abandoned when it left to 'closed' with `how.abandoned`; with its priority, as one served, only
   * when it left to an agent) and handle times (the seconds with one agent, when it leaves them, for the team it was
   * handled in). Getting or releasing a conversation sets the agent's idleSince. A queued conversation without
   * queuedAt keeps the one it has, or gets `at`. Returns the teams whose queue or agent load changed (for the caller
   * to re-plan and refresh promises).
   */
  track(conversation: BoardConversation, at: number, how?: { abandoned?: boolean }): string[] {
    const { id, owner, priority } = conversation;
    const team = conversation.team;
    if (owner === 'queue' && team === null) throw new TypeError(`queue-board: ${id} is queued but has no team`);
    const previous = this.conversations.get(id);
    const before = previous?.state;
    // Compiled before anything changes, so a bad expression leaves the board as it was.
    const skills = conversation.skills?.trim() ? conversation.skills : undefined;
    const predicate = skills === undefined ? undefined : compileSkillExpression(skills);
    const changed = new Set<string>();

    // The queue: leave the old one, join the new one (or move within one to a new place).
    const wasIn = before?.owner === 'queue' ? before.team : null;
    const isIn = owner === 'queue' ? team : null;
    const queuedAt = isIn === null ? conversation.queuedAt : (conversation.queuedAt ?? (wasIn === isIn ? before!.queuedAt! : at));
    if (wasIn !== null && (wasIn !== isIn || before!.priority !== priority || before!.queuedAt !== queuedAt)) {
      const left = this.teamStates.get(wasIn)!;
      left.queue.remove(id);
      changed.add(wasIn);
      if (wasIn !== isIn) {
        const waited = Math.max(0, at - before!.queuedAt!) / 1000;
        left.eta.recordDeparture(at, waited, owner === 'closed' && how?.abandoned === true, owner === 'human' ? before!.priority : undefined);
        if (owner === 'human') this.recentWaits.record(wasIn, waited);
      }
    }
    if (isIn !== null) {
      const joined = this.team(isIn);
      if (!joined.queue.has(id)) {
        joined.queue.enqueue({ id, priority, queuedAt: queuedAt! });
        changed.add(isIn);
        if (wasIn !== isIn) joined.eta.recordArrival(priority, at);
      } else if (before!.skills !== skills) {
        changed.add(isIn); // someone free may meet the new expression
      }
    }

    // The agent's load: release the old agent, count it against the new one.
    const hadAgent = before?.owner === 'human' ? before.agentId : null;
    const hasAgent = owner === 'human' ? conversation.agentId : null;
    let humanSince = previous?.humanSince ?? at;
    let humanTeam = previous?.humanTeam ?? null;
    if (hadAgent !== hasAgent) {
      if (hadAgent !== null) {
        this.loads.get(hadAgent)?.delete(id);
        if (this.loads.get(hadAgent)?.size === 0) this.loads.delete(hadAgent);
        if (humanTeam !== null) this.team(humanTeam).eta.recordHandleTime(Math.max(0, at - humanSince) / 1000);
        this.loadChanged(hadAgent, at, changed);
      }
      if (hasAgent !== null) {
        let load = this.loads.get(hasAgent);
        if (!load) this.loads.set(hasAgent, (load = new Set()));
        load.add(id);
        humanSince = at;
        humanTeam = team;
        // Round robin goes on from whoever was given the last conversation, however it was given.
        if (team !== null) this.team(team).cursor.lastId = hasAgent;
        this.loadChanged(hasAgent, at, changed);
      }
    }

    if (owner === 'ai' || owner === 'closed') {
      this.conversations.delete(id);
    } else {
      const state: BoardConversation = { id, owner, team, priority, agentId: conversation.agentId, queuedAt: queuedAt ?? null };
      if (skills !== undefined) state.skills = skills;
      this.conversations.set(id, { state, predicate, humanSince, humanTeam });
    }
    return [...changed];
  }

  /** History loaded at start: a wait of that team's (queued to taken by a person). */
  recordWait(team: string, seconds: number): void {
    this.recentWaits.record(team, seconds);
  }

  /** History loaded at start: a handle time of that team. */
  recordHandleTime(team: string, seconds: number): void {
    this.team(team).eta.recordHandleTime(seconds);
  }

  // ---- promises ----------------------------------------------------------------------------------------------------

  /**
   * Position and ETA of a waiting conversation; undefined when it is not waiting. The ETA is the team's
   * EtaEstimator's, from its online agents' total and free capacity, who aging will move ahead or behind it, and
   * where better-priority newcomers would stand.
   */
  snapshot(conversationId: string, now: number): QueueSnapshot | undefined {
    const tracked = this.conversations.get(conversationId);
    if (tracked?.state.owner !== 'queue') return undefined;
    const team = this.teamStates.get(tracked.state.team!)!;
    const position = team.queue.position(conversationId, now)!;
    return promise(team, this.recentWaits, { position, priority: tracked.state.priority, now, aheadChanges: team.queue.aheadChanges(conversationId, now) });
  }

  /** What a conversation of `priority` joining `team`'s queue now would be told (the position it would get, ETA). */
  outlook(team: string, priority: Priority, now: number): QueueSnapshot {
    const state = this.teamStates.get(team) ?? this.newTeam(team);
    return promise(state, this.recentWaits, { position: state.queue.positionFor(priority, now), priority, now, aheadChanges: state.queue.aheadChangesFor(priority, now) });
  }

  // ---- assignments -------------------------------------------------------------------------------------------------

  /**
   * The assignments to make now: in each team (all, or those given) with waiting conversations, conversations in
   * queue order matched to the team's online agents with free capacity, chosen by the team's strategy. A conversation
   * whose skills no free agent meets is skipped (the next may still be matched), at most `scanLimit` of them a team;
   * a team stops when none of its agents has capacity left. An agent in several teams is not over-planned across
   * teams in one call. Pure: the board is not changed (round robin's cursor moves when the assignment is tracked).
   */
  planAssignments(now: number, teams?: Iterable<string>): PlannedAssignment[] {
    const plans: PlannedAssignment[] = [];
    /** Conversations planned for each agent in this call, over all teams. */
    const planned = new Map<string, number>();
    for (const name of teams === undefined ? this.teamStates.keys() : new Set(teams)) {
      const team = this.teamStates.get(name);
      if (!team || team.queue.size === 0 || team.available.size === 0) continue;
      this.planTeam(team, now, planned, plans);
    }
    return plans;
  }

  private planTeam(team: TeamState, now: number, planned: Map<string, number>, plans: PlannedAssignment[]): void {
    const candidates: PlanCandidate[] = [];
    let freeLeft = 0;
    for (const record of team.available) {
      const already = planned.get(record.agent.id) ?? 0;
      const active = this.active(record.agent.id) + already;
      if (active >= record.agent.capacity) continue;
      freeLeft += record.agent.capacity - active;
      candidates.push({ id: record.agent.id, online: true, capacity: record.agent.capacity, active, idleSince: already > 0 ? now : record.idleSince, record });
    }
    if (freeLeft === 0) return;
    const cursor: RoundRobinCursor = { ...team.cursor };
    // Once no free agent meets an expression, none will for the rest of this plan (free capacity only shrinks).
    const unmet = new Set<string>();
    let skipped = 0;
    for (const waiting of team.queue.inOrder(now)) {
      const tracked = this.conversations.get(waiting.id)!;
      const key = tracked.state.skills ?? '';
      let chosen: PlanCandidate | undefined;
      if (!unmet.has(key)) {
        const predicate = tracked.predicate;
        const able = predicate ? candidates.filter((candidate) => candidate.active < candidate.capacity && predicate(candidate.record.skillSet)) : candidates;
        chosen = chooseAgent(able, team.strategy, cursor);
        if (!chosen) unmet.add(key);
      }
      if (!chosen) {
        if (++skipped >= this.scanLimit) return;
        continue;
      }
      plans.push({ conversationId: waiting.id, agentId: chosen.id, team: team.name });
      chosen.active++;
      chosen.idleSince = now;
      planned.set(chosen.id, (planned.get(chosen.id) ?? 0) + 1);
      if (--freeLeft === 0) return;
    }
  }

  // ---- reading -----------------------------------------------------------------------------------------------------

  /** Waiting conversation ids in service order at `now` (for tests and the console), optionally at most `limit`. */
  waiting(team: string, now: number, limit = Infinity): string[] {
    const ids: string[] = [];
    const queue = this.teamStates.get(team)?.queue;
    if (!queue || limit <= 0) return ids;
    for (const conversation of queue.inOrder(now)) {
      ids.push(conversation.id);
      if (ids.length >= limit) break;
    }
    return ids;
  }

  size(team: string): number {
    return this.teamStates.get(team)?.queue.size ?? 0;
  }

  /** When the longest-waiting conversation of the team's queue was queued (its queuedAt); undefined when none waits. */
  oldestQueuedAt(team: string): number | undefined {
    return this.teamStates.get(team)?.queue.oldestQueuedAt();
  }

  /** Teams with waiting conversations or agents. */
  teams(): string[] {
    return [...this.teamStates.values()].filter((team) => team.queue.size > 0 || team.members.size > 0).map((team) => team.name);
  }

  /** Online capacity of a team's agents: total and free, and how many agents are online. */
  capacity(team: string): { total: number; free: number; online: number } {
    const state = this.teamStates.get(team);
    return state ? { total: state.total, free: state.free, online: state.online } : { total: 0, free: 0, online: 0 };
  }

  // ---- bookkeeping -------------------------------------------------------------------------------------------------

  private active(agentId: string): number {
    return this.loads.get(agentId)?.size ?? 0;
  }

  private team(name: string): TeamState {
    let team = this.teamStates.get(name);
    if (!team) this.teamStates.set(name, (team = this.newTeam(name)));
    return team;
  }

  private newTeam(name: string): TeamState {
    return {
      name,
      queue: new TeamQueue({ agingSeconds: this.agingSeconds }),
      eta: new EtaEstimator(this.etaOptions),
      strategy: this.strategies[name] ?? this.strategy,
      cursor: createRoundRobinCursor(),
      members: new Set(),
      available: new Set(),
      total: 0,
      free: 0,
      online: 0,
    };
  }

  private shareOf(record: AgentRecord): Share {
    if (record.agent.presence !== 'online') return NO_SHARE;
    const capacity = record.agent.capacity;
    return { total: capacity, free: Math.max(0, capacity - this.active(record.agent.id)), online: 1 };
  }

  /** Adds the agent to their teams, with what they add to each one's capacity. */
  private attach(record: AgentRecord): void {
    record.share = this.shareOf(record);
    for (const name of record.agent.teams) {
      const team = this.team(name);
      team.members.add(record);
      this.apply(team, record, NO_SHARE, record.share);
    }
  }

  private detach(record: AgentRecord): void {
    for (const name of record.agent.teams) {
      const team = this.team(name);
      team.members.delete(record);
      this.apply(team, record, record.share, NO_SHARE);
    }
    record.share = NO_SHARE;
  }

  /** An agent got or lost a conversation: their idleSince, and their teams' free capacity. */
  private loadChanged(agentId: string, at: number, changed: Set<string>): void {
    const record = this.agents.get(agentId);
    if (!record) return;
    record.idleSince = at;
    const share = this.shareOf(record);
    for (const name of record.agent.teams) {
      this.apply(this.team(name), record, record.share, share);
      changed.add(name);
    }
    record.share = share;
  }

  private apply(team: TeamState, record: AgentRecord, from: Share, to: Share): void {
    team.total += to.total - from.total;
    team.free += to.free - from.free;
    team.online += to.online - from.online;
    if (to.free > 0) team.available.add(record);
    else team.available.delete(record);
  }
}

const PRIORITY_ORDER: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** The team's promise to one at `position`: where newcomers of each better priority would stand feeds the estimate. */
function promise(team: TeamState, recentWaits: RecentWaits, input: Pick<EtaInput, 'position' | 'now' | 'aheadChanges'> & { priority: Priority; now: number }): QueueSnapshot {
  if (team.total === 0) {
    // Nobody online: no capacity to model, but what the team's customers were seen to wait of late, if enough is known.
    const typical = recentWaits.typicalRange(team.name, input.position);
    if (typical) return { team: team.name, position: input.position, eta: typical, basis: 'recent_waits' };
  }
  const better = PRIORITY_ORDER.slice(PRIORITY_ORDER.indexOf(input.priority) + 1);
  const newcomers = Object.fromEntries(better.map((p) => [p, { position: team.queue.positionFor(p, input.now), aheadChanges: team.queue.aheadChangesFor(p, input.now) }]));
  const estimate = team.eta.estimate({ ...input, freeCapacity: team.free, totalCapacity: team.total, newcomers });
  return estimate.kind === 'range'
    ? { team: team.name, position: input.position, eta: { lowSeconds: estimate.lowSeconds, highSeconds: estimate.highSeconds }, basis: 'capacity' }
    : { team: team.name, position: input.position, eta: null, etaUnknownReason: estimate.reason };
}
