import type { Logger } from 'pino';
import type { Bus, ConversationUpdate } from '../bus/bus.ts';
import type { Clock } from '../clock.ts';
import * as commands from '../domain/commands.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import type { Priority } from '../domain/events.ts';
import type { Job } from '../store/store.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { describeOpening, isOpenAt, nextOpening, type BusinessHours } from '../routing/business-hours.ts';
import { HANDLING_EVENT_TYPES, handleTimesFrom, waitsFrom } from '../routing/handle-times.ts';
import type { BoardConversation, QueueBoard, QueueSnapshot } from '../routing/queue-board.ts';
import { changedMaterially, toldWait, type WaitOutlook } from '../routing/wait-outlook.ts';
import type { AgentRecord, AppendResult, Decide, Store } from '../store/store.ts';
import { followUpNotice, overflowNotice, requeuedNotice, waitUpdateNotice } from './customer-notices.ts';

export interface DispatcherOptions {
  store: Store;
  bus: Bus;
  clock: Clock;
  log: Logger;
  board: QueueBoard;
  jobs: JobRunner;
  /** Appends and publishes, as the conversation service does for every command. */
  append: (conversationId: string, decide: Decide) => Promise<AppendResult>;
  teamHours: Record<string, BusinessHours>;
  firstResponseSeconds: number;
  abandonAfterSeconds: number;
  etaRefreshSeconds: number;
}

/** Promises are refreshed for at most this many waiting conversations per team a round (the front of the line). */
const REFRESH_PER_TEAM = 200;
/** At most this many assignment rounds in one dispatch (each round writes what one plan gives). */
const MAX_DISPATCH_ROUNDS = 50;
/** Handle times read back from the log at start. */
const HISTORY_EVENTS = 5_000;

const DISPATCH_JOB = 'dispatch';
/** Events after which a conversation may no longer wait in a queue. */
const LEAVES_QUEUE = ['conversation.assigned', 'conversation.transferred', 'conversation.resolved', 'conversation.handed_back', 'conversation.abandoned'] as const;
const REFRESH_JOB = 'eta-refresh';
const CATCH_UP_PAGE = 500;
const TRACKED_SEQS = 100_000;

/**
 * Keeps the queues: every node tracks every conversation that waits or is with a person (from the bus) on its
 * QueueBoard, so it can tell a customer their place and promise at once. Assigning is a job (`dispatch`, one row in
 * the jobs table), so exactly one node assigns at a time and a dispatch asked for while one runs runs again after it.
 * The routing timers are jobs too, durable across restarts: a target's overflow timeout, the first-response SLA, the
 * customer's abandonment, a team's opening, and the refresh of waiting customers' promises.
 */
export class Dispatcher {
  /** The waiting conversations' latest states, for telling them of their wait. */
  private readonly waitingStates = new Map<string, ConversationState>();
  /** Teams whose queue or agents changed since their customers were last told (the next dispatch refreshes them). */
  private readonly changedTeams = new Set<string>();
  /** The latest seq tracked per conversation (the most recent TRACKED_SEQS conversations). */
  private readonly trackedSeqs = new Map<string, number>();
  /** Open customer streams on this node, by conversation. */
  private readonly customerStreams = new Map<string, number>();
  /** The global position up to which routing events were read from the store (catchUp). */
  private mark = 0;
  private unsubscribe: (() => void) | undefined;
  private stopResync: (() => void) | undefined;

  constructor(private readonly options: DispatcherOptions) {
    const { jobs } = options;
    jobs.handle(DISPATCH_JOB, () => this.dispatch());
    jobs.handle(REFRESH_JOB, () => this.refreshAll());
    jobs.handle('overflow', (job) => this.overflow(job));
    jobs.handle('sla', (job) => this.checkFirstResponse(job));
    jobs.handle('abandon', (job) => this.abandon(job));
    jobs.handle('opening', (job) => this.opening(job));
  }

