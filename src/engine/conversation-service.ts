import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { UNKNOWN_INTENT, type Brain, type BrainContext, type Understanding } from '../brain/brain.ts';
import type { Bus } from '../bus/bus.ts';
import * as commands from '../domain/commands.ts';
import type { AgentRef } from '../domain/commands.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import type { CustomerProfile, StoredEvent } from '../domain/events.ts';
import { aiErrorDecision, buttonDecision, type EscalationDecision, type EscalationPolicy } from '../escalation/policy.ts';
import type { Router } from '../routing/router.ts';
import type { AppendResult, Decide, Store } from '../store/store.ts';
import { aiErrorNotice, handoverNotice, stillQueuedNotice } from './customer-notices.ts';

export interface ConversationServiceDeps {
  store: Store;
  bus: Bus;
  brain: Brain;
  escalation: EscalationPolicy;
  router: Router;
  log: Logger;
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

/** How many events before a customer message the brain and the policy read to decide on it. */
const HISTORY_WINDOW = 60;

/**
 * The one entry point for every channel. A customer message is stored first (so it is never lost), then the brain
 * and the escalation policy decide on the turn, and what they decide is appended under the conversation's lock,
 * where the owner is checked again: the AI never speaks once a person owns the conversation.
 */
export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  async startConversation(input: { customer: CustomerProfile; channel: string; tokenHash: string }): Promise<ConversationState> {
    const result = await this.deps.store.createConversation({
      id: randomUUID(),
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
    const stored = await this.deps.store.append(
      conversationId,
      (s) => commands.customerMessage(s, input.text, input.clientMessageId),
      { clientMessageId: input.clientMessageId },
    );
    if (stored.duplicateOf) {
      // A resend of a message whose turn never finished (the first attempt died) finishes it now.
      const first = stored.duplicateOf;
      if (stored.state.pendingSeqs.includes(first.seq)) await this.answer(conversationId, first, stored.state);
      const replies = await this.deps.store.readReplies(conversationId, first.seq);
      return { message: first, replies, state: (await this.deps.store.getState(conversationId))!, duplicate: true };
    }
    await this.publish(stored);
    const message = stored.events.find(isMessage)!;
    const answered = await this.answer(conversationId, message, stored.state);
    const replies = answered.events.filter(isMessage);
    return {
      message,
      // Empty when another attempt answered first; the customer gets that answer.
      replies: replies.length > 0 ? replies : await this.deps.store.readReplies(conversationId, message.seq),
      state: answered.state,
      duplicate: false,
    };
  }

  /** The "talk to a person" button: a handover with `human_requested`, whatever the AI would have said. */
  async requestHandoverByCustomer(conversationId: string): Promise<{ replies: StoredEvent[]; state: ConversationState }> {
    const state = await this.getState(conversationId);
    const result = await this.handOver(conversationId, state, buttonDecision(), 'button');
    return { replies: result.events.filter(isMessage), state: result.state };
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

  /** Decides the turn: hand over, or let the AI reply. Nothing is said while a person owns the conversation. */
  private async answer(conversationId: string, message: StoredEvent, state: ConversationState): Promise<AppendResult> {
    if (state.owner === 'human' || state.owner === 'closed') return { events: [], state };
    if (!state.pendingSeqs.includes(message.seq)) return { events: [], state };
    if (message.type !== 'message.created') return { events: [], state };
    let history: Promise<readonly StoredEvent[]> | undefined;
    const context: BrainContext = {
      state,
      message,
      // Up to this message, so the brain answers what was said then; a bounded window, so a long conversation costs
      // no more per turn than a short one. Read only if the brain asks.
      history: () => {
        const from = Math.max(0, message.seq - HISTORY_WINDOW);
        history ??= this.deps.store.readEvents(conversationId, from, message.seq - from);
        return history;
      },
    };
    let understanding: Understanding;
    let decision: EscalationDecision;
    try {
      understanding = await this.deps.brain.understand(context);
      decision = this.deps.escalation.decide({ state, understanding });
    } catch (error) {
      this.deps.log.error({ err: error, conversationId }, 'brain failed to understand; handing over');
      return this.handOver(conversationId, state, aiErrorDecision('the assistant could not process the message'), 'policy', message.seq);
    }
    if (decision.handover) {
      if (state.owner === 'queue') {
        return this.appendAndPublish(conversationId, (s) => commands.systemReply(s, stillQueuedNotice(s.team ?? 'general'), message.seq));
      }
      return this.handOver(conversationId, state, decision, 'policy', message.seq);
    }
    try {
      const reply = await this.deps.brain.respond(context, understanding);
      return await this.appendAndPublish(conversationId, (s) =>
        commands.aiReply(s, {
          text: reply.text,
          sources: reply.sources,
          intent: reply.intent ?? understanding.intent,
          understood: understanding.intent !== UNKNOWN_INTENT,
          replyTo: message.seq,
        }),
      );
    } catch (error) {
      this.deps.log.error({ err: error, conversationId }, 'brain failed to respond; handing over');
      return this.handOver(conversationId, state, aiErrorDecision('the assistant could not write a reply'), 'policy', message.seq);
    }
  }

  private async handOver(
    conversationId: string,
    state: ConversationState,
    decision: EscalationDecision,
    trigger: 'button' | 'policy',
    replyTo?: number,
  ): Promise<AppendResult> {
    const target = this.deps.router.route(decision, state);
    const aiFailed = decision.reasons.some((r) => r.code === 'ai_error');
    const notice = (aiFailed ? `${aiErrorNotice()} ` : '') + handoverNotice(target.team);
    return this.appendAndPublish(conversationId, (s) =>
      commands.requestHandover(s, {
        trigger,
        reasons: decision.reasons,
        topics: decision.topics,
        priority: target.priority,
        team: target.team,
        rules: decision.rules,
        notice,
        replyTo,
      }),
    );
  }

  private async appendAndPublish(conversationId: string, decide: Decide): Promise<AppendResult> {
    const result = await this.deps.store.append(conversationId, decide);
    await this.publish(result);
    return result;
  }

  /** The store is the source of truth: a bus failure is logged, and streams catch up from the store. */
  private async publish(result: AppendResult): Promise<void> {
    if (result.events.length === 0) return;
    try {
      await this.deps.bus.publish({ conversationId: result.state.id, events: result.events, state: result.state });
    } catch (error) {
      this.deps.log.error({ err: error, conversationId: result.state.id }, 'bus publish failed');
    }
  }
}
