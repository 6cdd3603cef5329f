import { v7 as timeOrderedId } from 'uuid';
import type { Logger } from 'pino';
import type { Brain, BrainContext } from '../brain/brain.ts';
import type { Bus } from '../bus/bus.ts';
import type { Clock } from '../clock.ts';
import * as commands from '../domain/commands.ts';
import type { AgentRef } from '../domain/commands.ts';
import { projectEvents, type ConversationState } from '../domain/conversation-state.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { storedEvent, type CustomerProfile, type EventOf, type StoredEvent } from '../domain/events.ts';
import { buttonDecision, type EscalationPolicy } from '../escalation/policy.ts';
import type { Router } from '../routing/router.ts';
import type { AppendResult, Decide, Store } from '../store/store.ts';
import { decideTurn, handoverOutcome, type WaitOutlookProvider } from './decide-turn.ts';

export interface ConversationServiceDeps {
  store: Store;
  clock: Clock;
  bus: Bus;
  brain: Brain;
  escalation: EscalationPolicy;
  router: Router;
  log: Logger;
  /** Where a newcomer would stand in a team's queue and roughly when they'd be answered: told at handover. */
  outlook?: WaitOutlookProvider;
  /** Told of every append this node makes (after it is stored, before it is published): the routing timers. */
  onAppended?: (result: AppendResult) => void;
}

export interface TurnResult {
  message: StoredEvent;
  /** What the AI or the system said in answer, in order. */
  replies: StoredEvent[];
  state: ConversationState;
  /** True when the clientMessageId was seen before and nothing new was stored. */
  duplicate: boolean;
}

const isMessage = (e: StoredEvent) => e.type === 'message.created';

/** How many conversation states a node keeps at hand for instant turns. */
const RECENT_STATES = 10_000;

/** How many events before a customer message the brain and the policy read to decide on it. */
const HISTORY_WINDOW = 60;

/**
 * The one entry point for every channel. A customer message is acknowledged only once it is stored, alone or
 * together with its answer; the brain and the escalation policy decide on the turn, and what they decide is appended
 * under the conversation's lock, where the owner is checked again: the AI never speaks once a person owns the
 * conversation, and no message is answered twice.
 */
export class ConversationService {
  /**
   * The latest state of conversations this node wrote to: a starting point for instant turns, never trusted on its
   * own (the append checks it is still current under the lock). Bounded; the oldest entries go first.
   */
  private readonly recentStates = new Map<string, ConversationState>();

  constructor(private readonly deps: ConversationServiceDeps) {}

  private remember(state: ConversationState): void {
    const known = this.recentStates.get(state.id);
    if (known && known.lastSeq > state.lastSeq) return;
    this.recentStates.delete(state.id);
    if (this.recentStates.size >= RECENT_STATES) this.recentStates.delete(this.recentStates.keys().next().value!);
    this.recentStates.set(state.id, state);
  }

  /** `id`: given by a caller that claimed it beforehand (channel bridges: one conversation per external user). */
  async startConversation(input: { customer: CustomerProfile; channel: string; tokenHash: string; id?: string }): Promise<ConversationState> {
    const result = await this.deps.store.createConversation({
      // Time-ordered, so the conversations being talked in now sit together in the indexes: an append then
      // touches a few hot pages instead of random ones across the whole table.
      id: input.id ?? timeOrderedId(),
      customerTokenHash: input.tokenHash,
      customer: input.customer,
      channel: input.channel,
    });
    await this.publish(result);
    return result.state;
  }

  async getState(conversationId: string): Promise<ConversationState> {
    const state = await this.deps.store.getState(conversationId);
    if (!state) throw notFound('conversation');
    return state;
  }

  async receiveCustomerMessage(conversationId: string, input: { text: string; clientMessageId?: string }): Promise<TurnResult> {
    if (this.deps.brain.answersInstantly) return this.receiveAndAnswerAtOnce(conversationId, input);
    const stored = await this.deps.store.append(
      conversationId,
      (s) => commands.customerMessage(s, input.text, input.clientMessageId),
      { clientMessageId: input.clientMessageId },
    );
    if (stored.duplicateOf) return this.resentTurn(conversationId, stored);
    await this.publish(stored);
    return this.answerStored(conversationId, stored.events.find(isMessage)!, stored.state);
  }

  /** Answers a customer message already stored, and says what it was answered with. */
  private async answerStored(conversationId: string, message: StoredEvent, state: ConversationState): Promise<TurnResult> {
    const answered = await this.answer(conversationId, message, state);
    const replies = answered.events.filter(isMessage);
    return {
      message,
      // Empty when another attempt answered first; the customer gets that answer.
      replies: replies.length > 0 ? replies : await this.deps.store.readReplies(conversationId, message.seq),
      state: answered.state,
      duplicate: false,
    };
  }

