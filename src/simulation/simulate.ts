import { seededRandom } from './seeded-random.ts';
import type { Priority } from '../domain/events.ts';
import { isOpenAt, type BusinessHours } from '../routing/business-hours.ts';
import type { EtaEstimate } from '../routing/eta.ts';
import { QueueBoard, type AgentPresence, type BoardConversation, type QueueSnapshot } from '../routing/queue-board.ts';
import { MovingAverageWait, oldestContactWait } from './baselines.ts';
import { exponential, gamma, lognormal, weibull, weightedIndex, type Uniform } from './distributions.ts';
import { EventHeap } from './event-heap.ts';
import { shiftHours, teamTimeZone, type HandleTimeDistribution, type PatienceDistribution, type Scenario, type TeamScenario } from './scenario.ts';
import { medianAbsPctError, summarizeWaits, type WaitSummary } from './statistics.ts';

/**
 * A discrete-event contact centre on a simulated clock, run through the service's own routing: one QueueBoard
 * (queue-board.ts: queue order, agent selection and wait-time promises), driven as the service's dispatcher drives it.
 * Pure and deterministic: the same scenario and seed give the same report.
 *
 * Contacts arrive per team as a Poisson process whose rate changes by the local hour. One arriving while the team is
 * closed is turned away (the AI keeps it) or queues, as the team says. It is tracked as queued in the team (owner
 * 'queue'), and the board's assignments for the team are made at once (each tracked as owner 'human' with its agent);
 * one that still waits is promised a wait by the board's snapshot of it (Baton's ETA) and by the two baselines, and
 * leaves when its patience runs out before an agent takes it (tracked as 'closed', abandoned). Agents are upserted
 * online when their shift starts while the team is open (checked every simulated minute) and away when it ends: they
 * stop taking contacts and finish the ones they have (tracked as 'closed' when finished). Assignments are planned
 * whenever a contact arrives, an agent finishes one or comes online. An agent holding two conversations takes each
 * one's handle time as if it were alone (the handle times are what the scenario says they are). Arrivals stop after
 * `hours`; the run goes on until every contact is served or has left (at most two more days).
 *
 * Promises are scored on the contacts that had to wait and were served: |promise − actual wait| / actual wait.
 * The moving-average baseline is fed the waits of contacts taken from the queue; the oldest-contact one is the age of
 * the longest-waiting contact when the new one arrives (0 when none waits).
 */

export interface SimulationOptions {
  seed: number;
  /** Overrides the scenario's hours of arrivals. */
  hours?: number;
  /** Called for every contact at the end of the run, in arrival order (for analysis). */
  onContact?: (contact: Readonly<ContactOutcome>) => void;
}

/** One contact as the run left it. */
export interface ContactOutcome {
  id: string;
  team: string;
  priority: Priority;
  /** Simulated instant of arrival, in milliseconds. */
  arrivedAt: number;
  status: 'waiting' | 'served' | 'abandoned' | 'turned_away';
  /** Had to wait: no agent was free when it arrived. */
  queued: boolean;
  /** Until an agent took it, or until it left. */
  waitSeconds?: number;
  /** What it was told on arrival, when it had to wait: its position, Baton's estimate and the baselines'. */
  position?: number;
  onlineCapacity?: number;
  baton?: EtaEstimate;
  movingAverage?: number;
  oldestContact?: number;
}

export interface MethodAccuracy {
  /** Median absolute percentage error of the promise against the actual wait (a fraction); null when none scored. */
  medianAbsPctError: number | null;
  /** Served contacts that had to wait and were given a promise by the method. */
  scored: number;
}

export interface EtaReport {
  /** Baton's: the midpoint of its range. */
  medianAbsPctError: number | null;
  baselines: { movingAverage: number | null; oldestContact: number | null };
  /** How many served waiting contacts each method was scored on. */
  scored: { baton: number; movingAverage: number; oldestContact: number };
  /** The three on the contacts all of them gave a promise to. */
  sameContacts: { scored: number; baton: number | null; movingAverage: number | null; oldestContact: number | null };
  /** Contacts that had to wait: given a range, or told it is unknown (and why). */
  promised: number;
  unknown: number;
  unknownReasons: Record<string, number>;
  /** Share of scored contacts whose actual wait fell within Baton's range. */
  withinRange: number | null;
}