  /** Loads agents, the conversations waiting or with a person, and the handle times of late; then follows the bus. */
  async start(): Promise<void> {
    this.unsubscribe = this.options.bus.subscribe((update) => this.follow(update));
    this.stopResync = this.options.bus.onReconnect(() => void this.catchUp().catch((err) => this.options.log.error({ err }, 'queue catch-up failed')));
    // The log's latest routing event first, then the states: whatever is appended in between is read again by catchUp.
    const [latest] = await this.options.store.readLatestEvents(HANDLING_EVENT_TYPES, 1);
    this.mark = latest?.position ?? 0;
    await this.reload();
    const history = await this.options.store.readLatestEvents(HANDLING_EVENT_TYPES, HISTORY_EVENTS);
    for (const { team, seconds } of handleTimesFrom(history)) this.options.board.recordHandleTime(team, seconds);
    for (const { team, seconds } of waitsFrom(history)) this.options.board.recordWait(team, seconds);
    // Timers of conversations queued before a crash, whose jobs may not have been written: written again (same ids).
    for (const state of this.waitingStates.values()) await this.scheduleTimers(state);
    await this.requestDispatch();
  }

  stop(): void {
    this.unsubscribe?.();
    this.stopResync?.();
  }

  /** Reads every agent and every conversation waiting or with a person again. */
  private async reload(): Promise<void> {
    const { store, clock } = this.options;
    const now = clock.now().getTime();
    for (const agent of await store.listAgents()) this.upsertAgent(agent, presenceSince(agent, now));
    const states = await store.listConversations({ owners: ['queue', 'human'], limit: 1_000_000 });
    for (const state of states) this.track(state);
  }

  /**
   * Reads the routing events appended since the last catch-up, by any node, and tracks their conversations' current
   * states. The bus brings them too, but not always before a dispatch runs (a conversation queued through another node
   * a moment ago, or a node with a bus of its own): a dispatch starts from what the store says.
   */
  private async catchUp(): Promise<void> {
    const { store } = this.options;
    for (;;) {
      const events = await store.readEventsAfterPosition(this.mark, CATCH_UP_PAGE, HANDLING_EVENT_TYPES);
      const touched = new Set(events.map((e) => e.conversationId));
      for (const id of touched) {
        const state = await store.getState(id);
        if (state) this.track(state);
      }
      if (events.length > 0) this.mark = events[events.length - 1]!.position;
      if (events.length < CATCH_UP_PAGE) return;
    }
  }

  /** Tells the board an agent as the store has them; a change of presence, capacity or teams changes their teams' promises. */
  private upsertAgent(agent: AgentRecord, at: number): void {
    const known = this.options.board.agent(agent.id);
    const moved =
      !known ||
      known.presence !== agent.presence ||
      known.capacity !== agent.capacity ||
      known.teams.length !== agent.teams.length ||
      known.teams.some((team, i) => team !== agent.teams[i]);
    this.options.board.upsertAgent(boardAgent(agent), at);
    if (moved) for (const team of new Set([...(known?.teams ?? []), ...agent.teams])) this.changedTeams.add(team);
  }

  private follow(update: ConversationUpdate): void {
    if (update.events.length > 0) this.track(update.state);
  }

  private track(state: ConversationState): string[] {
    // A state older than one already tracked (the bus and a store read crossing) would undo it.
    const seen = this.trackedSeqs.get(state.id);
    if (seen !== undefined && seen > state.lastSeq) return [];
    this.trackedSeqs.delete(state.id);
    if (this.trackedSeqs.size >= TRACKED_SEQS) this.trackedSeqs.delete(this.trackedSeqs.keys().next().value!);
    this.trackedSeqs.set(state.id, state.lastSeq);
    if (state.owner === 'queue') this.waitingStates.set(state.id, state);
    else this.waitingStates.delete(state.id);
    const abandoned = state.closedAs === 'abandoned';
    const changed = this.options.board.track(boardConversation(state), Date.parse(state.updatedAt) || this.options.clock.now().getTime(), { abandoned });
    for (const team of changed) this.changedTeams.add(team);
    return changed;
  }

