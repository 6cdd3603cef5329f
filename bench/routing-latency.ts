/**
 * How long the queue board takes on its hot paths at a large contact centre's scale: a QueueBoard holding 100,000
 * waiting conversations (5 teams, mixed priorities, queued over the last hour, a tenth asking for skills) and 10,000
 * agents, all online and at capacity (a fifth of them in two teams). Timed, interleaved so the queues stay as large:
 * - enqueue: tracking a new conversation into a team's queue;
 * - assign: an agent finishes a conversation (tracking its release), then planAssignments for the teams that
 *   changed, then tracking the assignment(s) planned: what the service does when capacity frees up;
 * - snapshot: a waiting conversation's position and ETA (not on the hot path; for information).
 * One untimed round of each warms up first. Seeded, so every run does the same work.
 *
 *   node --import tsx bench/routing-latency.ts          a table on stdout
 */
import { pathToFileURL } from 'node:url';
import type { Priority } from '../src/domain/events.ts';
import { QueueBoard, type BoardConversation } from '../src/routing/queue-board.ts';
import { seededRandom } from '../src/simulation/seeded-random.ts';

/** Each hot path's goal: at most this, p99. */
export const GOAL_ROUTING_P99_MS = 1;

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  /** Operations timed. */
  operations: number;
}

export interface RoutingLatency {
  enqueue: LatencyFigures;
  assign: LatencyFigures;
  snapshot: LatencyFigures;
  /** The board's size while timed. */
  waiting: number;
  agents: number;
  teams: number;
  /** Assign operations that planned nothing (the free agent met none of the skills asked for within the scan limit). */
  assignsWithoutPlan: number;
}

export interface RoutingLatencyOptions {
  seed?: number;
  waiting?: number;
  agents?: number;
  /** Enqueue and assign operations timed, each (default 5,000). */
  operations?: number;
  /** Snapshots timed (default 200: each runs the ETA's look-ahead). */
  snapshots?: number;
}

const TEAMS = ['billing', 'general', 'technical_support', 'sales', 'account_management'];
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
/** Mostly normal, as handovers are. */
const PRIORITY_WEIGHTS = [0.15, 0.6, 0.2, 0.05];
const SKILL_EXPRESSIONS = ['de', 'fr || de', 'vip && en', '!junior'];
const HOUR = 3_600_000;

