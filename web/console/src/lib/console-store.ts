import type { Api } from './api.ts';
import { loadPosition, savePosition } from './session.ts';
import { openStream, type StreamStatus } from './stream.ts';
import type { Agent, ConversationView, CustomerProfile, EventView, StateView, StreamFrame } from './types.ts';

export interface ConsoleSnapshot {
  /** Every conversation this console knows of, by id: the queues and people's conversations, kept live. */
  conversations: ReadonlyMap<string, ConversationView>;
  connection: StreamStatus;
  /** The first lists arrived. */
  loaded: boolean;
}

/** Something the agent should know about now. */
export type ConsoleSignal =
  /** A conversation started waiting in a queue the agent sees (a handover, a transfer, an overflow, a requeue). */
  | { kind: 'queued'; conversation: ConversationView; reason: string }
  /** A conversation became the agent's: assigned by the router, transferred to them, claimed or taken over. */
  | { kind: 'assigned'; conversation: ConversationView; via: 'auto' | 'claim' | 'takeover' | 'transfer' };

type Entry = { view: ConversationView; touched: number };

/** How often the lists are read again, besides each time the stream is ready. */
const REPAIR_EVERY_MS = 60_000;

/** Conversations that ended (with the AI or resolved) kept at most, the oldest dropped first. */
const KEEP_INACTIVE = 1500;

/**
 * The console's live picture of conversations: the queue and human-owned lists from the API, kept current by the
 * agent's all-conversations stream (`{type: 'event', event, state}` by global position). Each time the stream is
 * ready (first connect, and every reconnect) the lists are read again, so whatever a gap hid is repaired; states are
 * merged by `lastSeq`, so an older answer never overwrites a newer frame.
 */
export class ConsoleStore {
  private readonly entries = new Map<string, Entry>();
  private readonly customers = new Map<string, CustomerProfile>();
  private readonly fetching = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly signalListeners = new Set<(signal: ConsoleSignal) => void>();
  private connection: StreamStatus = 'connecting';
  private loaded = false;
  private tick = 0;
  private after = 0;
  private snapshot: ConsoleSnapshot | null = null;
  private notifyScheduled = false;
  private close: (() => void) | null = null;
  private repairTimer: ReturnType<typeof setInterval> | undefined;
  /** Bumped by every start and stop, so a start overtaken by a stop does nothing. */
  private generation = 0;