  // ---- what the rest of the service tells it ---------------------------------------------------------------------

  /**
   * Called (by the conversation service) on the node that appended, for every append, the dispatcher's own included:
   * sets the timers a new wait needs, and asks for a dispatch when
   * the append may let one be made (a conversation queued, an agent freed).
   */
  afterAppend(result: AppendResult): void {
    if (result.events.length === 0) return;
    this.track(result.state);
    const types = new Set(result.events.map((e) => e.type));
    const work: Promise<unknown>[] = [];
    if (types.has('conversation.queued') || types.has('conversation.transferred') || types.has('handover.requested')) {
      work.push(this.scheduleTimers(result.state));
    }
    const takenByHand = result.events.some((e) => e.type === 'conversation.assigned' && e.data.via !== 'auto');
    if (takenByHand || ['conversation.queued', 'conversation.transferred', 'conversation.resolved', 'conversation.handed_back', 'conversation.abandoned'].some((t) => types.has(t as never))) {
      work.push(this.requestDispatch());
    }
    // Out of the queue (taken, closed, handed back): nobody can abandon it any more. Only then: this runs on every append.
    if (result.state.owner !== 'queue' && LEAVES_QUEUE.some((t) => types.has(t))) work.push(this.options.store.cancelJob(`abandon:${result.state.id}`));
    void Promise.all(work).catch((err) => this.options.log.error({ err, conversationId: result.state.id }, 'routing timers failed'));
  }

  /** An agent's presence, capacity, skills or teams changed: re-read them, give back their conversations if they went offline, and dispatch. */
  async agentChanged(agentId: string): Promise<void> {
    const { store, board, clock, append } = this.options;
    const agent = await store.getAgent(agentId);
    if (!agent) {
      board.removeAgent(agentId);
      return;
    }
    this.upsertAgent(agent, clock.now().getTime());
    if (agent.presence === 'offline') {
      const held = await store.listConversations({ owners: ['human'], agentId, limit: 10_000 });
      for (const state of held) {
        if (state.agentId !== agentId) continue;
        // (the append's afterAppend sets the timers and asks for a dispatch)
        await append(state.id, (s) => commands.requeueFromAgent(s, agentId, requeuedNotice(s.agentName, s.team ?? 'general')));
      }
    }
    await this.requestDispatch();
  }