export interface OutcomeReport {
  arrived: number;
  served: number;
  abandoned: number;
  turnedAway: number;
  /** Still waiting when the run stopped. */
  unfinished: number;
  /** Served contacts that had to wait (no agent free when they arrived). */
  queued: number;
  /** abandoned / (served + abandoned). */
  abandonRate: number;
  /** Waits of served contacts, in seconds (0 for those taken at once). */
  waits: WaitSummary;
  /** Waits of abandoning contacts before they left, in seconds. */
  abandonedAfter: WaitSummary;
  eta: EtaReport;
}

export interface SimulationReport extends OutcomeReport {
  scenario: string;
  seed: number;
  hours: number;
  strategy: string;
  agingSeconds: number;
  teams: Record<string, OutcomeReport>;
}

interface Contact extends Omit<ContactOutcome, 'team'> {
  team: number;
  handleSeconds: number;
  patienceSeconds: number;
}

interface Agent {
  id: string;
  shift: number;
  capacity: number;
}

interface Team {
  spec: TeamScenario;
  name: string;
  index: number;
  timeZone: string;
  open: boolean;
  shiftHours: BusinessHours[];
  shiftOn: boolean[];
  agents: Agent[];
  movingAverage: MovingAverageWait;
  peakRate: number;
  random: { arrivals: Uniform; priority: Uniform; handle: Uniform; patience: Uniform };
}

type SimEvent =
  | { kind: 'arrival'; team: Team }
  | { kind: 'completion'; contact: Contact; team: Team }
  | { kind: 'abandon'; contact: Contact; team: Team }
  | { kind: 'tick' };

const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const MINUTE = 60_000;
const HOUR = 3_600_000;
/** After arrivals stop, how long the run may go on for the last contacts. */
const DRAIN_LIMIT = 48 * HOUR;