export function measureRoutingLatency(options: RoutingLatencyOptions = {}): RoutingLatency {
  const random = seededRandom(options.seed ?? 1);
  const waitingCount = options.waiting ?? 100_000;
  const agentCount = options.agents ?? 10_000;
  const operations = options.operations ?? 5_000;
  const snapshots = options.snapshots ?? 200;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const priority = (): Priority => {
    let r = random();
    for (let i = 0; i < PRIORITIES.length; i++) if ((r -= PRIORITY_WEIGHTS[i]!) < 0) return PRIORITIES[i]!;
    return 'normal';
  };

  const board = new QueueBoard();
  const start = Date.parse('2025-03-03T10:00:00Z');
  let now = start;

  // Agents, online since an hour ago, each at capacity with conversations taken over the last hour.
  const agentIds: string[] = [];
  const owned = new Map<string, string[]>();
  let conversations = 0;
  for (let a = 0; a < agentCount; a++) {
    const id = `agent-${a}`;
    const home = TEAMS[a % TEAMS.length]!;
    const teams = random() < 0.2 ? [home, pick(TEAMS.filter((team) => team !== home))] : [home];
    const languages = ['en', ...(random() < 0.25 ? ['de'] : []), ...(random() < 0.15 ? ['fr'] : [])];
    const skills = [...(random() < 0.3 ? ['vip'] : []), ...(random() < 0.2 ? ['junior'] : [])];
    const capacity = 2 + Math.floor(random() * 2);
    board.upsertAgent({ id, teams, skills, languages, capacity, presence: 'online' }, start - HOUR);
    agentIds.push(id);
    const mine: string[] = [];
    for (let n = 0; n < capacity; n++) {
      const conversation = `handled-${conversations++}`;
      board.track(human(conversation, pick(teams), id), start - Math.floor(random() * HOUR));
      mine.push(conversation);
    }
    owned.set(id, mine);
  }
  for (const team of TEAMS) for (let i = 0; i < 100; i++) board.recordHandleTime(team, 180 + random() * 720);

  // The waiting, queued over the last hour, in time order (as they arrived).
  const queuedAts = Array.from({ length: waitingCount }, () => start - Math.floor(random() * HOUR)).sort((a, b) => a - b);
  const waitingIds: string[] = [];
  let next = 0;
  const newWaiting = (queuedAt: number): BoardConversation => {
    const id = `waiting-${next++}`;
    waitingIds.push(id);
    const skills = random() < 0.1 ? pick(SKILL_EXPRESSIONS) : undefined;
    return { id, owner: 'queue', team: pick(TEAMS), priority: priority(), agentId: null, queuedAt, ...(skills ? { skills } : {}) };
  };
  for (const queuedAt of queuedAts) board.track(newWaiting(queuedAt), queuedAt);

  let assignsWithoutPlan = 0;
  const enqueue = (timings?: number[]) => {
    const conversation = newWaiting(now);
    const started = performance.now();
    board.track(conversation, now);
    timings?.push(performance.now() - started);
  };
  const assign = (timings?: number[]) => {
    const agentId = pick(agentIds);
    const mine = owned.get(agentId)!;
    if (mine.length === 0) return;
    const finished = mine.splice(Math.floor(random() * mine.length), 1)[0]!;
    const started = performance.now();
    const teams = board.track({ id: finished, owner: 'closed', team: null, priority: 'normal', agentId: null, queuedAt: null }, now);
    const plans = board.planAssignments(now, teams);
    for (const plan of plans) board.track(human(plan.conversationId, plan.team, plan.agentId), now);
    timings?.push(performance.now() - started);
    if (plans.length === 0) assignsWithoutPlan++;
    for (const plan of plans) owned.get(plan.agentId)!.push(plan.conversationId);
  };
  const snapshot = (timings?: number[]) => {
    for (;;) {
      const id = pick(waitingIds);
      const started = performance.now();
      const found = board.snapshot(id, now);
      const elapsed = performance.now() - started;
      if (!found) continue; // assigned since: pick another
      timings?.push(elapsed);
      return;
    }
  };
  // One operation every ~50 ms of the board's clock: aging moves on as it would.
  const run = (count: number, timed?: { enqueue: number[]; assign: number[] }) => {
    for (let i = 0; i < count; i++) {
      now += Math.floor(random() * 100);
      enqueue(timed?.enqueue);
      assign(timed?.assign);
    }
  };

  run(Math.min(1000, operations));
  for (let i = 0; i < Math.min(20, snapshots); i++) snapshot();
  assignsWithoutPlan = 0;
  const timed = { enqueue: [] as number[], assign: [] as number[] };
  run(operations, timed);
  const snapshotTimings: number[] = [];
  for (let i = 0; i < snapshots; i++) snapshot(snapshotTimings);

  return {
    enqueue: figures(timed.enqueue),
    assign: figures(timed.assign),
    snapshot: figures(snapshotTimings),
    waiting: TEAMS.reduce((sum, team) => sum + board.size(team), 0),
    agents: agentCount,
    teams: TEAMS.length,
    assignsWithoutPlan,
  };
}

function human(id: string, team: string, agentId: string): BoardConversation {
  return { id, owner: 'human', team, priority: 'normal', agentId, queuedAt: null };
}

/** The value below which p% of the sorted values lie (nearest rank). */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function figures(timings: number[]): LatencyFigures {
  const sorted = [...timings].sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value * 1000) / 1000;
  return { p50Ms: ms(percentile(sorted, 50)), p99Ms: ms(percentile(sorted, 99)), operations: sorted.length };
}

/** The figures as a small table, goals included. */
export function routingLatencyTable(latency: RoutingLatency): string {
  const goal = (f: LatencyFigures) => `goal p99 <= ${GOAL_ROUTING_P99_MS} ms: ${f.p99Ms <= GOAL_ROUTING_P99_MS ? 'MET' : 'NOT MET'}`;
  const row = (name: string, f: LatencyFigures, note: string) =>
    `  ${name.padEnd(9)} ${f.p50Ms.toFixed(3).padStart(8)} ${f.p99Ms.toFixed(3).padStart(8)} ${String(f.operations).padStart(6)}   ${note}`;
  return [
    `routing: QueueBoard with ${latency.waiting.toLocaleString('en')} waiting in ${latency.teams} teams, ${latency.agents.toLocaleString('en')} agents online at capacity, in-process`,
    `  ${''.padEnd(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'ops'.padStart(6)}`,
    row('enqueue', latency.enqueue, goal(latency.enqueue)),
    row('assign', latency.assign, `${goal(latency.assign)} (release + plan + track; ${latency.assignsWithoutPlan} planned nothing)`),
    row('snapshot', latency.snapshot, 'position + ETA, for information'),
  ].join('\n');
}

function main(): void {
  const latency = measureRoutingLatency();
  process.stdout.write(`${routingLatencyTable(latency)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