  /**
   * A customer's stream opened (their widget): they are here, whatever the abandonment timer says. Returns what to call
   * when it closes. While open, it says so again every half abandonment period, so that a window open on another
   * node keeps cancelling a timer this node's closed window set; the last window closing on this node starts it.
   */
  customerStreamOpened(conversationId: string): () => void {
    const count = (this.customerStreams.get(conversationId) ?? 0) + 1;
    this.customerStreams.set(conversationId, count);
    const here = () => void this.customerArrived(conversationId).catch((err) => this.options.log.error({ err, conversationId }, 'customer presence failed'));
    here();
    const heartbeat = setInterval(here, (this.options.abandonAfterSeconds * 1000) / 2);
    heartbeat.unref();
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      const left = (this.customerStreams.get(conversationId) ?? 1) - 1;
      if (left > 0) {
        this.customerStreams.set(conversationId, left);
        return;
      }
      this.customerStreams.delete(conversationId);
      void this.customerLeft(conversationId).catch((err) => this.options.log.error({ err, conversationId }, 'customer presence failed'));
    };
  }

  private async customerArrived(conversationId: string): Promise<void> {
    await this.options.store.cancelJob(`abandon:${conversationId}`);
  }

  /** The customer's last window closed: if they wait in a queue and do not come back in time, they have abandoned it. */
  private async customerLeft(conversationId: string): Promise<void> {
    const state = await this.options.store.getState(conversationId);
    if (state?.owner !== 'queue') return;
    const runAt = new Date(this.options.clock.now().getTime() + this.options.abandonAfterSeconds * 1000).toISOString();
    await this.options.store.scheduleJob({ id: `abandon:${conversationId}`, kind: 'abandon', runAt, payload: { queuedAt: state.queuedAt } });
  }

  /** The customer leaves an email for a follow-up. */
  async requestFollowUp(conversationId: string, email: string): Promise<AppendResult> {
    const result = await this.options.append(conversationId, (s) => commands.requestFollowUp(s, email, followUpNotice(email)));
    await this.options.store.cancelJob(`abandon:${conversationId}`);
    return result;
  }

  // ---- what customers are told -------------------------------------------------------------------------------------

  /** Where a newcomer of that priority would stand in the team's queue now, and roughly when they would be answered. */
  outlook(team: string, priority: Priority): WaitOutlook {
    const now = this.options.clock.now();
    return this.withHours(this.options.board.outlook(team, priority, now.getTime()), now);
  }

  /** A waiting conversation's place and promise; undefined when it does not wait. */
  waitFor(conversationId: string): WaitOutlook | undefined {
    const now = this.options.clock.now();
    const snapshot = this.options.board.snapshot(conversationId, now.getTime());
    return snapshot && this.withHours(snapshot, now);
  }

  /** How many conversations an agent has now (by this node's board). */
  agentLoad(agentId: string): number {
    return this.options.board.agent(agentId)?.active ?? 0;
  }

  /** The teams with waiting conversations or agents. */
  teams(): string[] {
    return this.options.board.teams();
  }

  /** A team's queue at a glance: how many wait, the online agents' room, whether it is open and when it opens. */
  teamStatus(team: string): { waiting: number; agentsOnline: number; capacity: number; freeCapacity: number; open: boolean; opensAt?: string } {
    const { board, teamHours, clock } = this.options;
    const now = clock.now();
    const { total, free, online } = board.capacity(team);
    const hours = teamHours[team];
    const open = !hours || isOpenAt(hours, now);
    const opens = open || !hours ? undefined : nextOpening(hours, now);
    return { waiting: board.size(team), agentsOnline: online, capacity: total, freeCapacity: free, open, ...(opens ? { opensAt: opens.toISOString() } : {}) };
  }

  private isOpen(team: string, at: Date): boolean {
    const hours = this.options.teamHours[team];
    return !hours || isOpenAt(hours, at);
  }

  private withHours(snapshot: QueueSnapshot, now: Date): WaitOutlook {
    const outlook: WaitOutlook = {
      team: snapshot.team,
      position: snapshot.position,
      eta: snapshot.eta,
      ...(snapshot.etaUnknownReason ? { etaUnknownReason: snapshot.etaUnknownReason } : {}),
      ...(snapshot.basis ? { basis: snapshot.basis } : {}),
    };
    const hours = this.options.teamHours[snapshot.team];
    if (!hours || isOpenAt(hours, now)) return outlook;
    const opens = nextOpening(hours, now);
    // Closed: no promise in minutes can be kept; the opening time is the promise.
    const closed: WaitOutlook = { team: outlook.team, position: outlook.position, eta: null, etaUnknownReason: 'the team is closed' };
    if (!opens) return { ...closed, closed: true };
    return { ...closed, opensAt: opens.toISOString(), opening: describeOpening(opens, hours.timeZone, now) };
  }

  // ---- jobs ----------------------------------------------------------------------------------------------------------

  /** Asks for a dispatch now; coalesced into the one dispatch job, which runs on whichever node claims it first. */
  async requestDispatch(): Promise<void> {
    await this.options.store.scheduleJob({ id: DISPATCH_JOB, kind: DISPATCH_JOB, runAt: this.options.clock.now().toISOString() });
    this.options.jobs.kick();
  }

  /** Gives waiting conversations to agents with room for them, then tells those still waiting where they stand. */
  async dispatch(): Promise<void> {
    const { store, board, clock, append } = this.options;
    await this.catchUp();
    // Presence and capacity change on any node: read afresh for each dispatch.
    const agents = new Map((await store.listAgents()).map((a) => [a.id, a]));
    for (const agent of agents.values()) this.upsertAgent(agent, presenceSince(agent, clock.now().getTime()));

    for (let round = 0; round < MAX_DISPATCH_ROUNDS; round++) {
      const now = clock.now();
      // Out of hours a team's customers are told when it opens; nothing is given to its agents before then.
      const open = board.teams().filter((team) => this.isOpen(team, now));
      const plan = board.planAssignments(now.getTime(), open);
      if (plan.length === 0) break;
      let written = 0;
      for (const { conversationId, agentId, team } of plan) {
        const agent = agents.get(agentId);
        if (!agent) continue;
        const result = await append(conversationId, (s) => commands.autoAssign(s, agent, team));
        // Tracked at once (the bus brings it too): the next plan must see this agent's new load.
        this.track(result.state);
        if (result.events.length > 0) written++;
      }
      if (written === 0) break;
    }
    // Only the teams whose queue or agents changed since the last refresh: the others' promises stand (the timed
    // refresh moves them on as time passes).
    const changed = new Set(this.changedTeams);
    this.changedTeams.clear();
    await this.refresh(changed);
  }

  private async refreshAll(): Promise<void> {
    await this.catchUp();
    this.changedTeams.clear();
    await this.refresh(new Set(this.options.board.teams()));
  }

  /**
   * Pushes each waiting customer's place and promise to their stream, and tells them in a message when it changed
   * materially; while anyone waits, comes back in etaRefreshSeconds (promises move as time passes).
   */
  private async refresh(teams: Set<string>): Promise<void> {
    const { board, clock, bus, append, store, log } = this.options;
    const now = clock.now();
    for (const team of teams) {
      for (const id of board.waiting(team, now.getTime(), REFRESH_PER_TEAM)) {
        const state = this.waitingStates.get(id);
        const wait = this.waitFor(id);
        if (!state || !wait) continue;
        try {
          await bus.publish({ conversationId: id, events: [], state, queue: wait });
          if (changedMaterially(state.toldWait, wait, now)) {
            // Decided again on the locked state: two refreshes (two jobs, two nodes) must not both tell it.
            const result = await append(id, (s) =>
              changedMaterially(s.toldWait, wait, now) ? commands.waitUpdate(s, team, waitUpdateNotice(wait), toldWait(wait)) : [],
            );
            this.track(result.state);
          }
        } catch (err) {
          log.error({ err, conversationId: id }, 'telling a customer their wait failed');
        }
      }
    }
    if (this.waitingStates.size > 0) {
      const runAt = new Date(now.getTime() + this.options.etaRefreshSeconds * 1000).toISOString();
      await store.scheduleJob({ id: REFRESH_JOB, kind: REFRESH_JOB, runAt }, { keepEarlier: true });
    }
  }

  /** The timers a conversation's wait needs: its target's overflow, the first-response SLA, the team's opening. */
  private async scheduleTimers(state: ConversationState): Promise<void> {
    const { store, clock } = this.options;
    if (state.handover && state.firstAgentReplyAt === null && state.slaBreachedAt === null && (state.owner === 'queue' || state.owner === 'human')) {
      const dueAt = new Date(Date.parse(state.handover.at) + this.options.firstResponseSeconds * 1000).toISOString();
      await store.scheduleJob({ id: `sla:${state.id}`, kind: 'sla', runAt: dueAt, payload: { dueAt } });
    }
    if (state.owner !== 'queue' || !state.team || !state.queuedAt) return;
    const timeout = state.queueTarget?.timeoutSeconds;
    if (timeout && state.queueTarget?.next?.length) {
      // From when it joined this team's queue (its place in line may be older), counting only while the team is open:
      // a customer told the team opens at nine waits for the team, not for the next one.
      const runAt = this.overflowAt(state.team, new Date(state.queueJoinedAt ?? state.queuedAt), timeout).toISOString();
      await store.scheduleJob({ id: `overflow:${state.id}`, kind: 'overflow', runAt, payload: { team: state.team, queuedAt: state.queuedAt } });
    }
    const hours = this.options.teamHours[state.team];
    const now = clock.now();
    if (hours && !isOpenAt(hours, now)) {
      const opens = nextOpening(hours, now);
      if (opens) await store.scheduleJob({ id: `opening:${state.team}`, kind: 'opening', runAt: opens.toISOString(), payload: { team: state.team } });
    }
  }

  /** When a conversation that joined `team`'s queue at `joined` overflows: `timeoutSeconds` of the team's open time later. */
  private overflowAt(team: string, joined: Date, timeoutSeconds: number): Date {
    const hours = this.options.teamHours[team];
    const from = hours ? (nextOpening(hours, joined) ?? joined) : joined;
    return new Date(from.getTime() + timeoutSeconds * 1000);
  }

  private async overflow(job: Job): Promise<void> {
    const { team, queuedAt } = job.payload as { team: string; queuedAt: string };
    const conversationId = job.id.slice('overflow:'.length);
    const now = this.options.clock.now();
    if (!this.isOpen(team, now)) {
      // The team closed before the timeout ran out: it runs out once the team is open again.
      const hours = this.options.teamHours[team]!;
      const state = await this.options.store.getState(conversationId);
      const opens = nextOpening(hours, now);
      const timeout = state?.queueTarget?.timeoutSeconds;
      if (opens && timeout && state?.owner === 'queue' && state.team === team) {
        await this.options.store.scheduleJob({ id: job.id, kind: 'overflow', runAt: new Date(opens.getTime() + timeout * 1000).toISOString(), payload: job.payload });
      }
      return;
    }
    await this.options.append(conversationId, (s) => commands.overflow(s, { team, queuedAt }, (to) => overflowNotice(team, to)));
  }

  private async checkFirstResponse(job: Job): Promise<void> {
    const { dueAt } = job.payload as { dueAt: string };
    const conversationId = job.id.slice('sla:'.length);
    const result = await this.options.append(conversationId, (s) => commands.breachFirstResponse(s, dueAt));
    if (result.events.length > 0) this.options.log.warn({ conversationId, dueAt }, 'first response overdue');
  }

  private async abandon(job: Job): Promise<void> {
    const conversationId = job.id.slice('abandon:'.length);
    const now = this.options.clock.now().toISOString();
    await this.options.append(conversationId, (s) => commands.abandon(s, now));
  }

  private async opening(job: Job): Promise<void> {
    void job;
    // Through the one dispatch job, never beside it: two dispatches at once could plan the same free place twice.
    await this.requestDispatch();
  }
}

function boardConversation(state: ConversationState): BoardConversation {
  return {
    id: state.id,
    owner: state.owner,
    team: state.team,
    priority: state.priority ?? 'normal',
    agentId: state.agentId,
    queuedAt: state.queuedAt ? Date.parse(state.queuedAt) : null,
    ...(state.queueTarget?.skills ? { skills: state.queueTarget.skills } : {}),
  };
}

function boardAgent(agent: AgentRecord) {
  return { id: agent.id, teams: agent.teams, skills: agent.skills, languages: agent.languages, capacity: agent.capacity, presence: agent.presence };
}

function presenceSince(agent: AgentRecord, now: number): number {
  const at = agent.presenceChangedAt ? Date.parse(agent.presenceChangedAt) : NaN;
  return Number.isFinite(at) ? at : now;
}