export function simulate(scenario: Scenario, options: SimulationOptions): SimulationReport {
  const seed = options.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer from 0 to 4294967295, not ${seed}`);
  const hours = options.hours ?? scenario.hours;
  if (!(hours > 0)) throw new RangeError(`hours must be positive, not ${hours}`);
  const start = Date.parse(scenario.start);
  const end = start + hours * HOUR;
  const stopAt = end + DRAIN_LIMIT;

  const board = new QueueBoard({ agingSeconds: scenario.agingSeconds, strategy: scenario.strategy, eta: scenario.eta });
  const teams: Team[] = scenario.teams.map((spec, index) => {
    const agents: Agent[] = [];
    spec.shifts.forEach((shift, s) => {
      for (let n = 0; n < shift.agents; n++) agents.push({ id: `${spec.name}/${s}/${String(n).padStart(5, '0')}`, shift: s, capacity: shift.capacity });
    });
    const stream = (purpose: number) => seededRandom(streamSeed(seed, index, purpose));
    return {
      spec,
      name: spec.name,
      index,
      timeZone: teamTimeZone(spec),
      open: false,
      shiftHours: spec.shifts.map((shift) => shiftHours(spec, shift)),
      shiftOn: spec.shifts.map(() => false),
      agents,
      movingAverage: new MovingAverageWait(),
      peakRate: Math.max(...spec.arrivalsPerHour),
      random: { arrivals: stream(1), priority: stream(2), handle: stream(3), patience: stream(4) },
    };
  });

  /** The agent as the board knows them, with their presence. */
  const upsertAgent = (team: Team, agent: Agent, presence: AgentPresence, now: number) =>
    board.upsertAgent({ id: agent.id, teams: [team.name], skills: [], languages: [], capacity: agent.capacity, presence }, now);
  for (const team of teams) for (const agent of team.agents) upsertAgent(team, agent, 'offline', start);

  const contacts: Contact[] = [];
  const byId = new Map<string, Contact>();
  const heap = new EventHeap<SimEvent>();
  let waiting = 0;
  let inService = 0;

  const scheduleArrival = (team: Team, from: number) => {
    if (team.peakRate <= 0) return;
    // Thinning: candidates at the peak rate, each kept with probability rate(local hour) / peak.
    let at = from;
    for (;;) {
      at += exponential(team.random.arrivals, HOUR / team.peakRate);
      if (at >= end) return;
      const rate = team.spec.arrivalsPerHour[localHour(at, team.timeZone)]!;
      if (team.random.arrivals() * team.peakRate < rate) break;
    }
    heap.push(at, { kind: 'arrival', team });
  };

  /** The contact's routing state, as the service derives it from the conversation's. */
  const track = (contact: Contact, team: Team, owner: BoardConversation['owner'], now: number, agentId: string | null = null, abandoned = false) =>
    board.track({ id: contact.id, owner, team: team.name, priority: contact.priority, agentId, queuedAt: owner === 'queue' ? contact.arrivedAt : null }, now, { abandoned });

  /** Makes the assignments the board plans for the team, tracking each, as the dispatcher does (until none is planned). */
  const assign = (team: Team, now: number) => {
    for (;;) {
      const plans = board.planAssignments(now, [team.name]);
      if (plans.length === 0) return;
      for (const { conversationId, agentId } of plans) {
        const contact = byId.get(conversationId)!;
        track(contact, team, 'human', now, agentId);
        contact.status = 'served';
        contact.waitSeconds = (now - contact.arrivedAt) / 1000;
        waiting--;
        inService++;
        if (contact.queued) team.movingAverage.record(contact.waitSeconds);
        heap.push(now + contact.handleSeconds * 1000, { kind: 'completion', contact, team });
      }
    }
  };

  const updateStaffing = (now: number) => {
    const date = new Date(now);
    for (const team of teams) {
      team.open = team.spec.hours ? isOpenAt(team.spec.hours, date) : true;
      let cameOnline = false;
      team.shiftHours.forEach((hoursOfShift, s) => {
        const on = team.open && isOpenAt(hoursOfShift, date);
        if (on === team.shiftOn[s]) return;
        team.shiftOn[s] = on;
        // Off shift they are away: they take no more contacts and finish the ones they have (offline would hand
        // those back to the queue in the service).
        for (const agent of team.agents) if (agent.shift === s) upsertAgent(team, agent, on ? 'online' : 'away', now);
        cameOnline ||= on;
      });
      if (cameOnline) assign(team, now);
    }
  };

  for (const team of teams) scheduleArrival(team, start);
  heap.push(start, { kind: 'tick' });

  for (let item = heap.pop(); item; item = heap.pop()) {
    const now = item.at;
    if (now > stopAt) break;
    const event = item.event;
    switch (event.kind) {
      case 'tick': {
        updateStaffing(now);
        if (now < end || waiting + inService > 0) heap.push((Math.floor(now / MINUTE) + 1) * MINUTE, { kind: 'tick' });
        break;
      }
      case 'arrival': {
        const team = event.team;
        scheduleArrival(team, now);
        const contact = newContact(team, contacts.length, now);
        contacts.push(contact);
        if (!team.open && team.spec.whenClosed === 'turn_away') {
          contact.status = 'turned_away';
          break;
        }
        byId.set(contact.id, contact);
        const oldest = board.oldestQueuedAt(team.name);
        track(contact, team, 'queue', now);
        waiting++;
        assign(team, now);
        if (contact.status !== 'waiting') break;
        contact.queued = true;
        // What the service would tell it now that it waits: its place and the board's promise.
        const snapshot = board.snapshot(contact.id, now)!;
        contact.position = snapshot.position;
        contact.onlineCapacity = board.capacity(team.name).total;
        contact.baton = estimateOf(snapshot);
        contact.movingAverage = team.movingAverage.promise();
        contact.oldestContact = oldestContactWait(oldest, now);
        heap.push(now + contact.patienceSeconds * 1000, { kind: 'abandon', contact, team });
        break;
      }
      case 'abandon': {
        const { contact, team } = event;
        if (contact.status !== 'waiting') break;
        track(contact, team, 'closed', now, null, true);
        contact.status = 'abandoned';
        contact.waitSeconds = contact.patienceSeconds;
        waiting--;
        break;
      }
      case 'completion': {
        const { contact, team } = event;
        // Resolved: the board releases the agent and learns the handle time (the seconds with them).
        track(contact, team, 'closed', now);
        inService--;
        assign(team, now);
        break;
      }
    }
  }

  if (options.onContact) {
    for (const { team, handleSeconds: _h, patienceSeconds: _p, ...rest } of contacts) options.onContact({ ...rest, team: teams[team]!.spec.name });
  }
  return {
    scenario: scenario.name,
    seed,
    hours,
    strategy: scenario.strategy,
    agingSeconds: scenario.agingSeconds,
    ...outcome(contacts),
    teams: Object.fromEntries(teams.map((team) => [team.spec.name, outcome(contacts.filter((c) => c.team === team.index))])),
  };
}

/** The board's promise as the estimate the report keeps: a range, or unknown and why. */
function estimateOf(snapshot: QueueSnapshot): EtaEstimate {
  return snapshot.eta ? { kind: 'range', lowSeconds: snapshot.eta.lowSeconds, highSeconds: snapshot.eta.highSeconds } : { kind: 'unknown', reason: snapshot.etaUnknownReason ?? 'unknown' };
}

function newContact(team: Team, n: number, now: number): Contact {
  const spec = team.spec;
  const weights = PRIORITIES.map((p) => spec.priorities[p] ?? 0);
  return {
    id: `${spec.name}#${n}`,
    team: team.index,
    priority: PRIORITIES[weightedIndex(team.random.priority, weights)]!,
    arrivedAt: now,
    handleSeconds: drawHandleTime(team.random.handle, spec.handleTime),
    patienceSeconds: drawPatience(team.random.patience, spec.patience),
    status: 'waiting',
    queued: false,
  };
}