  /**
   * The turn of an instant brain: decided on the latest state this node knows, then written with the customer
   * message in one transaction. Nothing is acknowledged before that commit, so nothing accepted can be lost; and the
   * server does one write a message instead of two. If the conversation moved on in between (another node, an
   * agent), the decision is stale: the message is stored alone and answered from the current state.
   */
  private async receiveAndAnswerAtOnce(conversationId: string, input: { text: string; clientMessageId?: string }): Promise<TurnResult> {
    const before = this.recentStates.get(conversationId) ?? (await this.getState(conversationId));
    const at = this.deps.clock.now().toISOString();
    const incoming = commands.customerMessage(before, input.text, input.clientMessageId);
    const projected = projectEvents(before, incoming, at);
    const provisional = storedEvent(incoming.at(-1)!, conversationId, projected.lastSeq, 0, at) as EventOf<'message.created'>;
    const outcome = await this.decideTurn(projected, provisional);
    // Built once: a state with the same lastSeq is the fold of the same events, so the turn is the same under the lock.
    const turn = [...incoming, ...commands.answerTurn(projected, outcome, projected.lastSeq)];
    let messageSeq = 0;
    let stale = false;
    const stored = await this.deps.store.append(
      conversationId,
      (s) => {
        stale = s.lastSeq !== before.lastSeq;
        if (!stale) {
          messageSeq = projected.lastSeq;
          return turn;
        }
        const events = commands.customerMessage(s, input.text, input.clientMessageId);
        messageSeq = s.lastSeq + events.length;
        return events;
      },
      { clientMessageId: input.clientMessageId },
    );
    if (stored.duplicateOf) return this.resentTurn(conversationId, stored);
    await this.publish(stored);
    const index = stored.events.findIndex((e) => e.seq === messageSeq);
    const message = stored.events[index]!;
    if (stale) return this.answerStored(conversationId, message, stored.state);
    return { message, replies: stored.events.slice(index + 1).filter(isMessage), state: stored.state, duplicate: false };
  }

  /** A clientMessageId seen before: the first result, finishing the turn first if the first attempt died before. */
  private async resentTurn(conversationId: string, stored: AppendResult): Promise<TurnResult> {
    const first = stored.duplicateOf!;
    if (stored.state.pendingSeqs.includes(first.seq)) await this.answer(conversationId, first, stored.state);
    const replies = await this.deps.store.readReplies(conversationId, first.seq);
    return { message: first, replies, state: await this.getState(conversationId), duplicate: true };
  }

  /** The "talk to a person" button: a handover with `human_requested`, whatever the AI would have said. */
  async requestHandoverByCustomer(conversationId: string): Promise<{ replies: StoredEvent[]; state: ConversationState }> {
    const state = await this.getState(conversationId);
    const { plan } = handoverOutcome(this.deps, state, buttonDecision(), 'button');
    const result = await this.appendAndPublish(conversationId, (s) => commands.requestHandover(s, plan));
    return { replies: result.events.filter(isMessage), state: result.state };
  }

  async claim(conversationId: string, agent: AgentRef): Promise<AppendResult> {
    await this.requireAccess(conversationId, agent);
    return this.appendAndPublish(conversationId, (s) => commands.claim(s, agent));
  }

  /** To a team's queue, or to an agent (their first team unless one is given); both must exist. */
  async transfer(conversationId: string, agent: AgentRef, to: { team?: string; agentId?: string; note?: string }): Promise<AppendResult> {
    await this.requireAccess(conversationId, agent);
    const { store } = this.deps;
    const target = to.agentId ? await store.getAgent(to.agentId) : undefined;
    if (to.agentId && !target) throw new DomainError(404, 'unknown_agent', `no agent ${to.agentId}`);
    const team = to.team ?? target?.teams[0];
    if (!team) throw new DomainError(400, 'invalid_request', 'give a team, an agent, or both');
    if (!(await store.listTeams()).some((t) => t.id === team)) throw new DomainError(404, 'unknown_team', `no team ${team}`);
    if (target && !target.teams.includes(team) && target.role === 'agent') {
      throw new DomainError(409, 'not_in_team', `${target.name} is not in team ${team}`);
    }
    const destination = { team, ...(target ? { agent: { id: target.id, name: target.name } } : {}), ...(to.note ? { note: to.note } : {}) };
    return this.appendAndPublish(conversationId, (s) => commands.transfer(s, agent, destination));
  }

  async sendAgentMessage(conversationId: string, agent: AgentRef, text: string): Promise<AppendResult> {
    await this.requireAccess(conversationId, agent);
    return this.appendAndPublish(conversationId, (s) => commands.agentMessage(s, agent, text));
  }

  async addNote(conversationId: string, agent: AgentRef, text: string): Promise<AppendResult> {
    await this.requireAccess(conversationId, agent);
    return this.appendAndPublish(conversationId, (s) => commands.addNote(s, agent, text));
  }