  constructor(
    private readonly api: Api,
    private readonly me: Agent,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConsoleSnapshot => {
    if (!this.snapshot) {
      const conversations = new Map<string, ConversationView>();
      for (const [id, entry] of this.entries) conversations.set(id, entry.view);
      this.snapshot = { conversations, connection: this.connection, loaded: this.loaded };
    }
    return this.snapshot;
  };

  onSignal(listener: (signal: ConsoleSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  async start(): Promise<void> {
    const generation = ++this.generation;
    clearInterval(this.repairTimer);
    // The stream only brings what the agent may still see: a conversation someone moved out of their teams is found
    // gone by reading the lists again now and then.
    this.repairTimer = setInterval(() => void this.refresh().catch(() => {}), REPAIR_EVERY_MS);
    const after = this.after || loadPosition() || (await this.probePosition());
    if (generation !== this.generation) return;
    this.after = after;
    this.close = openStream({
      token: this.api.token,
      after: () => this.after,
      onFrame: (frame) => this.onFrame(frame),
      onStatus: (status) => {
        this.connection = status;
        this.changed();
      },
      // The session may have ended: asking who we are signs out on a 401.
      onTrouble: () => void this.api.me().catch(() => {}),
    });
  }

  stop(): void {
    this.generation += 1;
    clearInterval(this.repairTimer);
    this.close?.();
    this.close = null;
  }

  /** A state an action returned (claim, transfer, …): shown at once, before the stream brings it. */
  applyState(conversationId: string, state: StateView): void {
    this.merge({ ...(this.entries.get(conversationId)?.view ?? { id: conversationId }), state }, this.loaded);
  }

  /** Reads the queue and human-owned lists again and repairs anything the stream did not bring. */
  async refresh(): Promise<void> {
    const since = this.tick;
    const [queued, held] = await Promise.all([this.api.conversations('queue'), this.api.conversations('human')]);
    const seen = new Set<string>();
    for (const view of [...queued, ...held]) {
      seen.add(view.id);
      this.merge(view, this.loaded);
    }
    // Listed as waiting or held before, not any more, and nothing newer came: read what became of them.
    const gone = [...this.entries.values()].filter(
      (e) => (e.view.state.owner === 'queue' || e.view.state.owner === 'human') && !seen.has(e.view.id) && e.touched <= since,
    );
    await Promise.allSettled(gone.map((e) => this.reload(e.view.id)));
    if (!this.loaded) {
      this.loaded = true;
      this.changed();
    }
  }

  /** Where the stream starts on a fresh page: the newest event of the newest conversation, so no long replay. */
  private async probePosition(): Promise<number> {
    try {
      const [latest] = await this.api.conversations(undefined, 1);
      if (!latest) return 0;
      const events = await this.api.events(latest.id, Math.max(0, latest.state.lastSeq - 1), 5);
      return events.reduce((max, e) => Math.max(max, e.position), 0);
    } catch {
      return 0;
    }
  }

  private async reload(id: string): Promise<void> {
    try {
      this.merge(await this.api.conversation(id), this.loaded);
    } catch {
      // No longer ours to see (transferred away): forget it.
      this.entries.delete(id);
      this.changed();
    }
  }

  private onFrame(frame: StreamFrame): void {
    switch (frame.type) {
      case 'ready':
        this.after = Math.max(this.after, frame.after);
        savePosition(this.after);
        void this.refresh().catch(() => {});
        return;
      case 'event': {
        const { event, state } = frame;
        this.after = Math.max(this.after, event.position);
        if (event.type === 'conversation.started') this.rememberCustomer(event.conversationId, event.data.customer, event);
        // Replayed events carry no state: the refresh at `ready` brings the states.
        if (state) this.merge({ ...(this.entries.get(event.conversationId)?.view ?? { id: event.conversationId }), state, updatedAt: event.at }, true, event);
        return;
      }
      case 'queue': {
        const entry = this.entries.get(frame.conversationId);
        if (entry && entry.view.state.owner === 'queue') {
          this.put({ ...entry.view, state: { ...entry.view.state, queue: frame.queue } });
        }
        return;
      }
      default:
        return;
    }
  }

  private rememberCustomer(id: string, customer: CustomerProfile, event: EventView): void {
    this.customers.set(id, customer);
    if (this.customers.size > KEEP_INACTIVE * 2) this.customers.delete(this.customers.keys().next().value!);
    const entry = this.entries.get(id);
    if (entry && !entry.view.customer) this.put({ ...entry.view, customer, createdAt: entry.view.createdAt ?? event.at });
  }

  /** What the API lets this agent see (src/domain/commands.ts agentMayAccess): their teams', their own, the AI's. */
  private maySee(state: StateView): boolean {
    if (this.me.role !== 'agent') return true;
    if (state.agentId === this.me.id || state.owner === 'ai' || !state.team) return true;
    return this.me.teams.includes(state.team);
  }

  private merge(next: ConversationView, signal: boolean, event?: EventView): void {
    const prev = this.entries.get(next.id)?.view;
    if (prev && prev.state.lastSeq > next.state.lastSeq) return;
    // Transferred out of the agent's teams (by them, from an action's answer): it is no longer theirs to list.
    if (!this.maySee(next.state)) {
      if (this.entries.delete(next.id)) this.changed();
      return;
    }
    let state = next.state;
    // Live states carry no place in line: keep the last one known while it still waits.
    if (state.owner === 'queue' && !state.queue && prev?.state.owner === 'queue' && prev.state.queue) state = { ...state, queue: prev.state.queue };
    const customer = next.customer ?? prev?.customer ?? this.customers.get(next.id);
    const view: ConversationView = { ...prev, ...next, state, ...(customer ? { customer } : {}) };
    this.put(view);
    if (!customer && (state.owner === 'queue' || state.owner === 'human')) void this.fetchDetails(next.id);
    if (signal) this.signalTransitions(prev, view, event);
  }

  private signalTransitions(prev: ConversationView | undefined, next: ConversationView, event?: EventView): void {
    const mine = (v: ConversationView | undefined) => v?.state.owner === 'human' && v.state.agentId === this.me.id;
    if (mine(next) && !mine(prev)) {
      let via: 'auto' | 'claim' | 'takeover' | 'transfer' = 'auto';
      if (event?.type === 'conversation.assigned') via = event.data.via;
      else if (event?.type === 'conversation.transferred') via = 'transfer';
      this.emit({ kind: 'assigned', conversation: next, via });
      return;
    }
    if (next.state.owner === 'queue' && prev?.state.owner !== 'queue') {
      const reason = event?.type === 'conversation.queued' ? (event.data.reason ?? 'handover') : event?.type === 'conversation.transferred' ? 'transfer' : 'handover';
      this.emit({ kind: 'queued', conversation: next, reason });
    }
  }

  private async fetchDetails(id: string): Promise<void> {
    if (this.fetching.has(id)) return;
    this.fetching.add(id);
    try {
      const view = await this.api.conversation(id);
      const entry = this.entries.get(id);
      if (entry) this.put({ ...entry.view, customer: view.customer, channel: view.channel, createdAt: view.createdAt });
    } catch {
      // shown without a name
    } finally {
      this.fetching.delete(id);
    }
  }

  private put(view: ConversationView): void {
    this.entries.delete(view.id);
    this.entries.set(view.id, { view, touched: ++this.tick });
    if (this.entries.size > KEEP_INACTIVE) this.prune();
    this.changed();
  }

  /** Drops the least recently changed conversations nobody waits on or holds (insertion order is change order). */
  private prune(): void {
    let excess = this.entries.size - KEEP_INACTIVE;
    for (const [id, entry] of this.entries) {
      if (excess <= 0) break;
      if (entry.view.state.owner === 'ai' || entry.view.state.owner === 'closed') {
        this.entries.delete(id);
        excess -= 1;
      }
    }
  }

  private emit(signal: ConsoleSignal): void {
    for (const listener of this.signalListeners) listener(signal);
  }

  private changed(): void {
    this.snapshot = null;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}