function drawHandleTime(random: Uniform, d: HandleTimeDistribution): number {
  switch (d.distribution) {
    case 'lognormal':
      return lognormal(random, d.meanSeconds, d.cv);
    case 'gamma':
      return gamma(random, d.meanSeconds, d.cv);
    case 'exponential':
      return exponential(random, d.meanSeconds);
  }
}

function drawPatience(random: Uniform, d: PatienceDistribution): number {
  return d.distribution === 'weibull' ? weibull(random, d.meanSeconds, d.shape) : exponential(random, d.meanSeconds);
}

function outcome(contacts: readonly Contact[]): OutcomeReport {
  const served = contacts.filter((c) => c.status === 'served');
  const abandoned = contacts.filter((c) => c.status === 'abandoned');
  const scoredQueued = served.filter((c) => c.queued && c.waitSeconds! > 0);
  const pairs = { baton: [] as Pair[], movingAverage: [] as Pair[], oldestContact: [] as Pair[] };
  const same = { baton: [] as Pair[], movingAverage: [] as Pair[], oldestContact: [] as Pair[] };
  let within = 0;
  for (const c of scoredQueued) {
    const actual = c.waitSeconds!;
    const baton = c.baton?.kind === 'range' ? (c.baton.lowSeconds + c.baton.highSeconds) / 2 : undefined;
    if (baton !== undefined) {
      pairs.baton.push({ promised: baton, actual });
      if (c.baton?.kind === 'range' && actual >= c.baton.lowSeconds && actual <= c.baton.highSeconds) within++;
    }
    if (c.movingAverage !== undefined) pairs.movingAverage.push({ promised: c.movingAverage, actual });
    if (c.oldestContact !== undefined) pairs.oldestContact.push({ promised: c.oldestContact, actual });
    if (baton !== undefined && c.movingAverage !== undefined && c.oldestContact !== undefined) {
      same.baton.push({ promised: baton, actual });
      same.movingAverage.push({ promised: c.movingAverage, actual });
      same.oldestContact.push({ promised: c.oldestContact, actual });
    }
  }
  const queuedAll = contacts.filter((c) => c.queued);
  const unknownReasons: Record<string, number> = {};
  for (const c of queuedAll) if (c.baton?.kind === 'unknown') unknownReasons[c.baton.reason] = (unknownReasons[c.baton.reason] ?? 0) + 1;
  const error = (list: Pair[]) => medianAbsPctError(list) ?? null;
  return {
    arrived: contacts.length,
    served: served.length,
    abandoned: abandoned.length,
    turnedAway: contacts.filter((c) => c.status === 'turned_away').length,
    unfinished: contacts.filter((c) => c.status === 'waiting').length,
    queued: served.filter((c) => c.queued).length,
    abandonRate: served.length + abandoned.length === 0 ? 0 : abandoned.length / (served.length + abandoned.length),
    waits: summarizeWaits(served.map((c) => c.waitSeconds!)),
    abandonedAfter: summarizeWaits(abandoned.map((c) => c.waitSeconds!)),
    eta: {
      medianAbsPctError: error(pairs.baton),
      baselines: { movingAverage: error(pairs.movingAverage), oldestContact: error(pairs.oldestContact) },
      scored: { baton: pairs.baton.length, movingAverage: pairs.movingAverage.length, oldestContact: pairs.oldestContact.length },
      sameContacts: {
        scored: same.baton.length,
        baton: error(same.baton),
        movingAverage: error(same.movingAverage),
        oldestContact: error(same.oldestContact),
      },
      promised: queuedAll.filter((c) => c.baton?.kind === 'range').length,
      unknown: queuedAll.filter((c) => c.baton?.kind === 'unknown').length,
      unknownReasons,
      withinRange: pairs.baton.length === 0 ? null : within / pairs.baton.length,
    },
  };
}

interface Pair {
  promised: number;
  actual: number;
}

/** A seed for one random stream of the run: the run's seed, the team and the purpose, mixed. */
function streamSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour of the day (0–23) at that instant in the time zone. */
function localHour(at: number, timeZone: string): number {
  if (timeZone === 'UTC') return new Date(at).getUTCHours();
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(at)) % 24;
}