  async handBack(conversationId: string, agent: AgentRef, note?: string): Promise<AppendResult> {
    await this.requireAccess(conversationId, agent);
    return this.appendAndPublish(conversationId, (s) => commands.handBack(s, agent, note));
  }

  async resolve(conversationId: string, agent: AgentRef, note?: string): Promise<AppendResult> {
    await this.requireAccess(conversationId, agent);
    return this.appendAndPublish(conversationId, (s) => commands.resolve(s, agent, note));
  }

  /** Tells the other side someone is typing: published, not stored. */
  async typing(conversationId: string, who: { role: 'customer' | 'agent'; name?: string }): Promise<void> {
    const state = await this.getState(conversationId);
    try {
      await this.deps.bus.publish({ conversationId, events: [], state, typing: who });
    } catch (error) {
      this.deps.log.warn({ err: error, conversationId }, 'typing not published');
    }
  }

  async rate(conversationId: string, score: number, comment?: string): Promise<AppendResult> {
    return this.appendAndPublish(conversationId, (s) => commands.rate(s, score, comment));
  }

  async requireAccess(conversationId: string, agent: AgentRef): Promise<ConversationState> {
    const state = await this.getState(conversationId);
    if (!commands.agentMayAccess(agent, state)) {
      throw new DomainError(403, 'forbidden', 'this conversation belongs to another team');
    }
    return state;
  }

  /**
   * Answers customer messages whose turn was cut short (the process died between storing a message and answering
   * it). Run at start; returns how many messages it answered.
   */
  async resumePendingTurns(): Promise<number> {
    let answered = 0;
    for (const pending of await this.deps.store.listPendingTurns()) {
      for (const seq of pending.pendingSeqs) {
        const state = await this.getState(pending.id);
        const [message] = await this.deps.store.readEvents(pending.id, seq - 1, 1);
        if (!message || !state.pendingSeqs.includes(seq)) continue;
        await this.answer(pending.id, message, state);
        answered++;
      }
    }
    return answered;
  }

  /** Answers a stored customer message, unless someone already did. */
  private async answer(conversationId: string, message: StoredEvent, state: ConversationState): Promise<AppendResult> {
    if (message.type !== 'message.created' || !state.pendingSeqs.includes(message.seq)) return { events: [], state };
    const outcome = await this.decideTurn(state, message);
    return this.appendAndPublish(conversationId, (s) => commands.answerTurn(s, outcome, message.seq));
  }

  /** What the AI side does about one message (see decide-turn.ts), reading the conversation's history only if asked. */
  private async decideTurn(state: ConversationState, message: EventOf<'message.created'>): Promise<commands.TurnOutcome> {
    let history: Promise<readonly StoredEvent[]> | undefined;
    const context: BrainContext = {
      state,
      message,
      // Up to this message, so the brain answers what was said then; a bounded window, so a long conversation costs
      // no more per turn than a short one. Read only if the brain asks.
      history: () => (history ??= this.historyUpTo(message)),
    };
    const { outcome } = await decideTurn(
      {
        brain: this.deps.brain,
        escalation: this.deps.escalation,
        router: this.deps.router,
        outlook: this.deps.outlook,
        onError: (err, stage) => this.deps.log.error({ err, conversationId: state.id }, `brain failed to ${stage}; handing over`),
      },
      context,
    );
    return outcome;
  }

  private async historyUpTo(message: StoredEvent): Promise<readonly StoredEvent[]> {
    const from = Math.max(0, message.seq - HISTORY_WINDOW);
    const stored = await this.deps.store.readEvents(message.conversationId, from, message.seq - from);
    // An instant brain sees its message before it is stored.
    return stored.some((e) => e.seq === message.seq) ? stored : [...stored, message];
  }

  /** Appends what `decide` returns and publishes it: for collaborators (the dispatcher) writing commands of their own. */
  async apply(conversationId: string, decide: Decide): Promise<AppendResult> {
    return this.appendAndPublish(conversationId, decide);
  }

  private async appendAndPublish(conversationId: string, decide: Decide): Promise<AppendResult> {
    const result = await this.deps.store.append(conversationId, decide);
    await this.publish(result);
    return result;
  }

  /** The store is the source of truth: a bus failure is logged, and streams catch up from the store. */
  private async publish(result: AppendResult): Promise<void> {
    if (result.events.length === 0) return;
    this.remember(result.state);
    try {
      this.deps.onAppended?.(result);
    } catch (error) {
      this.deps.log.error({ err: error, conversationId: result.state.id }, 'after-append hook failed');
    }
    try {
      await this.deps.bus.publish({ conversationId: result.state.id, events: result.events, state: result.state });
    } catch (error) {
      this.deps.log.error({ err: error, conversationId: result.state.id }, 'bus publish failed');
    }
  }
}
